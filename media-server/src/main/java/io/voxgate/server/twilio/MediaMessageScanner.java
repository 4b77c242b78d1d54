package io.voxgate.server.twilio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link TwilioMessageReader}: one forward scan over a frame's bytes that reads the message a call
 * sends fifty times a second, a {@code media} event in Twilio's shape (protocols.md §1.3):
 *
 * <pre>
 *   {"event":"media","sequenceNumber":"2","streamSid":"MZ...",
 *    "media":{"track":"inbound","chunk":"1","timestamp":"21","payload":"...216 base64 characters..."}}
 * </pre>
 *
 * <p>It knows exactly the top-level keys {@code event}, {@code sequenceNumber}, {@code streamSid}, {@code media}
 * and the media object's {@code track}, {@code chunk}, {@code timestamp}, {@code payload}, in any order, each at
 * most once, with optional JSON whitespace; {@code event} must be {@code "media"}; every value is a string of
 * printable ASCII without escapes, the counters strings of 1 to 18 decimal digits. Anything else (another event,
 * an unknown or repeated key, a number, an escape, a byte outside printable ASCII, nesting, trailing bytes) and the
 * scanner declines: the caller then parses the frame with Jackson, which stays the single source of truth for
 * what is valid and for every protocol error. The scanner only accepts frames that are valid JSON, and for those it
 * writes exactly the fields Jackson's path would write.
 *
 * <p>Invariant: it writes nothing into the {@link TwilioMessage} unless it accepts; the message must have been
 * reset before. Why it exists: a profile under 400 calls had the event loops spend ~30 % of their samples in
 * Jackson's non-blocking tokenizer for these messages; this scan touches each byte once and allocates nothing
 * (its scratch array grows only for a frame longer than any before, bounded by the frame size limit).
 *
 * <p>Not thread-safe: owned by one connection's event loop, like the reader.
 */
final class MediaMessageScanner
{
    private static final int NOT_FOUND = -1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final int MAX_COUNTER_DIGITS = 18;

    private static final byte[] EVENT = ascii("event");
    private static final byte[] SEQUENCE_NUMBER = ascii("sequenceNumber");
    private static final byte[] STREAM_SID = ascii("streamSid");
    private static final byte[] MEDIA = ascii("media");
    private static final byte[] TRACK = ascii("track");
    private static final byte[] CHUNK = ascii("chunk");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] PAYLOAD = ascii("payload");
    private static final byte[] INBOUND = ascii("inbound");

    private static final int SEEN_EVENT = 1;
    private static final int SEEN_SEQUENCE_NUMBER = 1 << 1;
    private static final int SEEN_STREAM_SID = 1 << 2;
    private static final int SEEN_MEDIA = 1 << 3;
    private static final int SEEN_TRACK = 1 << 4;
    private static final int SEEN_CHUNK = 1 << 5;
    private static final int SEEN_TIMESTAMP = 1 << 6;
    private static final int SEEN_PAYLOAD = 1 << 7;

    private final int maxFrameBytes;
    /** String values widened to characters at their offsets in the frame, so they are copied on without a String. */
    private char[] chars = new char[1024];

    // The scan's findings, committed to the message only once the whole frame is accepted.
    private int seen;
    private long sequenceNumber;
    private int streamSidStart;
    private int streamSidLength;
    private boolean inboundTrack;
    private long chunk;
    private long timestampMs;
    private int payloadStart;
    private int payloadLength;
    /** End index of the last string scanned by {@link #string}. */
    private int stringEnd;
    /** Value of the last counter scanned by {@link #counter}. */
    private long counterValue;

    MediaMessageScanner(final int maxFrameBytes)
    {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Scans one frame.
     *
     * @param input   the frame's bytes from index 0; the caller has dropped trailing JSON whitespace.
     * @param length  number of bytes, at least 1 and at most the frame size limit.
     * @param message reset by the caller; written only when this returns {@code true}.
     * @return {@code true} when the frame was a {@code media} message of the known shape and is now in
     *         {@code message}; {@code false} when the caller must parse it with Jackson.
     */
    boolean scan(final byte[] input, final int length, final TwilioMessage message)
    {
        if (length > chars.length)
        {
            chars = new char[Math.max(length, Math.min(maxFrameBytes, chars.length * 2))];
        }
        seen = 0;
        inboundTrack = true;
        int pos = skipBlanks(input, 0, length);
        if (pos == length || input[pos] != '{')
        {
            return false;
        }
        pos = object(input, pos + 1, length, false);
        if (pos != length || (seen & SEEN_EVENT) == 0)
        {
            return false;
        }
        commit(message);
        return true;
    }

    /**
     * Scans the members of the root object or of {@code media}, from just after its opening brace.
     *
     * @return the index just after the closing brace (blanks skipped for the root), or {@link #NOT_FOUND}.
     */
    private int object(final byte[] input, final int from, final int length, final boolean media)
    {
        int pos = skipBlanks(input, from, length);
        if (pos < length && input[pos] == '}')
        {
            return media ? pos + 1 : skipBlanks(input, pos + 1, length);
        }
        while (pos < length && input[pos] == '"')
        {
            final int keyStart = pos + 1;
            if (string(input, keyStart, length) == NOT_FOUND)
            {
                return NOT_FOUND;
            }
            final int flag = media ? mediaKey(input, keyStart, stringEnd - keyStart) :
                rootKey(input, keyStart, stringEnd - keyStart);
            if (flag == 0 || (seen & flag) != 0)
            {
                return NOT_FOUND;
            }
            seen |= flag;
            pos = skipBlanks(input, stringEnd + 1, length);
            if (pos == length || input[pos] != ':')
            {
                return NOT_FOUND;
            }
            pos = skipBlanks(input, pos + 1, length);
            pos = value(input, pos, length, flag);
            if (pos == NOT_FOUND)
            {
                return NOT_FOUND;
            }
            pos = skipBlanks(input, pos, length);
            if (pos == length)
            {
                return NOT_FOUND;
            }
            final byte separator = input[pos];
            if (separator == '}')
            {
                return media ? pos + 1 : skipBlanks(input, pos + 1, length);
            }
            if (separator != ',')
            {
                return NOT_FOUND;
            }
            pos = skipBlanks(input, pos + 1, length);
        }
        return NOT_FOUND;
    }

    /**
     * Scans the value of the member named by {@code flag}, starting at its first byte.
     *
     * @return the index just after the value, or {@link #NOT_FOUND}.
     */
    private int value(final byte[] input, final int pos, final int length, final int flag)
    {
        if (pos == length)
        {
            return NOT_FOUND;
        }
        if (flag == SEEN_MEDIA)
        {
            return input[pos] == '{' ? object(input, pos + 1, length, true) : NOT_FOUND;
        }
        if (input[pos] != '"')
        {
            return NOT_FOUND;
        }
        final int start = pos + 1;
        if (string(input, start, length) == NOT_FOUND)
        {
            return NOT_FOUND;
        }
        final int valueLength = stringEnd - start;
        switch (flag)
        {
            case SEEN_EVENT ->
            {
                if (!matches(input, start, valueLength, MEDIA))
                {
                    return NOT_FOUND;
                }
            }
            case SEEN_STREAM_SID ->
            {
                streamSidStart = start;
                streamSidLength = valueLength;
            }
            case SEEN_PAYLOAD ->
            {
                payloadStart = start;
                payloadLength = valueLength;
            }
            case SEEN_TRACK -> inboundTrack = matches(input, start, valueLength, INBOUND);
            default ->
            {
                if (!counter(input, start, valueLength))
                {
                    return NOT_FOUND;
                }
                switch (flag)
                {
                    case SEEN_SEQUENCE_NUMBER -> sequenceNumber = counterValue;
                    case SEEN_CHUNK -> chunk = counterValue;
                    default -> timestampMs = counterValue;
                }
            }
        }
        return stringEnd + 1;
    }

    /**
     * Finds the closing quote of a string whose first character is at {@code from} and widens the string into
     * {@link #chars}; sets {@link #stringEnd}.
     *
     * @return the index of the closing quote, or {@link #NOT_FOUND} for a byte the fast path does not take: an
     *         escape, a control character (invalid in JSON) or any byte >= 0x80 (UTF-8, which Jackson validates).
     */
    private int string(final byte[] input, final int from, final int length)
    {
        int pos = from;
        // Eight bytes per step while none can end the string or send it to Jackson: a 216-character payload is
        // 27 steps instead of 216 byte-by-byte branches (measured: the scan's time halves).
        while (pos <= length - Long.BYTES && !hasSpecialByte((long)LONGS.get(input, pos)))
        {
            pos += Long.BYTES;
        }
        for (; pos < length; pos++)
        {
            final byte b = input[pos];
            if (b == '"')
            {
                widen(input, from, pos);
                stringEnd = pos;
                return pos;
            }
            // Bytes are signed: b < 0x20 also catches every byte >= 0x80.
            if (b < 0x20 || b == '\\')
            {
                return NOT_FOUND;
            }
        }
        return NOT_FOUND;
    }

    /** A counted loop without exits, which the JIT compiles to vector instructions. */
    private void widen(final byte[] input, final int from, final int end)
    {
        final char[] widened = chars;
        for (int i = from; i < end; i++)
        {
            widened[i] = (char)input[i];
        }
    }

    /**
     * Whether any of the eight bytes is a quote, a backslash, below 0x20 or from 0x80 (SWAR: the "has zero byte"
     * test of Hacker's Delight 6-1 applied to the word XORed with each special byte). May report a byte above a
     * special one as special too, never misses one: a false alarm only sends the scan to the byte loop.
     */
    private static boolean hasSpecialByte(final long word)
    {
        final long quotes = word ^ QUOTES;
        final long backslashes = word ^ BACKSLASHES;
        final long special = (word - SPACES) | (quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes;
        return ((special & ~word | word) & HIGH_BITS) != 0;
    }

    /** The same rule as the Jackson path's counters: 1 to 18 decimal digits, sets {@link #counterValue}. */
    private boolean counter(final byte[] input, final int start, final int length)
    {
        if (length == 0 || length > MAX_COUNTER_DIGITS)
        {
            return false;
        }
        long result = 0;
        for (int i = start, end = start + length; i < end; i++)
        {
            final int digit = input[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return false;
            }
            result = result * 10 + digit;
        }
        counterValue = result;
        return true;
    }

    private static int rootKey(final byte[] input, final int start, final int length)
    {
        if (matches(input, start, length, EVENT))
        {
            return SEEN_EVENT;
        }
        if (matches(input, start, length, SEQUENCE_NUMBER))
        {
            return SEEN_SEQUENCE_NUMBER;
        }
        if (matches(input, start, length, STREAM_SID))
        {
            return SEEN_STREAM_SID;
        }
        return matches(input, start, length, MEDIA) ? SEEN_MEDIA : 0;
    }

    private static int mediaKey(final byte[] input, final int start, final int length)
    {
        if (matches(input, start, length, PAYLOAD))
        {
            return SEEN_PAYLOAD;
        }
        if (matches(input, start, length, TRACK))
        {
            return SEEN_TRACK;
        }
        if (matches(input, start, length, CHUNK))
        {
            return SEEN_CHUNK;
        }
        return matches(input, start, length, TIMESTAMP) ? SEEN_TIMESTAMP : 0;
    }

    private void commit(final TwilioMessage message)
    {
        message.event = TwilioEvent.MEDIA;
        if ((seen & SEEN_SEQUENCE_NUMBER) != 0)
        {
            message.sequenceNumber = sequenceNumber;
        }
        if ((seen & SEEN_STREAM_SID) != 0)
        {
            message.streamSid.set(chars, streamSidStart, streamSidLength);
            message.hasStreamSid = true;
        }
        if ((seen & SEEN_MEDIA) != 0)
        {
            message.hasMedia = true;
            message.inboundTrack = inboundTrack;
            if ((seen & SEEN_CHUNK) != 0)
            {
                message.chunk = chunk;
            }
            if ((seen & SEEN_TIMESTAMP) != 0)
            {
                message.timestampMs = timestampMs;
            }
            if ((seen & SEEN_PAYLOAD) != 0)
            {
                message.payload.set(chars, payloadStart, payloadLength);
                message.hasPayload = true;
            }
        }
    }

    private static boolean matches(final byte[] input, final int start, final int length, final byte[] name)
    {
        if (length != name.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (input[start + i] != name[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(final byte[] input, final int from, final int length)
    {
        int pos = from;
        while (pos < length)
        {
            final byte b = input[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
            {
                break;
            }
            pos++;
        }
        return pos;
    }

    private static byte[] ascii(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
