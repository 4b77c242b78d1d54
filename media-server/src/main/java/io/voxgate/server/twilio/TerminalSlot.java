package io.voxgate.server.twilio;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.voxgate.server.pipeline.IngressRing;
import io.voxgate.server.pipeline.PublishResult;

/**
 * Publishes a session's one terminal slot ({@code stop} or {@code closed}). It must never be lost, or the session
 * would hold its index and per-call state forever: while the ring is full it is retried on the call's event loop
 * (which keeps the session's slots in order), every {@link #RETRY_MICROS} µs, until the ring takes it.
 *
 * <p>A value object scheduled as its own retry task; allocated once per call end.
 */
final class TerminalSlot implements Runnable
{
    static final long RETRY_MICROS = 500;

    private final IngressRing ingress;
    private final EventLoop loop;
    private final CallErrorLog errors;
    private final String streamSid;
    private final int sessionIndex;
    private final boolean stop;
    private final long receivedNanos;
    private final long sequence;
    private final int status;

    private TerminalSlot(
        final IngressRing ingress,
        final EventLoop loop,
        final CallErrorLog errors,
        final String streamSid,
        final int sessionIndex,
        final boolean stop,
        final long receivedNanos,
        final long sequence,
        final int status)
    {
        this.ingress = ingress;
        this.loop = loop;
        this.errors = errors;
        this.streamSid = streamSid;
        this.sessionIndex = sessionIndex;
        this.stop = stop;
        this.receivedNanos = receivedNanos;
        this.sequence = sequence;
        this.status = status;
    }

    /** Publishes Twilio's {@code stop}, retrying later if the ring is full. */
    static void stop(final IngressRing ingress, final EventLoop loop, final CallErrorLog errors,
        final String streamSid, final int sessionIndex, final long receivedNanos, final long sequence)
    {
        new TerminalSlot(ingress, loop, errors, streamSid, sessionIndex, true, receivedNanos, sequence, 0).run();
    }

    /** Publishes the end of a socket that had no {@code stop}, retrying later if the ring is full. */
    static void closed(final IngressRing ingress, final EventLoop loop, final CallErrorLog errors,
        final String streamSid, final int sessionIndex, final long receivedNanos, final int status)
    {
        new TerminalSlot(ingress, loop, errors, streamSid, sessionIndex, false, receivedNanos, 0, status).run();
    }

    @Override
    public void run()
    {
        final int result = stop ? ingress.tryPublishStop(sessionIndex, receivedNanos, sequence) :
            ingress.tryPublishClosed(sessionIndex, receivedNanos, status);
        if (result == PublishResult.RING_FULL)
        {
            try
            {
                loop.schedule(this, RETRY_MICROS, TimeUnit.MICROSECONDS);
            }
            catch (final RejectedExecutionException ex)
            {
                errors.endLost(streamSid, sessionIndex);
            }
        }
        else if (result != PublishResult.PUBLISHED)
        {
            errors.publishFailed(result, stop ? "stop" : "closed", streamSid);
        }
    }
}
