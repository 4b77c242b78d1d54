package io.voxgate.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The messages Twilio sends on a bidirectional Media Stream (protocols.md §1.3), written as ASCII straight into
 * Netty buffers: every field a string where Twilio's is, {@code sequenceNumber} counting every message from
 * {@code start} = 1, {@code media.chunk} from 1, {@code media.timestamp} in ms since the stream started.
 *
 * <p>One instance per call (it holds the call's SIDs); used on the call's event loop only.
 */
final class TwilioOutbound
{
    /** Sent first, before {@code start}; it has no sequence number. */
    static final byte[] CONNECTED =
        ascii("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
    private static final byte[] MEDIA_HEAD = ascii("{\"event\":\"media\",\"sequenceNumber\":\"");
    private static final byte[] MARK_HEAD = ascii("{\"event\":\"mark\",\"sequenceNumber\":\"");
    private static final byte[] STOP_HEAD = ascii("{\"event\":\"stop\",\"sequenceNumber\":\"");
    private static final byte[] CHUNK = ascii("\",\"media\":{\"track\":\"inbound\",\"chunk\":\"");
    private static final byte[] TIMESTAMP = ascii("\",\"timestamp\":\"");
    private static final byte[] PAYLOAD = ascii("\",\"payload\":\"");
    private static final byte[] MEDIA_TAIL = ascii("\"}}");
    private static final byte[] MARK_NAME = ascii("\",\"mark\":{\"name\":\"");
    private static final int MAX_DIGITS = 20;

    private final String streamSid;
    private final String callSid;
    private final String accountSid;
    private final byte[] sidField;

    TwilioOutbound(final String streamSid, final String callSid, final String accountSid)
    {
        this.streamSid = streamSid;
        this.callSid = callSid;
        this.accountSid = accountSid;
        this.sidField = ascii("\",\"streamSid\":\"" + streamSid);
    }

    ByteBuf start(final ByteBufAllocator alloc, final String assistant)
    {
        final String json = "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + streamSid + "\"," +
            "\"start\":{\"streamSid\":\"" + streamSid + "\",\"accountSid\":\"" + accountSid + "\",\"callSid\":\"" +
            callSid + "\",\"tracks\":[\"inbound\"],\"customParameters\":{\"assistant\":\"" + assistant +
            "\",\"caller\":\"+14155550100\"},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000," +
            "\"channels\":1}}}";
        return alloc.ioBuffer(json.length()).writeBytes(ascii(json));
    }

    ByteBuf media(final ByteBufAllocator alloc, final long sequence, final long chunk, final long timestampMs,
        final byte[] payload)
    {
        final ByteBuf buf = alloc.ioBuffer(MEDIA_HEAD.length + sidField.length + CHUNK.length + TIMESTAMP.length +
            PAYLOAD.length + MEDIA_TAIL.length + 3 * MAX_DIGITS + payload.length);
        buf.writeBytes(MEDIA_HEAD);
        writeDigits(buf, sequence);
        buf.writeBytes(sidField).writeBytes(CHUNK);
        writeDigits(buf, chunk);
        buf.writeBytes(TIMESTAMP);
        writeDigits(buf, timestampMs);
        return buf.writeBytes(PAYLOAD).writeBytes(payload).writeBytes(MEDIA_TAIL);
    }

    ByteBuf mark(final ByteBufAllocator alloc, final long sequence, final String name)
    {
        final ByteBuf buf = alloc.ioBuffer(MARK_HEAD.length + sidField.length + MARK_NAME.length + MAX_DIGITS +
            name.length() + MEDIA_TAIL.length);
        buf.writeBytes(MARK_HEAD);
        writeDigits(buf, sequence);
        buf.writeBytes(sidField).writeBytes(MARK_NAME);
        buf.writeCharSequence(name, StandardCharsets.US_ASCII);
        return buf.writeBytes(MEDIA_TAIL);
    }

    ByteBuf stop(final ByteBufAllocator alloc, final long sequence)
    {
        final ByteBuf buf = alloc.ioBuffer(256);
        buf.writeBytes(STOP_HEAD);
        writeDigits(buf, sequence);
        buf.writeBytes(sidField);
        buf.writeCharSequence("\",\"stop\":{\"accountSid\":\"" + accountSid + "\",\"callSid\":\"" + callSid + "\"}}",
            StandardCharsets.US_ASCII);
        return buf;
    }

    /** Writes a non-negative number in decimal without making a String. */
    static void writeDigits(final ByteBuf buf, final long value)
    {
        if (value < 10)
        {
            buf.writeByte('0' + (int)value);
            return;
        }
        long divisor = 1;
        while (value / divisor >= 10)
        {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10)
        {
            buf.writeByte('0' + (int)(value / divisor % 10));
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
