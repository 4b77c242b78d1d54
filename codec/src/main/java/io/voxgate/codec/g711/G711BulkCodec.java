package io.voxgate.codec.g711;

import java.nio.ByteOrder;
import java.util.Objects;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The table-driven loops shared by {@link MuLaw}, {@link ALaw} and {@link G711Transcoder}.
 *
 * <p>Buffer loops move eight samples per step: one {@code long} of eight codes in, two {@code long}s of four
 * little-endian PCM16 samples out (or the reverse). That is one bounds check per eight samples on Agrona buffers
 * instead of one per byte, which is what makes decode well under a nanosecond per sample.
 *
 * <p>An encode table is indexed by the sample with its {@code shift} low bits dropped: G.711 only looks at the top
 * 14 (μ-law) or 12 (A-law) bits, and for a one's complement magnitude {@code ~x >> s == ~(x >> s)}, so the dropped
 * bits never change the code. Stateless and thread-safe.
 */
final class G711BulkCodec
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private G711BulkCodec()
    {
    }

    static void decode(
        final char[] table,
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int samples)
    {
        checkSamples(samples);
        src.boundsCheck(srcOffset, samples);
        checkDestination(dst, dstOffset, samples * 2L);

        final int blocks = samples & ~7;
        int i = 0;
        for (; i < blocks; i += 8)
        {
            final long codes = src.getLong(srcOffset + i, LE);
            final int out = dstOffset + (i << 1);
            dst.putLong(out, expand4(table, (int)codes), LE);
            dst.putLong(out + 8, expand4(table, (int)(codes >>> 32)), LE);
        }
        for (; i < samples; i++)
        {
            dst.putShort(dstOffset + (i << 1), (short)table[src.getByte(srcOffset + i) & 0xFF], LE);
        }
    }

    static void encode(
        final byte[] table,
        final int shift,
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int samples)
    {
        checkSamples(samples);
        checkSource(src, srcOffset, samples * 2L);
        checkDestination(dst, dstOffset, samples);

        final int mask = 0xFFFF >>> shift;
        final int blocks = samples & ~7;
        int i = 0;
        for (; i < blocks; i += 8)
        {
            final int in = srcOffset + (i << 1);
            final long low = compress4(table, shift, mask, src.getLong(in, LE));
            final long high = compress4(table, shift, mask, src.getLong(in + 8, LE));
            dst.putLong(dstOffset + i, low | (high << 32), LE);
        }
        for (; i < samples; i++)
        {
            final int bits = src.getShort(srcOffset + (i << 1), LE) & 0xFFFF;
            dst.putByte(dstOffset + i, table[bits >>> shift]);
        }
    }

    static void decode(
        final char[] table,
        final byte[] src,
        final int srcOffset,
        final short[] dst,
        final int dstOffset,
        final int samples)
    {
        Objects.checkFromIndexSize(srcOffset, samples, src.length);
        Objects.checkFromIndexSize(dstOffset, samples, dst.length);
        for (int i = 0; i < samples; i++)
        {
            dst[dstOffset + i] = (short)table[src[srcOffset + i] & 0xFF];
        }
    }

    static void encode(
        final byte[] table,
        final int shift,
        final short[] src,
        final int srcOffset,
        final byte[] dst,
        final int dstOffset,
        final int samples)
    {
        Objects.checkFromIndexSize(srcOffset, samples, src.length);
        Objects.checkFromIndexSize(dstOffset, samples, dst.length);
        for (int i = 0; i < samples; i++)
        {
            dst[dstOffset + i] = table[(src[srcOffset + i] & 0xFFFF) >>> shift];
        }
    }

    static void map(
        final byte[] table,
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int length)
    {
        checkSamples(length);
        src.boundsCheck(srcOffset, length);
        checkDestination(dst, dstOffset, length);

        final int blocks = length & ~7;
        int i = 0;
        for (; i < blocks; i += 8)
        {
            final long in = src.getLong(srcOffset + i, LE);
            long out = 0;
            for (int b = 0; b < 64; b += 8)
            {
                out |= (table[(int)(in >>> b) & 0xFF] & 0xFFL) << b;
            }
            dst.putLong(dstOffset + i, out, LE);
        }
        for (; i < length; i++)
        {
            dst.putByte(dstOffset + i, table[src.getByte(srcOffset + i) & 0xFF]);
        }
    }

    static void map(
        final byte[] table,
        final byte[] src,
        final int srcOffset,
        final byte[] dst,
        final int dstOffset,
        final int length)
    {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        for (int i = 0; i < length; i++)
        {
            dst[dstOffset + i] = table[src[srcOffset + i] & 0xFF];
        }
    }

    private static long expand4(final char[] table, final int codes)
    {
        return table[codes & 0xFF] |
            ((long)table[(codes >>> 8) & 0xFF] << 16) |
            ((long)table[(codes >>> 16) & 0xFF] << 32) |
            ((long)table[codes >>> 24] << 48);
    }

    private static long compress4(final byte[] table, final int shift, final int mask, final long samples)
    {
        return (table[(int)(samples >>> shift) & mask] & 0xFFL) |
            ((table[(int)(samples >>> (16 + shift)) & mask] & 0xFFL) << 8) |
            ((table[(int)(samples >>> (32 + shift)) & mask] & 0xFFL) << 16) |
            ((table[(int)(samples >>> (48 + shift)) & mask] & 0xFFL) << 24);
    }

    private static void checkSamples(final int samples)
    {
        if (samples < 0)
        {
            throw new IllegalArgumentException("negative sample count: " + samples);
        }
    }

    private static void checkSource(final DirectBuffer src, final int offset, final long length)
    {
        if (length > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("too many samples for one buffer: " + length + " bytes");
        }
        src.boundsCheck(offset, (int)length);
    }

    private static void checkDestination(final MutableDirectBuffer dst, final int offset, final long length)
    {
        if (length > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("too many samples for one buffer: " + length + " bytes");
        }
        if (!dst.isExpandable())
        {
            dst.boundsCheck(offset, (int)length);
        }
    }
}
