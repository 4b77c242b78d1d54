package io.voxgate.codec.g711;

import java.nio.ByteOrder;
import java.util.Objects;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import io.voxgate.codec.BufferRanges;

/**
 * The table-driven loops shared by {@link MuLaw}, {@link ALaw} and {@link G711Transcoder}.
 *
 * <p>Buffer loops check both ranges once, up front, then move eight samples per step with raw memory access
 * through the buffers' {@code byteArray()}/{@code addressOffset()} (as Agrona's own buffers do internally): one
 * {@code long} of eight codes in, two {@code long}s of four little-endian PCM16 samples out, or the reverse.
 * Agrona's per-access bounds checks would otherwise cost about a third of the time (measured). On a big-endian
 * machine the loops fall back to Agrona's checked, byte-order-aware accessors.
 *
 * <p>An encode table is indexed by the sample with its {@code shift} low bits dropped: G.711 only looks at the top
 * 14 (μ-law) or 12 (A-law) bits, and for a one's complement magnitude {@code ~x >> s == ~(x >> s)}, so the dropped
 * bits never change the code. Stateless and thread-safe.
 */
final class G711BulkCodec
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final boolean RAW_ACCESS = ByteOrder.nativeOrder() == LE;

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
        checkRanges(src, srcOffset, samples, dst, dstOffset, samples * 2L);
        if (!RAW_ACCESS)
        {
            for (int i = 0; i < samples; i++)
            {
                dst.putShort(dstOffset + (i << 1), (short)table[src.getByte(srcOffset + i) & 0xFF], LE);
            }
            return;
        }

        final byte[] srcArray = src.byteArray();
        final long srcAddress = src.addressOffset() + srcOffset;
        final byte[] dstArray = dst.byteArray();
        final long dstAddress = dst.addressOffset() + dstOffset;
        final int blocks = samples & ~7;
        int i = 0;
        for (; i < blocks; i += 8)
        {
            final long codes = UnsafeApi.getLong(srcArray, srcAddress + i);
            final long out = dstAddress + ((long)i << 1);
            UnsafeApi.putLong(dstArray, out, expand4(table, (int)codes));
            UnsafeApi.putLong(dstArray, out + 8, expand4(table, (int)(codes >>> 32)));
        }
        for (; i < samples; i++)
        {
            final char sample = table[UnsafeApi.getByte(srcArray, srcAddress + i) & 0xFF];
            UnsafeApi.putShort(dstArray, dstAddress + ((long)i << 1), (short)sample);
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
        checkRanges(src, srcOffset, samples * 2L, dst, dstOffset, samples);
        if (!RAW_ACCESS)
        {
            for (int i = 0; i < samples; i++)
            {
                final int bits = src.getShort(srcOffset + (i << 1), LE) & 0xFFFF;
                dst.putByte(dstOffset + i, table[bits >>> shift]);
            }
            return;
        }

        final byte[] srcArray = src.byteArray();
        final long srcAddress = src.addressOffset() + srcOffset;
        final byte[] dstArray = dst.byteArray();
        final long dstAddress = dst.addressOffset() + dstOffset;
        final int mask = 0xFFFF >>> shift;
        final int blocks = samples & ~7;
        int i = 0;
        for (; i < blocks; i += 8)
        {
            final long in = srcAddress + ((long)i << 1);
            final long low = compress4(table, shift, mask, UnsafeApi.getLong(srcArray, in));
            final long high = compress4(table, shift, mask, UnsafeApi.getLong(srcArray, in + 8));
            UnsafeApi.putLong(dstArray, dstAddress + i, low | (high << 32));
        }
        for (; i < samples; i++)
        {
            final int bits = UnsafeApi.getShort(srcArray, srcAddress + ((long)i << 1)) & 0xFFFF;
            UnsafeApi.putByte(dstArray, dstAddress + i, table[bits >>> shift]);
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
        checkRanges(src, srcOffset, length, dst, dstOffset, length);
        if (!RAW_ACCESS)
        {
            for (int i = 0; i < length; i++)
            {
                dst.putByte(dstOffset + i, table[src.getByte(srcOffset + i) & 0xFF]);
            }
            return;
        }

        final byte[] srcArray = src.byteArray();
        final long srcAddress = src.addressOffset() + srcOffset;
        final byte[] dstArray = dst.byteArray();
        final long dstAddress = dst.addressOffset() + dstOffset;
        final int blocks = length & ~7;
        int i = 0;
        for (; i < blocks; i += 8)
        {
            final long in = UnsafeApi.getLong(srcArray, srcAddress + i);
            long out = 0;
            for (int b = 0; b < 64; b += 8)
            {
                out |= (table[(int)(in >>> b) & 0xFF] & 0xFFL) << b;
            }
            UnsafeApi.putLong(dstArray, dstAddress + i, out);
        }
        for (; i < length; i++)
        {
            UnsafeApi.putByte(dstArray, dstAddress + i, table[UnsafeApi.getByte(srcArray, srcAddress + i) & 0xFF]);
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

    /**
     * Checks both ranges before anything is written; grows an expandable destination to fit.
     */
    private static void checkRanges(
        final DirectBuffer src,
        final int srcOffset,
        final long srcLength,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final long dstLength)
    {
        if (srcLength < 0 || dstLength < 0)
        {
            throw new IllegalArgumentException("negative sample count");
        }
        BufferRanges.check(src, srcOffset, srcLength);
        if (dst.isExpandable() && dstOffset >= 0 && dstLength <= Integer.MAX_VALUE - dstOffset)
        {
            dst.checkLimit(dstOffset + (int)dstLength);
        }
        BufferRanges.check(dst, dstOffset, dstLength);
    }
}
