package io.voxgate.server.pipeline;

import io.voxgate.codec.base64.Base64Encoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Builds the outbound Twilio Media Streams messages (protocols.md §1.4) as UTF-8 bytes in one reused buffer,
 * without JSON trees or per-message strings:
 * <pre>
 * {"event":"media","streamSid":"MZ...","media":{"payload":"f39/fn5+..."}}
 * {"event":"mark","streamSid":"MZ...","mark":{"name":"r7:t3:s2:1840"}}
 * {"event":"clear","streamSid":"MZ..."}
 * </pre>
 * The stream SID is validated when the call starts ({@link CallStart}) so it can be copied verbatim; mark names are
 * digits and punctuation of our own; base64 needs no escaping.
 *
 * <p>Not thread-safe: owned by the egress thread. Each {@code write} method returns the message length; the message
 * is valid in {@link #buffer()} from index 0 until the next call.
 */
final class TwilioMessageWriter
{
    /** Most μ-law bytes in one media message: 100 ms at 8 kHz. */
    static final int MAX_MEDIA_BYTES = 800;

    private static final byte[] MEDIA_HEAD = ascii("{\"event\":\"media\",\"streamSid\":\"");
    private static final byte[] MEDIA_MIDDLE = ascii("\",\"media\":{\"payload\":\"");
    private static final byte[] MARK_HEAD = ascii("{\"event\":\"mark\",\"streamSid\":\"");
    private static final byte[] MARK_MIDDLE = ascii("\",\"mark\":{\"name\":\"");
    private static final byte[] CLEAR_HEAD = ascii("{\"event\":\"clear\",\"streamSid\":\"");
    private static final byte[] OBJECT_END = ascii("\"}}");
    private static final byte[] STRING_END = ascii("\"}");

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[
        MEDIA_HEAD.length + CallStart.MAX_STREAM_SID_LENGTH + MEDIA_MIDDLE.length +
        Base64Encoder.encodedLength(MAX_MEDIA_BYTES + 8) + OBJECT_END.length]);

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int media(final byte[] streamSid, final DirectBuffer mulaw, final int offset, final int length)
    {
        int at = put(0, MEDIA_HEAD);
        at = put(at, streamSid);
        at = put(at, MEDIA_MIDDLE);
        at += Base64Encoder.encode(mulaw, offset, length, buffer, at);
        return put(at, OBJECT_END);
    }

    /** A mark named as {@code io.voxgate.orchestrator.model.PlayoutMarks#name}: {@code r<run>:t<turn>:s<seg>:<ms>}. */
    int mark(final byte[] streamSid, final long runId, final int turn, final int segment, final long segmentEndMs)
    {
        int at = put(0, MARK_HEAD);
        at = put(at, streamSid);
        at = put(at, MARK_MIDDLE);
        at = putMarkName(at, runId, turn, segment, segmentEndMs);
        return put(at, OBJECT_END);
    }

    /** Writes only a mark's name ({@code r<run>:t<turn>:s<segment>:<ms>}) at the buffer's start; returns its length. */
    int markName(final long runId, final int turn, final int segment, final long segmentEndMs)
    {
        return putMarkName(0, runId, turn, segment, segmentEndMs);
    }

    private int putMarkName(final int start, final long runId, final int turn, final int segment,
        final long segmentEndMs)
    {
        int at = start;
        buffer.putByte(at++, (byte)'r');
        at += buffer.putLongAscii(at, runId);
        buffer.putByte(at++, (byte)':');
        buffer.putByte(at++, (byte)'t');
        at += buffer.putIntAscii(at, turn);
        buffer.putByte(at++, (byte)':');
        buffer.putByte(at++, (byte)'s');
        at += buffer.putIntAscii(at, segment);
        buffer.putByte(at++, (byte)':');
        at += buffer.putLongAscii(at, segmentEndMs);
        return at;
    }

    int clear(final byte[] streamSid)
    {
        int at = put(0, CLEAR_HEAD);
        at = put(at, streamSid);
        return put(at, STRING_END);
    }

    private int put(final int at, final byte[] bytes)
    {
        buffer.putBytes(at, bytes);
        return at + bytes.length;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
