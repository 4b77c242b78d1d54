package io.voxgate.server.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.voxgate.codec.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

class TwilioMessageReaderTest
{
    static final String SID = "MZaaaabbbbccccddddeeeeffff00001111";
    /** 160 bytes of μ-law silence (0xFF) in base64: 216 characters ending {@code /w==}. */
    static final String SILENCE_PAYLOAD = "/".repeat(212) + "/w==";

    private final TwilioMessageReader reader = new TwilioMessageReader(64 * 1024);
    private final TwilioMessage message = new TwilioMessage();

    private ProtocolError read(final String json)
    {
        final ByteBuf frame = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try
        {
            return reader.read(frame, message);
        }
        finally
        {
            frame.release();
        }
    }

    static String media(final long sequence, final String payload)
    {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":\"" + SID + "\"," +
            "\"media\":{\"track\":\"inbound\",\"chunk\":\"" + (sequence - 1) + "\",\"timestamp\":\"" +
            (sequence * 20) + "\",\"payload\":\"" + payload + "\"}}";
    }

    @Test
    void readsTheProtocolExamplesOfEveryEvent()
    {
        assertNull(read("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"));
        assertEquals(TwilioEvent.CONNECTED, message.event);

        assertNull(read("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + SID + "\"," +
            "\"start\":{\"streamSid\":\"" + SID + "\",\"accountSid\":\"AC0000aaaa1111bbbb2222cccc3333dddd\"," +
            "\"callSid\":\"CA9999888877776666555544443333aaaa\",\"tracks\":[\"inbound\"]," +
            "\"customParameters\":{\"tenant\":\"acme\",\"sessionToken\":\"t0k3n\"}," +
            "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}"));
        assertEquals(TwilioEvent.START, message.event);
        assertEquals(1, message.sequenceNumber);
        assertEquals(SID, message.startStreamSid);
        assertEquals("AC0000aaaa1111bbbb2222cccc3333dddd", message.accountSid);
        assertEquals("CA9999888877776666555544443333aaaa", message.callSid);
        assertEquals(List.of("inbound"), message.tracks);
        assertEquals(Map.of("tenant", "acme", "sessionToken", "t0k3n"), message.customParameters);
        assertEquals("audio/x-mulaw", message.encoding);
        assertEquals(8000, message.sampleRate);
        assertEquals(1, message.channels);

        assertNull(read(media(2, SILENCE_PAYLOAD)));
        assertEquals(TwilioEvent.MEDIA, message.event);
        assertEquals(2, message.sequenceNumber);
        assertTrue(message.streamSid.contentEquals(SID));
        assertTrue(message.inboundTrack);
        assertEquals(1, message.chunk);
        assertEquals(40, message.timestampMs);
        assertEquals(SILENCE_PAYLOAD, message.payload.toString());
        assertFalse(message.hasStart, "start fields are reset");

        assertNull(read("{\"event\":\"dtmf\",\"sequenceNumber\":\"40\",\"streamSid\":\"" + SID + "\"," +
            "\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"7\"}}"));
        assertEquals(TwilioEvent.DTMF, message.event);
        assertEquals('7', message.digit);

        assertNull(read("{\"event\":\"mark\",\"sequenceNumber\":\"57\",\"streamSid\":\"" + SID + "\"," +
            "\"mark\":{\"name\":\"turn-3:seg-2\"}}"));
        assertEquals(TwilioEvent.MARK, message.event);
        assertEquals("turn-3:seg-2", message.markName.toString());

        assertNull(read("{\"event\":\"stop\",\"sequenceNumber\":\"301\",\"streamSid\":\"" + SID + "\"," +
            "\"stop\":{\"accountSid\":\"AC0000aaaa1111bbbb2222cccc3333dddd\"," +
            "\"callSid\":\"CA9999888877776666555544443333aaaa\"}}"));
        assertEquals(TwilioEvent.STOP, message.event);
        assertEquals(301, message.sequenceNumber);
    }

    @Test
    void fieldOrderUnknownFieldsAndWhitespaceDoNotMatter()
    {
        assertNull(read(" \n{\"media\":{\"payload\":\"AAAA\",\"future\":{\"a\":[1,{\"b\":null}]}," +
            "\"track\":\"inbound\"}," +
            "\"extra\":[true,false],\"streamSid\":\"" + SID + "\",\"event\":\"media\"}\r\n "));
        assertEquals(TwilioEvent.MEDIA, message.event);
        assertEquals("AAAA", message.payload.toString());
        assertEquals(-1, message.sequenceNumber);
    }

    @Test
    void escapedCharactersArriveDecoded()
    {
        // JSON may escape '/' as "\/": the payload handed on must be the decoded text.
        assertNull(read("{\"event\":\"media\",\"media\":{\"payload\":\"\\/\\/\\/w==\"}}"));
        assertEquals("///w==", message.payload.toString());
    }

    @Test
    void unknownEventsAreReadNotRejected()
    {
        assertNull(read("{\"event\":\"transcription\",\"streamSid\":\"" + SID + "\",\"text\":{\"x\":1}}"));
        assertEquals(TwilioEvent.UNKNOWN, message.event);
        assertNull(read("{\"streamSid\":\"" + SID + "\"}"));
        assertEquals(TwilioEvent.NONE, message.event);
    }

    @Test
    void rejectsAnythingButOneCompleteJsonObject()
    {
        for (final String bad : new String[] {"", "   ", "not json", "{\"event\":\"media\"", "{\"event\":\"media\"}}",
            "{\"event\":\"media\"} {\"event\":\"media\"}", "{\"event\":\"media\"}x", "[1,2]", "\"media\"", "42",
            "{\"event\":\"media\",}", "{event:\"media\"}", "{\"a\":{\"b\":[1,2}}", "{\"event\":\"media\"} \"x"})
        {
            assertEquals(ProtocolError.MALFORMED_JSON, read(bad), bad);
            // Every rejection is fatal: a fresh reader (a new connection) starts clean.
        }
    }

    @Test
    void rejectsKnownFieldsOfTheWrongType()
    {
        for (final String bad : new String[] {"{\"event\":5}", "{\"event\":null}", "{\"event\":{\"a\":1}}",
            "{\"event\":\"media\",\"media\":\"x\"}", "{\"event\":\"media\",\"media\":{\"payload\":123}}",
            "{\"event\":\"media\",\"sequenceNumber\":\"abc\"}", "{\"event\":\"media\",\"sequenceNumber\":-1}",
            "{\"event\":\"media\",\"sequenceNumber\":true}", "{\"event\":\"media\",\"streamSid\":[]}",
            "{\"event\":\"start\",\"start\":{\"customParameters\":{\"a\":1}}}",
            "{\"event\":\"start\",\"start\":{\"tracks\":\"inbound\"}}",
            "{\"event\":\"start\",\"start\":{\"mediaFormat\":{\"sampleRate\":\"fast\"}}}",
            "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":7}}", "{\"event\":\"mark\",\"mark\":{\"name\":{}}}",
            "{\"event\":\"media\",\"media\":{\"timestamp\":\"1.5\"}}"})
        {
            assertEquals(ProtocolError.WRONG_FIELD_TYPE, new TwilioMessageReader(65536).read(
                Unpooled.wrappedBuffer(bad.getBytes(StandardCharsets.UTF_8)), message), bad);
        }
    }

    @Test
    void rejectsInvalidUtf8AsMalformed()
    {
        final ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {'{', '"', 'e', '"', ':', '"', (byte)0xC3, 0x28, '"',
            '}'});
        assertEquals(ProtocolError.MALFORMED_JSON, reader.read(frame, message));
    }

    @Test
    void keepsWorkingAcrossManyMessagesOnOneParser()
    {
        for (int i = 1; i <= 1000; i++)
        {
            assertNull(read(media(i, SILENCE_PAYLOAD)));
            assertEquals(i, message.sequenceNumber);
        }
    }

    @Test
    void readingAMediaMessageAllocatesNothing()
    {
        // A direct buffer as the socket delivers it, wrapped rather than allocated: under paranoid leak detection
        // an allocator's buffer records a stack trace on every access, which would be the test's own allocation.
        final byte[] json = media(12345, SILENCE_PAYLOAD).getBytes(StandardCharsets.UTF_8);
        final ByteBuf frame = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(json.length).put(json).flip());
        try
        {
            final long bytes = AllocationMeter.steadyStateBytes(20_000, 10_000, () ->
            {
                if (reader.read(frame, message) != null || message.payload.length() != 216)
                {
                    throw new AssertionError("media message not read");
                }
            });
            assertEquals(0, bytes, "bytes allocated over 10,000 media messages");
        }
        finally
        {
            frame.release();
        }
    }
}
