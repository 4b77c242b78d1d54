package io.voxgate.bench.loadgen;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls of one event loop and that loop's statistics. The tick timer hands each group one task per 20 ms tick;
 * the task sends every call's frame for that tick, so frames never cross threads.
 *
 * <p><b>Threading:</b> everything but {@link #loop()} runs on the group's event loop.
 */
final class CallGroup
{
    private final EventLoop loop;
    private final LoadStats stats = new LoadStats();
    private final ServerMessage message = new ServerMessage();
    private final List<SimulatedCall> calls = new ArrayList<>();

    CallGroup(final EventLoop loop)
    {
        this.loop = loop;
    }

    EventLoop loop()
    {
        return loop;
    }

    LoadStats stats()
    {
        return stats;
    }

    ServerMessage message()
    {
        return message;
    }

    void add(final SimulatedCall call)
    {
        calls.add(call);
    }

    /**
     * Runs one tick for every call of this loop.
     *
     * @param scheduledNanos when the tick was due ({@code System.nanoTime()}).
     */
    void tick(final long scheduledNanos)
    {
        final long now = System.nanoTime();
        if (calls.isEmpty())
        {
            // Pacing matters only for ticks that send frames (not before the first call or after the last).
            return;
        }
        LoadStats.record(stats.tickLateness, now - scheduledNanos);
        // Calls are kept in order; finished ones are compacted out in the same pass.
        int kept = 0;
        for (int i = 0; i < calls.size(); i++)
        {
            final SimulatedCall call = calls.get(i);
            if (call.tick(now))
            {
                calls.set(kept++, call);
            }
        }
        calls.subList(kept, calls.size()).clear();
    }
}
