package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.voxgate.codec.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * The fast path against the Jackson path it shortcuts: over real Twilio messages, their variants and thousands of
 * corrupted ones, the fast path either declines (and the frame gets exactly the Jackson outcome) or yields exactly
 * the fields Jackson yields; and it allocates nothing.
 */
class MediaMessageScannerTest
{
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final String[] TOP_KEYS = {"event", "sequenceNumber", "streamSid", "media"};
    private static final String[] MEDIA_KEYS = {"track", "chunk", "timestamp", "payload"};
    private static final String BLANKS = " \t\r\n";

    private int accepted;
    private int declined;

    /** A real inbound payload: 160 random μ-law bytes, 216 base64 characters with '+', '/' and '='. */
    private static String payload(final SplittableRandom random)
    {
        final byte[] mulaw = new byte[160];
        random.nextBytes(mulaw);
        return Base64.getEncoder().encodeToString(mulaw);
    }

    private static String member(final String key, final String value)
    {
        return "\"" + key + "\":" + value;
    }

    private static String quoted(final String text)
    {
        return "\"" + text + "\"";
    }

    /** Twilio's media message with its members in the given orders (indices into TOP_KEYS and MEDIA_KEYS). */
    private static String media(final int[] topOrder, final int[] mediaOrder, final String payload)
    {
        final String[] mediaValues = {quoted("inbound"), quoted("17"), quoted("360"), quoted(payload)};
        final List<String> inner = new ArrayList<>();
        for (final int i : mediaOrder)
        {
            inner.add(member(MEDIA_KEYS[i], mediaValues[i]));
        }
        final String[] topValues = {quoted("media"), quoted("18"), quoted(SID), "{" + String.join(",", inner) + "}"};
        final List<String> top = new ArrayList<>();
        for (final int i : topOrder)
        {
            top.add(member(TOP_KEYS[i], topValues[i]));
        }
        return "{" + String.join(",", top) + "}";
    }

    /** Everything the reader sets, as text, so two messages compare with one assertEquals. */
    private static String fields(final TwilioMessage m)
    {
        return m.event + " seq=" + m.sequenceNumber + " sid=" + m.hasStreamSid + ":" + m.streamSid + " media=" +
            m.hasMedia + " inbound=" + m.inboundTrack + " chunk=" + m.chunk + " ts=" + m.timestampMs + " payload=" +
            m.hasPayload + ":" + m.payload + " dtmf=" + m.hasDtmf + ":" + m.hasDigit + ":" + (int)m.digit +
            " mark=" + m.hasMark + ":" + m.hasMarkName + ":" + m.markName + " start=" + m.hasStart + ":" +
            m.startStreamSid + ":" + m.accountSid + ":" + m.callSid + ":" + m.tracks + ":" + m.customParameters + ":" +
            m.encoding + ":" + m.sampleRate + ":" + m.channels;
    }

    private static ByteBuf direct(final byte[] bytes)
    {
        return Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(Math.max(1, bytes.length)).put(bytes).flip());
    }

    /**
     * Reads the frame with a fresh Jackson-only reader and a fresh reader with the fast path (a rejected frame
     * leaves a reader unusable, as the connection closes) and asserts the same outcome.
     *
     * @return whether the fast path took the frame.
     */
    private boolean assertSameAsJackson(final byte[] frame)
    {
        final TwilioMessage expected = new TwilioMessage();
        final TwilioMessage actual = new TwilioMessage();
        final TwilioMessageReader jackson = new TwilioMessageReader(MAX_FRAME_BYTES, false);
        final TwilioMessageReader fast = new TwilioMessageReader(MAX_FRAME_BYTES, true);
        final String text = new String(frame, StandardCharsets.ISO_8859_1);
        final ProtocolError expectedError = jackson.read(Unpooled.wrappedBuffer(frame), expected);
        final ProtocolError actualError = fast.read(Unpooled.wrappedBuffer(frame), actual);
        assertEquals(expectedError, actualError, text);
        if (expectedError == null)
        {
            assertEquals(fields(expected), fields(actual), text);
        }
        final boolean tookFastPath = fast.fastPathReads() == 1;
        if (tookFastPath)
        {
            assertNull(expectedError, text);
            accepted++;
        }
        else
        {
            assertDeclinedWritesNothing(frame, text);
            declined++;
        }
        return tookFastPath;
    }

    private static void assertDeclinedWritesNothing(final byte[] frame, final String text)
    {
        int length = frame.length;
        while (length > 0 && BLANKS.indexOf(frame[length - 1]) >= 0)
        {
            length--;
        }
        if (length == 0 || length > MAX_FRAME_BYTES)
        {
            return;
        }
        final TwilioMessage message = new TwilioMessage();
        final String untouched = fields(message);
        assertFalse(new MediaMessageScanner(MAX_FRAME_BYTES).scan(frame, length, message), text);
        assertEquals(untouched, fields(message), "a declined frame leaves the message as it was: " + text);
    }

    private boolean same(final String json)
    {
        return assertSameAsJackson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void takesTwilioMediaMessagesInEveryKeyOrderWithJacksonsFields()
    {
        final SplittableRandom random = new SplittableRandom(1);
        final String protocolExample = "{\"event\":\"media\",\"sequenceNumber\":\"2\",\"streamSid\":\"" + SID + "\"," +
            "\"media\":{\"track\":\"inbound\",\"chunk\":\"1\",\"timestamp\":\"21\",\"payload\":\"" +
            payload(random) + "\"}}";
        final String observedOrder = "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\"inbound\"," +
            "\"chunk\":\"1\",\"timestamp\":\"5\",\"payload\":\"" + payload(random) + "\"}," +
            "\"streamSid\":\"" + SID + "\"}";
        final String outbound = protocolExample.replace("\"inbound\"", "\"outbound\"");
        for (final String json : new String[] {protocolExample, observedOrder, outbound,
            TwilioMessageReaderTest.media(999_999_999_999L, TwilioMessageReaderTest.SILENCE_PAYLOAD)})
        {
            assertTrue(same(json), json);
        }
        final List<int[]> orders = permutations(new int[] {0, 1, 2, 3});
        for (final int[] top : orders)
        {
            for (final int[] inner : orders)
            {
                assertTrue(same(media(top, inner, payload(random))), "every key order takes the fast path");
            }
        }
    }

    @Test
    void takesWhitespaceAnywhereJsonAllowsIt()
    {
        final SplittableRandom random = new SplittableRandom(2);
        final String compact = media(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, payload(random));
        for (int variant = 0; variant < 500; variant++)
        {
            final StringBuilder spaced = new StringBuilder();
            spaced.append(blanks(random));
            boolean inString = false;
            for (int i = 0; i < compact.length(); i++)
            {
                final char c = compact.charAt(i);
                if (c == '"')
                {
                    inString = !inString;
                }
                spaced.append(c);
                if (!inString)
                {
                    spaced.append(blanks(random));
                }
            }
            assertTrue(same(spaced.toString()), spaced::toString);
        }
    }

    private static String blanks(final SplittableRandom random)
    {
        final StringBuilder blanks = new StringBuilder();
        for (int i = random.nextInt(3); i > 0; i--)
        {
            blanks.append(BLANKS.charAt(random.nextInt(BLANKS.length())));
        }
        return blanks.toString();
    }

    @Test
    void eachMissingFieldGivesJacksonsFieldsOrJacksonsVerdict()
    {
        final String payload = payload(new SplittableRandom(3));
        final int[] all = {0, 1, 2, 3};
        for (int missing = 0; missing < 4; missing++)
        {
            final int skip = missing;
            final int[] top = Arrays.stream(all).filter(i -> i != skip).toArray();
            final boolean fast = same(media(top, all, payload));
            assertEquals(missing != 0, fast, "only a message without event leaves the fast path: " + missing);
            final int[] inner = Arrays.stream(all).filter(i -> i != skip).toArray();
            assertTrue(same(media(all, inner, payload)), "media without " + MEDIA_KEYS[missing]);
        }
        assertTrue(same("{\"event\":\"media\",\"media\":{}}"));
        assertTrue(same("{\"event\":\"media\"}"));
    }

    @Test
    void leavesEverythingElseToJacksonWithTheSameOutcome()
    {
        final String[] others = {
            "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}",
            TwilioStreamHandlerTest.start(SID),
            "{\"event\":\"dtmf\",\"sequenceNumber\":\"40\",\"streamSid\":\"" + SID + "\"," +
                "\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"7\"}}",
            "{\"event\":\"mark\",\"sequenceNumber\":\"57\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\"t:s\"}}",
            "{\"event\":\"stop\",\"sequenceNumber\":\"301\",\"streamSid\":\"" + SID + "\"}",
            "{\"event\":\"Media\"}", "{\"event\":\"media \"}", "{\"streamSid\":\"" + SID + "\"}", "{}",
            // Escapes: Jackson decodes them.
            "{\"event\":\"media\",\"media\":{\"payload\":\"\\/\\/\\/w==\"}}",
            "{\"event\":\"m\\u0065dia\",\"media\":{\"payload\":\"AAAA\"}}",
            "{\"ev\\u0065nt\":\"media\"}", "{\"event\":\"media\",\"streamSid\":\"MZ\\\"x\"}",
            // Wrong or other types.
            "{\"event\":\"media\",\"sequenceNumber\":18}", "{\"event\":\"media\",\"sequenceNumber\":-1}",
            "{\"event\":\"media\",\"sequenceNumber\":\"\"}", "{\"event\":\"media\",\"sequenceNumber\":\"-1\"}",
            "{\"event\":\"media\",\"sequenceNumber\":\"1.5\"}", "{\"event\":\"media\",\"sequenceNumber\":\"1e3\"}",
            "{\"event\":\"media\",\"sequenceNumber\":\"1234567890123456789\"}",
            "{\"event\":\"media\",\"sequenceNumber\":\"000000000000000042\"}",
            "{\"event\":\"media\",\"sequenceNumber\":null}", "{\"event\":\"media\",\"sequenceNumber\":true}",
            "{\"event\":\"media\",\"media\":\"x\"}", "{\"event\":\"media\",\"media\":[]}",
            "{\"event\":\"media\",\"media\":{\"payload\":123}}", "{\"event\":\"media\",\"media\":{\"track\":1}}",
            "{\"event\":\"media\",\"media\":{\"chunk\":{}}}", "{\"event\":\"media\",\"streamSid\":[]}",
            "{\"event\":5}", "{\"event\":null}",
            // Unknown keys, nesting, duplicates.
            "{\"event\":\"media\",\"extra\":1}", "{\"event\":\"media\",\"media\":{\"payload\":\"AA\",\"x\":\"y\"}}",
            "{\"event\":\"media\",\"media\":{\"media\":{}}}", "{\"event\":\"media\",\"payload\":\"AAAA\"}",
            "{\"event\":\"media\",\"event\":\"media\"}",
            "{\"event\":\"media\",\"streamSid\":\"a\",\"streamSid\":\"b\"}",
            "{\"event\":\"media\",\"media\":{\"chunk\":\"1\",\"chunk\":\"2\"}}",
            "{\"event\":\"media\",\"media\":{},\"media\":{}}",
            // Not one complete object.
            "", " ", "{", "}", "[]", "\"media\"", "{\"event\":\"media\"}}", "{\"event\":\"media\"}x",
            "{\"event\":\"media\"} {}", "{\"event\":\"media\",}", "{,\"event\":\"media\"}", "{\"event\"\"media\"}",
            "{\"event\":\"media\" \"media\":{}}", "{event:\"media\"}", "{'event':'media'}",
            "{\"event\":\"media\",\"media\":{\"payload\":\"AA\"}", "{\"event\":\"media\",\"media\":{\"payload\":\"AA",
            "\uFEFF{\"event\":\"media\"}", "{\"event\":\"media\"}\u0000", "\f{\"event\":\"media\"}",
            // Characters outside printable ASCII inside strings.
            "{\"event\":\"media\",\"streamSid\":\"MZ\u00e9\"}", "{\"event\":\"media\",\"streamSid\":\"a\tb\"}",
            "{\"event\":\"media\",\"streamSid\":\"a\u007fb\"}",
        };
        for (final String json : others)
        {
            same(json);
        }
        for (final byte[] frame : new byte[][] {
            {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', 'm', 'e', 'd', 'i', 'a', '"', ',', '"', 's', 't', 'r',
                'e', 'a', 'm', 'S', 'i', 'd', '"', ':', '"', (byte)0xC3, 0x28, '"', '}'},
            {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', 'm', 'e', 'd', 'i', 'a', '"', (byte)0xFF, '}'}})
        {
            assertSameAsJackson(frame);
        }
        assertTrue(declined > 50 && accepted >= 1, "accepted " + accepted + ", declined " + declined);
    }

    @Test
    void everyTruncationGetsJacksonsVerdict()
    {
        final byte[] whole = media(new int[] {0, 1, 3, 2}, new int[] {0, 1, 2, 3},
            payload(new SplittableRandom(4))).getBytes(StandardCharsets.US_ASCII);
        for (int length = 0; length < whole.length; length++)
        {
            assertSameAsJackson(Arrays.copyOf(whole, length));
        }
        assertEquals(0, accepted, "no prefix of a message is a message");
    }

    @Test
    void randomlyCorruptedMessagesGetJacksonsFieldsOrJacksonsVerdict()
    {
        final SplittableRandom random = new SplittableRandom(20_240_601);
        final byte[] alphabet = "{}[]\":,\\ \t\r\n0123456789-+.eEtrufalsnmdiAZaz/=u"
            .getBytes(StandardCharsets.US_ASCII);
        final List<int[]> orders = permutations(new int[] {0, 1, 2, 3});
        for (int trial = 0; trial < 4_000; trial++)
        {
            final byte[] valid = media(orders.get(random.nextInt(orders.size())), orders.get(random.nextInt(
                orders.size())), payload(random)).getBytes(StandardCharsets.US_ASCII);
            byte[] mutant = valid;
            for (int mutations = 1 + random.nextInt(3); mutations > 0; mutations--)
            {
                mutant = mutate(mutant, random, alphabet);
            }
            assertSameAsJackson(mutant);
        }
        // Mutations inside the payload or a counter keep a message valid, so both outcomes are exercised.
        assertTrue(accepted > 100 && declined > 1_000, "accepted " + accepted + ", declined " + declined);
    }

    private static byte[] mutate(final byte[] frame, final SplittableRandom random, final byte[] alphabet)
    {
        final int at = random.nextInt(Math.max(1, frame.length));
        final byte b = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte)random.nextInt(256);
        return switch (random.nextInt(4))
        {
            case 0 ->
            {
                final byte[] replaced = frame.clone();
                if (replaced.length > 0)
                {
                    replaced[at] = b;
                }
                yield replaced;
            }
            case 1 ->
            {
                final byte[] inserted = new byte[frame.length + 1];
                System.arraycopy(frame, 0, inserted, 0, at);
                inserted[at] = b;
                System.arraycopy(frame, at, inserted, at + 1, frame.length - at);
                yield inserted;
            }
            case 2 ->
            {
                final byte[] deleted = new byte[Math.max(0, frame.length - 1)];
                System.arraycopy(frame, 0, deleted, 0, Math.min(at, deleted.length));
                System.arraycopy(frame, Math.min(at + 1, frame.length), deleted, at, deleted.length - at);
                yield deleted;
            }
            default ->
            {
                // Repeat a slice: duplicate keys, doubled separators, a second object.
                final int length = Math.min(frame.length - at, 1 + random.nextInt(40));
                final byte[] doubled = new byte[frame.length + length];
                System.arraycopy(frame, 0, doubled, 0, at + length);
                System.arraycopy(frame, at, doubled, at + length, frame.length - at);
                yield doubled;
            }
        };
    }

    @Test
    void everyByteValueAtEveryPositionOfAWordInThePayloadGetsJacksonsVerdict()
    {
        // The payload is scanned eight bytes at a time: each byte value in each lane of a word, after a clean word.
        final String payload = payload(new SplittableRandom(7));
        final byte[] valid = media(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, payload)
            .getBytes(StandardCharsets.US_ASCII);
        final int payloadStart = new String(valid, StandardCharsets.US_ASCII).indexOf(payload);
        for (int lane = 0; lane < 16; lane++)
        {
            for (int value = 0; value < 256; value++)
            {
                final byte[] frame = valid.clone();
                frame[payloadStart + 16 + lane] = (byte)value;
                final boolean fast = assertSameAsJackson(frame);
                final boolean plain = value >= 0x20 && value < 0x80 && value != '"' && value != '\\';
                assertEquals(plain, fast, "byte " + value + " in lane " + lane);
            }
        }
    }

    @Test
    void oneReaderAlternatingBetweenBothPathsMatchesJacksonAlone()
    {
        // Frames the fast path takes never reach Jackson's parser: its state between root values must not care.
        final SplittableRandom random = new SplittableRandom(5);
        final TwilioMessageReader jackson = new TwilioMessageReader(MAX_FRAME_BYTES, false);
        final TwilioMessageReader fast = new TwilioMessageReader(MAX_FRAME_BYTES, true);
        final TwilioMessage expected = new TwilioMessage();
        final TwilioMessage actual = new TwilioMessage();
        final List<int[]> orders = permutations(new int[] {0, 1, 2, 3});
        int jacksonFrames = 0;
        for (int i = 0; i < 2_000; i++)
        {
            final String json = switch (random.nextInt(5))
            {
                case 0 -> "{\"event\":\"mark\",\"sequenceNumber\":\"" + i + "\",\"streamSid\":\"" + SID +
                    "\",\"mark\":{\"name\":\"seg-" + i + "\"}}";
                case 1 -> "{\"event\":\"media\",\"sequenceNumber\":\"" + i + "\",\"media\":{\"payload\":\"\\/w==\"}} ";
                default -> media(orders.get(random.nextInt(orders.size())), orders.get(random.nextInt(orders.size())),
                    payload(random));
            };
            final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
            assertNull(jackson.read(Unpooled.wrappedBuffer(bytes), expected), json);
            final long before = fast.fastPathReads();
            assertNull(fast.read(Unpooled.wrappedBuffer(bytes), actual), json);
            assertEquals(fields(expected), fields(actual), json);
            jacksonFrames += fast.fastPathReads() == before ? 1 : 0;
        }
        assertEquals(2_000, fast.fastPathReads() + jacksonFrames);
        assertTrue(jacksonFrames > 500 && fast.fastPathReads() > 1_000, "both paths used: " + jacksonFrames);
    }

    @Test
    void readingTwilioMediaMessagesOnTheFastPathAllocatesNothing()
    {
        final SplittableRandom random = new SplittableRandom(6);
        final ByteBuf[] frames = new ByteBuf[16];
        for (int i = 0; i < frames.length; i++)
        {
            final String json = "{\"event\":\"media\",\"sequenceNumber\":\"" + (i + 2) + "\",\"media\":{\"track\":" +
                "\"inbound\",\"chunk\":\"" + (i + 1) + "\",\"timestamp\":\"" + (i * 20) + "\",\"payload\":\"" +
                payload(random) + "\"},\"streamSid\":\"" + SID + "\"}";
            frames[i] = direct(json.getBytes(StandardCharsets.US_ASCII));
        }
        final TwilioMessageReader reader = new TwilioMessageReader(MAX_FRAME_BYTES);
        final TwilioMessage message = new TwilioMessage();
        final int[] next = {0};
        try
        {
            final long bytes = AllocationMeter.steadyStateBytes(20_000, 10_000, () ->
            {
                final int i = next[0]++ & (frames.length - 1);
                message.reset();
                if (reader.read(frames[i], message) != null || message.chunk != i + 1 ||
                    message.payload.length() != 216)
                {
                    throw new AssertionError("media message not read");
                }
            });
            assertEquals(0, bytes, "bytes allocated over 10,000 media messages");
            assertEquals(next[0], reader.fastPathReads(), "every message took the fast path");
        }
        finally
        {
            for (final ByteBuf frame : frames)
            {
                frame.release();
            }
        }
    }

    private static List<int[]> permutations(final int[] items)
    {
        final List<int[]> result = new ArrayList<>();
        permute(items.clone(), 0, result);
        return result;
    }

    private static void permute(final int[] items, final int from, final List<int[]> result)
    {
        if (from == items.length)
        {
            result.add(items.clone());
            return;
        }
        for (int i = from; i < items.length; i++)
        {
            swap(items, from, i);
            permute(items, from + 1, result);
            swap(items, from, i);
        }
    }

    private static void swap(final int[] items, final int a, final int b)
    {
        final int t = items[a];
        items[a] = items[b];
        items[b] = t;
    }
}
