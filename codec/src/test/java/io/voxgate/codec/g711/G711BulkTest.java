package io.voxgate.codec.g711;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk APIs give the same result as the single-sample methods, on heap, off heap and in arrays, at any offset
 * and any length (so both the eight-at-a-time loop and its tail are covered).
 */
class G711BulkTest
{
    private static final int MAX_SAMPLES = 77;

    static Stream<Arguments> buffers()
    {
        final IntFunction<MutableDirectBuffer> offHeap =
            (size) -> new UnsafeBuffer(ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN));
        final IntFunction<MutableDirectBuffer> onHeap = (size) -> new UnsafeBuffer(new byte[size]);
        final IntFunction<MutableDirectBuffer> heapByteBuffer = (size) -> new UnsafeBuffer(ByteBuffer.allocate(size));
        final IntFunction<MutableDirectBuffer> expandable = ExpandableArrayBuffer::new;
        return Stream.of(
            Arguments.of("off-heap", offHeap),
            Arguments.of("on-heap", onHeap),
            Arguments.of("heap ByteBuffer", heapByteBuffer),
            Arguments.of("expandable", expandable));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buffers")
    void encodesBuffersLikeSingleSamples(final String kind, final IntFunction<MutableDirectBuffer> allocate)
    {
        final Random random = new Random(711);
        for (int samples = 0; samples <= MAX_SAMPLES; samples++)
        {
            final int srcOffset = samples % 5;
            final int dstOffset = samples % 3;
            final short[] pcm = randomPcm(random, samples);
            final MutableDirectBuffer src = allocate.apply(srcOffset + 2 * samples + 1);
            for (int i = 0; i < samples; i++)
            {
                src.putShort(srcOffset + 2 * i, pcm[i], ByteOrder.LITTLE_ENDIAN);
            }
            final MutableDirectBuffer mu = allocate.apply(dstOffset + samples + 1);
            final MutableDirectBuffer a = allocate.apply(dstOffset + samples + 1);
            mu.putByte(dstOffset + samples, (byte)0x42);

            MuLaw.encode(src, srcOffset, mu, dstOffset, samples);
            ALaw.encode(src, srcOffset, a, dstOffset, samples);

            for (int i = 0; i < samples; i++)
            {
                assertEquals(MuLaw.encode(pcm[i]), mu.getByte(dstOffset + i), kind + " mu sample " + i);
                assertEquals(ALaw.encode(pcm[i]), a.getByte(dstOffset + i), kind + " A sample " + i);
            }
            assertEquals((byte)0x42, mu.getByte(dstOffset + samples), "byte after the range untouched");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buffers")
    void decodesBuffersLikeSingleCodes(final String kind, final IntFunction<MutableDirectBuffer> allocate)
    {
        final Random random = new Random(712);
        for (int samples = 0; samples <= MAX_SAMPLES; samples++)
        {
            final int srcOffset = samples % 7;
            final int dstOffset = samples % 3;
            final MutableDirectBuffer src = allocate.apply(srcOffset + samples);
            for (int i = 0; i < samples; i++)
            {
                src.putByte(srcOffset + i, (byte)random.nextInt(256));
            }
            final MutableDirectBuffer mu = allocate.apply(dstOffset + 2 * samples + 2);
            final MutableDirectBuffer a = allocate.apply(dstOffset + 2 * samples + 2);
            mu.putShort(dstOffset + 2 * samples, (short)0x4242);

            MuLaw.decode(src, srcOffset, mu, dstOffset, samples);
            ALaw.decode(src, srcOffset, a, dstOffset, samples);

            for (int i = 0; i < samples; i++)
            {
                final byte code = src.getByte(srcOffset + i);
                assertEquals(MuLaw.decode(code), mu.getShort(dstOffset + 2 * i, ByteOrder.LITTLE_ENDIAN), kind);
                assertEquals(ALaw.decode(code), a.getShort(dstOffset + 2 * i, ByteOrder.LITTLE_ENDIAN), kind);
            }
            assertEquals((short)0x4242, mu.getShort(dstOffset + 2 * samples), "bytes after the range untouched");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buffers")
    void transcodesBuffersInPlaceAndApart(final String kind, final IntFunction<MutableDirectBuffer> allocate)
    {
        for (int length = 0; length <= MAX_SAMPLES; length++)
        {
            final int offset = length % 4;
            final MutableDirectBuffer codes = allocate.apply(offset + length);
            final MutableDirectBuffer apart = allocate.apply(length + 1);
            for (int i = 0; i < length; i++)
            {
                codes.putByte(offset + i, (byte)(i * 37 + length));
            }
            G711Transcoder.muLawToALaw(codes, offset, apart, 1, length);
            for (int i = 0; i < length; i++)
            {
                assertEquals(G711Transcoder.muLawToALaw(codes.getByte(offset + i)), apart.getByte(1 + i), kind);
            }

            G711Transcoder.aLawToMuLaw(codes, offset, codes, offset, length);
            for (int i = 0; i < length; i++)
            {
                assertEquals(G711Transcoder.aLawToMuLaw((byte)(i * 37 + length)), codes.getByte(offset + i), kind);
            }
        }
    }

    @Test
    void encodesAndDecodesArraysAtOffsets()
    {
        final Random random = new Random(713);
        for (int samples = 0; samples <= MAX_SAMPLES; samples++)
        {
            final short[] pcm = new short[samples + 3];
            for (int i = 0; i < pcm.length; i++)
            {
                pcm[i] = (short)random.nextInt();
            }
            final byte[] mu = new byte[samples + 2];
            final byte[] a = new byte[samples + 2];
            MuLaw.encode(pcm, 3, mu, 2, samples);
            ALaw.encode(pcm, 3, a, 2, samples);
            final short[] muBack = new short[samples + 1];
            final short[] aBack = new short[samples + 1];
            MuLaw.decode(mu, 2, muBack, 1, samples);
            ALaw.decode(a, 2, aBack, 1, samples);
            for (int i = 0; i < samples; i++)
            {
                assertEquals(MuLaw.encode(pcm[3 + i]), mu[2 + i]);
                assertEquals(ALaw.encode(pcm[3 + i]), a[2 + i]);
                assertEquals(MuLaw.decode(mu[2 + i]), muBack[1 + i]);
                assertEquals(ALaw.decode(a[2 + i]), aBack[1 + i]);
            }
        }
    }

    @Test
    void transcodesArraysInPlaceAndApart()
    {
        final byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++)
        {
            all[i] = (byte)i;
        }
        final byte[] aLaw = new byte[257];
        G711Transcoder.muLawToALaw(all, 0, aLaw, 1, 256);
        final byte[] inPlace = all.clone();
        G711Transcoder.aLawToMuLaw(inPlace, 0, inPlace, 0, 256);
        for (int i = 0; i < 256; i++)
        {
            assertEquals(G711Transcoder.muLawToALaw(i), aLaw[1 + i]);
            assertEquals(G711Transcoder.aLawToMuLaw(i), inPlace[i]);
        }
    }

    @Test
    void growsAnExpandableDestination()
    {
        final UnsafeBuffer codes = new UnsafeBuffer(new byte[100]);
        for (int i = 0; i < 100; i++)
        {
            codes.putByte(i, (byte)(i * 7));
        }
        final ExpandableArrayBuffer pcm = new ExpandableArrayBuffer(1);
        MuLaw.decode(codes, 0, pcm, 5, 100);
        assertTrue(pcm.capacity() >= 205);
        for (int i = 0; i < 100; i++)
        {
            assertEquals(MuLaw.decode(i * 7), pcm.getShort(5 + 2 * i, ByteOrder.LITTLE_ENDIAN));
        }
        final ExpandableArrayBuffer back = new ExpandableArrayBuffer(1);
        MuLaw.encode(pcm, 5, back, 3, 100);
        G711Transcoder.muLawToALaw(back, 3, back, 3, 100);
        G711Transcoder.aLawToMuLaw(back, 3, back, 3, 100);
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.encode(pcm, 5, back, -1, 100));
    }

    @Test
    void rejectsRangesOutsideTheBuffersBeforeWriting()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[16]);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[16]);
        dst.setMemory(0, 16, (byte)0x11);
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.encode(src, 0, dst, 0, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.decode(src, 0, dst, 0, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> ALaw.decode(src, 9, dst, 0, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> G711Transcoder.muLawToALaw(src, 0, dst, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> ALaw.encode(src, 0, dst, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> ALaw.encode(src, -1, dst, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.decode(src, 0, dst, -2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.encode(new short[4], 1, new byte[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> ALaw.decode(new byte[4], 0, new short[4], 1, 4));
        assertThrows(IndexOutOfBoundsException.class,
            () -> G711Transcoder.aLawToMuLaw(new byte[4], 0, new byte[3], 0, 4));
        final byte[] untouched = new byte[16];
        Arrays.fill(untouched, (byte)0x11);
        assertArrayEquals(untouched, dst.byteArray());
    }

    private static short[] randomPcm(final Random random, final int samples)
    {
        final short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            pcm[i] = (short)(i % 4 == 0 ? random.nextInt() : random.nextGaussian() * 3000);
        }
        return pcm;
    }
}
