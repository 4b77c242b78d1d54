package io.voxgate.server.pipeline;

import org.agrona.concurrent.NanoClock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock the test moves: the pipeline's timers fire when the test advances it, never by wall time.
 */
final class ManualClock implements NanoClock
{
    static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000_000L * MS);

    @Override
    public long nanoTime()
    {
        return now.get();
    }

    long advanceMillis(final long millis)
    {
        return now.addAndGet(millis * MS);
    }

    void set(final long nanos)
    {
        now.set(nanos);
    }
}
