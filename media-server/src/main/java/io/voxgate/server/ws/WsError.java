package io.voxgate.server.ws;

import io.voxgate.server.metrics.Labelled;

/**
 * The error codes of WS v1 ({@code docs/WS_V1.md}): the stable {@code code} a client branches on, whether the error
 * ends the session, and the WebSocket close status it ends with. Also the metric label of each error's counter.
 */
public enum WsError implements Labelled
{
    /** A text frame that is not a JSON object with a string {@code type}. */
    MALFORMED_JSON("malformed_json", 1007),
    /** A message or audio before {@code session.start}. */
    NOT_STARTED("not_started", 1008),
    /** A second {@code session.start}. */
    ALREADY_STARTED("already_started", 0),
    /** A {@code type} the protocol does not define. */
    UNKNOWN_TYPE("unknown_type", 0),
    /** A known type with a missing or mistyped field. */
    INVALID_MESSAGE("invalid_message", 0),
    /** {@code session.start} asked for an audio format the server does not take. */
    UNSUPPORTED_AUDIO_FORMAT("unsupported_audio_format", 1003),
    /** {@code metadata.overrides} named a setting that may not be overridden, or gave a bad value. */
    OVERRIDE_NOT_ALLOWED("override_not_allowed", 1008),
    /** The assistant asked for does not exist. */
    UNKNOWN_ASSISTANT("unknown_assistant", 1008),
    /** A binary frame with an odd byte count, empty, or over 100 ms. */
    AUDIO_FRAME_SIZE("audio_frame_size", 0),
    /** {@code tool.result} for a call the server is not waiting for. */
    UNKNOWN_TOOL_CALL("unknown_tool_call", 0),
    /** A frame over the frame limit or a text message over {@link WsProtocol#MAX_TEXT_BYTES}. */
    MESSAGE_TOO_LARGE("message_too_large", 1009),
    /** The session sent more control messages than the server has taken yet: this one was dropped. */
    RATE_LIMITED("rate_limited", 0),
    /** No room for another session. */
    OVERLOADED("overloaded", 1013),
    /** The server is shutting down. */
    DRAINING("draining", 1001);

    private final String code;
    private final int closeStatus;

    WsError(final String code, final int closeStatus)
    {
        this.code = code;
        this.closeStatus = closeStatus;
    }

    /** @return the protocol's {@code code} string. */
    public String code()
    {
        return code;
    }

    /** @return whether the session ends with this error. */
    public boolean isFatal()
    {
        return closeStatus != 0;
    }

    /** @return the WebSocket close status for a fatal error, 0 otherwise. */
    public int closeStatus()
    {
        return closeStatus;
    }

    @Override
    public String label()
    {
        return code;
    }
}
