package io.voxgate.codec.base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Encode and decode agree with {@link java.util.Base64} for every length 0..300 (random, seeded data), from and into
 * heap and off-heap buffers at offsets, from bytes, byte arrays and character sequences.
 */
class Base64RoundTripTest
{
    private static final int MAX_LENGTH = 300;
    private static final int OFFSET = 3;

    private final Base64Decoder decoder = new Base64Decoder();

    @Test
    void encodesLikeTheJdkForEveryLengthUpTo300()
    {
        final Random random = new Random(4648);
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            final byte[] data = randomBytes(random, length);
            final byte[] expected = Base64.getEncoder().encode(data);
            assertEquals(expected.length, Base64Encoder.encodedLength(length));

            final UnsafeBuffer src = offHeap(OFFSET + length);
            src.putBytes(OFFSET, data);
            final UnsafeBuffer dst = offHeap(OFFSET + expected.length + 1);
            assertEquals(expected.length, Base64Encoder.encode(src, OFFSET, length, dst, OFFSET));
            assertArrayEquals(expected, bytes(dst, OFFSET, expected.length), "off-heap length " + length);
            assertEquals(0, dst.getByte(OFFSET + expected.length), "nothing written past the end");

            final byte[] array = new byte[expected.length + OFFSET];
            assertEquals(expected.length, Base64Encoder.encode(new UnsafeBuffer(data), 0, length, array, OFFSET));
            assertArrayEquals(expected, Arrays.copyOfRange(array, OFFSET, array.length));
        }
    }

    @Test
    void decodesLikeTheJdkForEveryLengthUpTo300()
    {
        final Random random = new Random(4649);
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            final byte[] data = randomBytes(random, length);
            final String text = Base64.getEncoder().encodeToString(data);
            final byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);

            final UnsafeBuffer offHeapSrc = offHeap(OFFSET + ascii.length);
            offHeapSrc.putBytes(OFFSET, ascii);
            final UnsafeBuffer heapSrc = new UnsafeBuffer(new byte[ascii.length + OFFSET]);
            heapSrc.putBytes(OFFSET, ascii);
            final byte[] arraySrc = new byte[ascii.length + OFFSET];
            System.arraycopy(ascii, 0, arraySrc, OFFSET, ascii.length);
            final String stringSrc = "xyz" + text + "!";

            final UnsafeBuffer dst = offHeap(length + 2);
            assertEquals(length, decoder.decode(offHeapSrc, OFFSET, ascii.length, dst, 2));
            assertArrayEquals(data, bytes(dst, 2, length), "off-heap buffer, length " + length);
            assertNull(decoder.error());

            final UnsafeBuffer heapDst = new UnsafeBuffer(new byte[length + 1]);
            assertEquals(length, decoder.decode(heapSrc, OFFSET, ascii.length, heapDst, 1));
            assertArrayEquals(data, bytes(heapDst, 1, length), "heap buffer, length " + length);

            final UnsafeBuffer exact = new UnsafeBuffer(new byte[length]);
            assertEquals(length, decoder.decode(arraySrc, OFFSET, ascii.length, exact, 0));
            assertArrayEquals(data, bytes(exact, 0, length), "byte array, length " + length);

            final MutableDirectBuffer grows = new ExpandableArrayBuffer(1);
            assertEquals(length, decoder.decode(stringSrc, 3, text.length(), grows, 0));
            assertArrayEquals(data, bytes(grows, 0, length), "string into expandable buffer, length " + length);
        }
    }

    @Test
    void decodesATwilioSizedPayload()
    {
        final byte[] frame = randomBytes(new Random(160), 160);
        final String payload = Base64.getEncoder().encodeToString(frame);
        assertEquals(216, payload.length());
        assertEquals(216, Base64Encoder.encodedLength(160));
        assertEquals(162, Base64Decoder.maxDecodedLength(216));

        final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(160));
        assertEquals(160, decoder.decode(payload, 0, payload.length(), dst, 0));
        assertArrayEquals(frame, bytes(dst, 0, 160));
    }

    @Test
    void decodesRfc4648TestVectors()
    {
        final String[][] vectors = {
            {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
            {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
        };
        for (final String[] vector : vectors)
        {
            final UnsafeBuffer dst = new UnsafeBuffer(new byte[8]);
            final int length = decoder.decode(vector[1], 0, vector[1].length(), dst, 0);
            assertEquals(vector[0], dst.getStringWithoutLengthAscii(0, length));

            final UnsafeBuffer encoded = new UnsafeBuffer(new byte[8]);
            final UnsafeBuffer plain = new UnsafeBuffer(vector[0].getBytes(StandardCharsets.US_ASCII));
            final int chars = Base64Encoder.encode(plain, 0, vector[0].length(), encoded, 0);
            assertEquals(vector[1], encoded.getStringWithoutLengthAscii(0, chars));
        }
    }

    private static UnsafeBuffer offHeap(final int size)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(size, 1)));
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
