package io.voxgate.server.twilio;

import io.voxgate.server.metrics.Labelled;

/**
 * Why the transport dropped a message that was otherwise well-formed (the pipeline counts its own drops: ring
 * full, invalid base64, oversized payloads).
 */
public enum TransportDrop implements Labelled
{
    /** Inbound {@code media} on the outbound track (only forked streams send it): not the caller's audio. */
    OUTBOUND_TRACK("outbound_track"),
    /** Egress message for a call whose WebSocket is already closed. */
    EGRESS_CHANNEL_CLOSED("egress_channel_closed"),
    /** Egress message while the socket's write buffer is above its high-water mark (the peer is not reading). */
    EGRESS_BACKPRESSURE("egress_backpressure");

    private final String label;

    TransportDrop(final String label)
    {
        this.label = label;
    }

    @Override
    public String label()
    {
        return label;
    }
}
