package io.voxgate.server.twilio;

import io.voxgate.server.metrics.Labelled;

/**
 * How a Twilio WebSocket ended or why it was refused: the label of {@code voxgate_calls_closed_total{reason}} and
 * {@code voxgate_calls_rejected_total{reason}}.
 */
public enum CallOutcome implements Labelled
{
    /** Twilio sent {@code stop}. */
    STOPPED("stopped"),
    /** The peer closed or the connection dropped without {@code stop}. */
    PEER_CLOSED("peer_closed"),
    /** A fatal protocol error closed it. */
    PROTOCOL_ERROR("protocol_error"),
    /** Nothing arrived for the idle timeout. */
    IDLE("idle"),
    /** The server drained and closed it with 1001. */
    DRAINED("drained"),
    /** The assistant hung up. */
    HUNG_UP("hung_up"),
    /** Refused: the server is draining (503 on upgrade). */
    REFUSED_DRAINING("refused_draining"),
    /** Refused: the call limit is reached (503 on upgrade, 1013 on start). */
    REFUSED_CAPACITY("refused_capacity"),
    /** Refused: missing or wrong {@code X-Twilio-Signature} (403 on upgrade). */
    REFUSED_SIGNATURE("refused_signature"),
    /** Refused: {@code start} without a valid stream token (1008 on start; see {@link StreamToken}). */
    REFUSED_TOKEN("refused_token");

    private final String label;

    CallOutcome(final String label)
    {
        this.label = label;
    }

    @Override
    public String label()
    {
        return label;
    }
}
