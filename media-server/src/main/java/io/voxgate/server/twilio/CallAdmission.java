package io.voxgate.server.twilio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Decides whether a new Twilio WebSocket may be opened, tracks the open ones, and drains them on shutdown.
 *
 * <p>A call is admitted on its WebSocket upgrade while the server is not draining and fewer than
 * {@code maxCalls} calls are open; it counts as active until its channel closes. Once {@link #startDraining()} is
 * called every further upgrade is refused and {@link #drained()} completes when the last active call has ended.
 *
 * <p>Thread-safe: admissions come from every event loop, draining from a shutdown thread.
 */
public final class CallAdmission
{
    /** User event fired into each call's pipeline when the drain period is over: close with 1001. */
    public static final Object DRAIN_DEADLINE = new Object()
    {
        @Override
        public String toString()
        {
            return "DRAIN_DEADLINE";
        }
    };

    private final int maxCalls;
    private final AtomicInteger active = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup("twilio-calls", GlobalEventExecutor.INSTANCE);
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    /**
     * Creates the admission for at most {@code maxCalls} concurrent calls.
     *
     * @param maxCalls the limit, at least 1.
     */
    public CallAdmission(final int maxCalls)
    {
        if (maxCalls < 1)
        {
            throw new IllegalArgumentException("maxCalls must be at least 1: " + maxCalls);
        }
        this.maxCalls = maxCalls;
    }

    /**
     * Admits a call's channel, or says why not.
     *
     * @param channel the upgrading channel.
     * @return {@code null} when admitted (it is active until it closes), else the refusal.
     */
    public CallOutcome tryAdmit(final Channel channel)
    {
        if (draining)
        {
            return CallOutcome.REFUSED_DRAINING;
        }
        // Into the group before it is counted: whoever sees the count (a drain about to call closeAll) must find
        // the channel there too, or a call admitted at that moment would miss the drain deadline.
        channels.add(channel);
        if (active.incrementAndGet() > maxCalls)
        {
            channels.remove(channel);
            release();
            return CallOutcome.REFUSED_CAPACITY;
        }
        channel.closeFuture().addListener(future -> release());
        return null;
    }

    /**
     * Whether the server is draining (readiness reports 503, upgrades are refused).
     *
     * @return true once {@link #startDraining()} was called.
     */
    public boolean isDraining()
    {
        return draining;
    }

    /** @return calls whose WebSocket is open. */
    public int activeCalls()
    {
        return active.get();
    }

    /** Refuses every further call from now on; {@link #drained()} completes when the active ones have ended. */
    public void startDraining()
    {
        draining = true;
        if (active.get() == 0)
        {
            drained.complete(null);
        }
    }

    /**
     * Completes once draining and no call is active.
     *
     * @return the future; never fails.
     */
    public CompletableFuture<Void> drained()
    {
        return drained;
    }

    /**
     * Tells every open call that the drain period is over (each closes itself with status 1001).
     *
     * @return completes when all those channels have closed.
     */
    public ChannelGroupFuture closeAll()
    {
        final ChannelGroupFuture closed = channels.newCloseFuture();
        for (final Channel channel : channels)
        {
            channel.pipeline().fireUserEventTriggered(DRAIN_DEADLINE);
        }
        return closed;
    }

    private void release()
    {
        if (active.decrementAndGet() == 0 && draining)
        {
            drained.complete(null);
        }
    }
}
