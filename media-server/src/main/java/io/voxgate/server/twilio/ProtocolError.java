package io.voxgate.server.twilio;

import io.voxgate.server.metrics.Labelled;

/**
 * Every way a Twilio Media Streams peer can break the protocol (protocols.md §1.3), with what we do about it: a
 * fatal error closes the WebSocket with {@link #closeStatus()}, a non-fatal one drops or ignores the message. Each
 * is counted ({@code voxgate_protocol_errors_total{kind}}) and logged once per call with the call's stream SID.
 *
 * <p>Close statuses follow RFC 6455 §7.4.1: 1003 data we cannot accept, 1007 payload inconsistent with the message
 * type, 1008 policy violation, 1009 message too big.
 */
public enum ProtocolError implements Labelled
{
    /** Text frame that is not one complete JSON object. */
    MALFORMED_JSON("malformed_json", 1007),
    /** Binary frame: Twilio only sends text frames (its debugger calls a binary frame error 31950). */
    BINARY_FRAME("binary_frame", 1003),
    /** Message larger than the configured maximum frame size. */
    FRAME_TOO_BIG("frame_too_big", 1009),
    /** Text frame that is not valid UTF-8 (detected by Netty's frame validator). */
    INVALID_UTF8("invalid_utf8", 1007),
    /** WebSocket framing error (reserved bits, bad opcode, fragmented control frame...). */
    WEBSOCKET_PROTOCOL("websocket_protocol", 1002),
    /** A known field with the wrong JSON type, e.g. {@code "media":"x"} or a non-numeric {@code sequenceNumber}. */
    WRONG_FIELD_TYPE("wrong_field_type", 1007),
    /** A required field is absent: {@code event}, {@code media.payload}, {@code start.streamSid}, ... */
    MISSING_FIELD("missing_field", 1007),
    /** The stream SID is empty, longer than 128 characters or not printable ASCII. */
    INVALID_STREAM_SID("invalid_stream_sid", 1007),
    /** {@code mediaFormat} other than audio/x-mulaw, 8000 Hz, 1 channel. */
    UNSUPPORTED_MEDIA_FORMAT("unsupported_media_format", 1003),
    /** {@code media} before {@code start}. */
    MEDIA_BEFORE_START("media_before_start", 1008),
    /** {@code dtmf}, {@code mark} or {@code stop} before {@code start}. */
    EVENT_BEFORE_START("event_before_start", 1008),
    /** A second {@code start} on the same WebSocket (one WebSocket carries one stream). */
    DUPLICATE_START("duplicate_start", 1008),
    /**
     * With {@code TWILIO_AUTH_TOKEN} set: a {@code start} whose {@code token} custom parameter is missing, expired,
     * forged or minted for another CallSid ({@link StreamToken}); refused before the call gets a session.
     */
    INVALID_STREAM_TOKEN("invalid_stream_token", 1008),
    /** {@code media.payload} that is not strict base64: the frame is dropped, the call goes on. */
    INVALID_BASE64("invalid_base64", 0),
    /** {@code media.payload} decoding to more than a ring slot holds: the frame is dropped. */
    PAYLOAD_TOO_LARGE("payload_too_large", 0),
    /** DTMF digit outside {@code 0-9 * # A-D}: ignored. */
    BAD_DTMF_DIGIT("bad_dtmf_digit", 0),
    /** Echoed mark name that is not ASCII or too long to be ours: ignored. */
    BAD_MARK("bad_mark", 0),
    /** An event name we do not know: ignored, for forward compatibility. */
    UNKNOWN_EVENT("unknown_event", 0),
    /** A message whose {@code streamSid} is not the stream's: ignored. */
    STREAM_SID_MISMATCH("stream_sid_mismatch", 0),
    /** A {@code connected} after the stream started: ignored. */
    UNEXPECTED_CONNECTED("unexpected_connected", 0);

    private final String label;
    private final int closeStatus;

    ProtocolError(final String label, final int closeStatus)
    {
        this.label = label;
        this.closeStatus = closeStatus;
    }

    @Override
    public String label()
    {
        return label;
    }

    /**
     * The WebSocket close status a fatal error closes the call with.
     *
     * @return the status, or 0 when the error is not fatal.
     */
    public int closeStatus()
    {
        return closeStatus;
    }

    /**
     * Whether the error ends the call.
     *
     * @return true when the WebSocket is closed.
     */
    public boolean isFatal()
    {
        return closeStatus != 0;
    }

    /**
     * The error for a WebSocket close status Netty's frame decoder chose.
     *
     * @param status the status of Netty's {@code CorruptedWebSocketFrameException}.
     * @return the matching error.
     */
    static ProtocolError forNettyStatus(final int status)
    {
        return switch (status)
        {
            case 1009 -> FRAME_TOO_BIG;
            case 1007 -> INVALID_UTF8;
            default -> WEBSOCKET_PROTOCOL;
        };
    }
}
