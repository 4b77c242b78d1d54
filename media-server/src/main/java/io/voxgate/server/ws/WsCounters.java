package io.voxgate.server.ws;

import io.voxgate.server.metrics.EnumCounter;

import java.util.concurrent.atomic.LongAdder;

/**
 * WS v1 transport counters for {@code /metrics}: sessions opened and refused, audio frames and bytes in, text and
 * audio messages out, errors by code, audio dropped on a full ring or a slow client.
 *
 * <p>Thread-safe: incremented on event loops and the egress thread, read at scrape time.
 */
public final class WsCounters
{
    final EnumCounter<WsError> errors = new EnumCounter<>(WsError.class);
    final LongAdder sessionsStarted = new LongAdder();
    final LongAdder upgradesRefused = new LongAdder();
    final LongAdder audioFramesIn = new LongAdder();
    final LongAdder audioBytesIn = new LongAdder();
    final LongAdder audioFramesDropped = new LongAdder();
    final LongAdder eventsOut = new LongAdder();
    final LongAdder audioFramesOut = new LongAdder();
    final LongAdder egressDropped = new LongAdder();

    /** @return errors sent to clients, by code. */
    public EnumCounter<WsError> errors()
    {
        return errors;
    }

    /** @return sessions that got {@code session.started}. */
    public long sessionsStarted()
    {
        return sessionsStarted.sum();
    }

    /** @return upgrades refused (auth, draining, capacity). */
    public long upgradesRefused()
    {
        return upgradesRefused.sum();
    }

    /** Counts an upgrade refused (auth, draining, capacity). */
    public void upgradeRefused()
    {
        upgradesRefused.increment();
    }

    /** @return caller audio frames accepted. */
    public long audioFramesIn()
    {
        return audioFramesIn.sum();
    }

    /** @return caller audio bytes accepted. */
    public long audioBytesIn()
    {
        return audioBytesIn.sum();
    }

    /** @return caller audio frames the ingress ring had no room for. */
    public long audioFramesDropped()
    {
        return audioFramesDropped.sum();
    }

    /** @return typed events written to clients. */
    public long eventsOut()
    {
        return eventsOut.sum();
    }

    /** @return reply audio frames written to clients. */
    public long audioFramesOut()
    {
        return audioFramesOut.sum();
    }

    /** @return egress messages dropped because the client's socket was closed or not writable. */
    public long egressDropped()
    {
        return egressDropped.sum();
    }
}
