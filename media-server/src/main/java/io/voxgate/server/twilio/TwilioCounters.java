package io.voxgate.server.twilio;

import java.util.concurrent.atomic.LongAdder;

import io.voxgate.server.metrics.EnumCounter;

/**
 * The Twilio transport's own counters (the pipeline counts what happens after the ingress ring): messages and
 * bytes in and out, protocol errors by kind, drops by reason, call outcomes.
 *
 * <p>Thread-safe and allocation-free to increment: written by every event loop and by the egress thread, read at
 * scrape time.
 */
public final class TwilioCounters
{
    final LongAdder messagesIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder callsAccepted = new LongAdder();
    final EnumCounter<ProtocolError> protocolErrors = new EnumCounter<>(ProtocolError.class);
    final EnumCounter<TransportDrop> drops = new EnumCounter<>(TransportDrop.class);
    final EnumCounter<CallOutcome> outcomes = new EnumCounter<>(CallOutcome.class);

    /** @return WebSocket messages received on Twilio streams. */
    public long messagesIn()
    {
        return messagesIn.sum();
    }

    /** @return WebSocket message bytes received. */
    public long bytesIn()
    {
        return bytesIn.sum();
    }

    /** @return WebSocket messages written to Twilio streams. */
    public long messagesOut()
    {
        return messagesOut.sum();
    }

    /** @return WebSocket message bytes written. */
    public long bytesOut()
    {
        return bytesOut.sum();
    }

    /** @return WebSocket upgrades accepted on {@code /twilio}. */
    public long callsAccepted()
    {
        return callsAccepted.sum();
    }

    /** @return protocol errors by kind. */
    public EnumCounter<ProtocolError> protocolErrors()
    {
        return protocolErrors;
    }

    /** @return transport drops by reason. */
    public EnumCounter<TransportDrop> drops()
    {
        return drops;
    }

    /** @return how calls ended or why they were refused. */
    public EnumCounter<CallOutcome> outcomes()
    {
        return outcomes;
    }
}
