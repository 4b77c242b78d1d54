package io.voxgate.bench.loadgen;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@link CallGroup} per event loop of the client group, and a latch counting calls that are over (completed or
 * failed). The map is built before any call connects and never changes, so any thread may read it.
 */
final class CallGroups
{
    private final Map<EventExecutor, CallGroup> byLoop = new IdentityHashMap<>();
    private final List<CallGroup> all = new ArrayList<>();
    private final CountDownLatch finished;

    CallGroups(final EventLoopGroup loops, final int calls)
    {
        for (final EventExecutor executor : loops)
        {
            final CallGroup group = new CallGroup((EventLoop)executor);
            byLoop.put(executor, group);
            all.add(group);
        }
        this.finished = new CountDownLatch(calls);
    }

    CallGroup of(final EventExecutor loop)
    {
        return byLoop.get(loop);
    }

    List<CallGroup> all()
    {
        return all;
    }

    void callFinished()
    {
        finished.countDown();
    }

    boolean awaitAll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return finished.await(timeout, unit);
    }

    long unfinished()
    {
        return finished.getCount();
    }
}
