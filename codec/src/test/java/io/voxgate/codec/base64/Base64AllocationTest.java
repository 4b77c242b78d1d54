package io.voxgate.codec.base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.voxgate.codec.testing.AllocationMeter;

/**
 * Decoding and encoding a Twilio media payload (160 bytes, 216 characters) allocate nothing once warm, and neither
 * does rejecting a bad one.
 */
class Base64AllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int FRAMES = 20_000;

    private final Base64Decoder decoder = new Base64Decoder();
    private final byte[] frame = new byte[160];
    private final String payload;
    private final byte[] payloadBytes;
    private final UnsafeBuffer payloadOffHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(216));
    private final UnsafeBuffer frameOffHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(160));
    private final UnsafeBuffer decoded = new UnsafeBuffer(ByteBuffer.allocateDirect(160));
    private final UnsafeBuffer encoded = new UnsafeBuffer(ByteBuffer.allocateDirect(216));
    private final byte[] encodedArray = new byte[216];

    Base64AllocationTest()
    {
        new Random(216).nextBytes(frame);
        payload = Base64.getEncoder().encodeToString(frame);
        payloadBytes = payload.getBytes(StandardCharsets.US_ASCII);
        payloadOffHeap.putBytes(0, payloadBytes);
        frameOffHeap.putBytes(0, frame);
    }

    @Test
    void decodingAPayloadAllocatesNothing()
    {
        final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            check(decoder.decode(payload, 0, 216, decoded, 0));
            check(decoder.decode(payloadBytes, 0, 216, decoded, 0));
            check(decoder.decode(payloadOffHeap, 0, 216, decoded, 0));
        });
        assertEquals(0, bytes);
    }

    @Test
    void encodingAPayloadAllocatesNothing()
    {
        final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            check(Base64Encoder.encode(frameOffHeap, 0, 160, encoded, 0) - 56);
            check(Base64Encoder.encode(frameOffHeap, 0, 160, encodedArray, 0) - 56);
        });
        assertEquals(0, bytes);
    }

    @Test
    void rejectingAPayloadAllocatesNothing()
    {
        final String bad = payload.substring(0, 100) + "!" + payload.substring(101);
        final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            if (decoder.decode(bad, 0, 216, decoded, 0) != Base64Error.ILLEGAL_CHARACTER.code())
            {
                throw new AssertionError(decoder.errorMessage());
            }
        });
        assertEquals(0, bytes);
        assertEquals(100, decoder.errorIndex());
    }

    private static void check(final int length)
    {
        if (length != 160)
        {
            throw new AssertionError("decoded " + length);
        }
    }
}
