package io.voxgate.codec.base64;

import java.nio.ByteOrder;
import java.util.Objects;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import io.voxgate.codec.BufferRanges;

/**
 * RFC 4648 base64 encoder (standard alphabet, with padding) from a {@link DirectBuffer} range into ASCII bytes.
 *
 * <p>Encoding cannot fail on valid arguments, so it has no error channel: the caller sizes the destination with
 * {@link #encodedLength(int)}, and a range outside a buffer is a bug that throws {@link IndexOutOfBoundsException}
 * before anything is written. After that check the loops use raw memory access (Agrona's per-access bounds checks
 * would double the cost, measured). Allocates nothing; stateless and thread-safe.
 */
public final class Base64Encoder
{
    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final byte PAD = '=';

    private Base64Encoder()
    {
    }

    /**
     * How many characters {@code length} bytes encode to, padding included.
     *
     * @param length number of bytes to encode.
     * @return {@code 4 * ceil(length / 3)}.
     * @throws IllegalArgumentException if {@code length} is negative or the result would not fit an {@code int}.
     */
    public static int encodedLength(final int length)
    {
        final long encoded = 4L * ((length + 2L) / 3);
        if (length < 0 || encoded > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("cannot base64-encode " + length + " bytes into one buffer");
        }
        return (int)encoded;
    }

    /**
     * Encodes a range of a buffer into ASCII in another buffer.
     *
     * @param src       the bytes to encode.
     * @param offset    index of the first byte in {@code src}.
     * @param length    how many bytes to encode.
     * @param dst       where the ASCII goes.
     * @param dstOffset index in {@code dst} of the first character.
     * @return the number of characters written, {@link #encodedLength(int)} of {@code length}.
     */
    public static int encode(
        final DirectBuffer src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        BufferRanges.check(src, offset, length);
        final int encoded = encodedLength(length);
        if (dstOffset < 0 || dstOffset > Integer.MAX_VALUE - encoded)
        {
            throw new IndexOutOfBoundsException("destination offset " + dstOffset + " for " + encoded + " bytes");
        }
        if (dst.isExpandable())
        {
            dst.checkLimit(dstOffset + encoded);
        }
        BufferRanges.check(dst, dstOffset, encoded);
        encode(src.byteArray(), src.addressOffset() + offset, length, dst.byteArray(), dst.addressOffset() + dstOffset);
        return encoded;
    }

    /**
     * Encodes a range of a buffer into ASCII in a byte array.
     *
     * @param src       the bytes to encode.
     * @param offset    index of the first byte in {@code src}.
     * @param length    how many bytes to encode.
     * @param dst       where the ASCII goes.
     * @param dstOffset index in {@code dst} of the first character.
     * @return the number of characters written, {@link #encodedLength(int)} of {@code length}.
     */
    public static int encode(
        final DirectBuffer src,
        final int offset,
        final int length,
        final byte[] dst,
        final int dstOffset)
    {
        BufferRanges.check(src, offset, length);
        final int encoded = encodedLength(length);
        Objects.checkFromIndexSize(dstOffset, encoded, dst.length);
        encode(src.byteArray(), src.addressOffset() + offset, length, dst, BufferUtil.ARRAY_BASE_OFFSET + dstOffset);
        return encoded;
    }

    /**
     * The loop over checked ranges: {@code srcArray}/{@code dstArray} are null for off-heap memory, as in Agrona.
     */
    private static void encode(
        final byte[] srcArray,
        final long srcAddress,
        final int length,
        final byte[] dstArray,
        final long dstAddress)
    {
        final int whole = length - length % 3;
        long out = dstAddress;
        for (int i = 0; i < whole; i += 3)
        {
            final long in = srcAddress + i;
            final int bits = ((UnsafeApi.getByte(srcArray, in) & 0xFF) << 16) |
                ((UnsafeApi.getByte(srcArray, in + 1) & 0xFF) << 8) |
                (UnsafeApi.getByte(srcArray, in + 2) & 0xFF);
            putQuad(dstArray, out, quad(bits));
            out += 4;
        }
        if (whole < length)
        {
            final long in = srcAddress + whole;
            final int first = UnsafeApi.getByte(srcArray, in) & 0xFF;
            final int second = whole + 1 < length ? UnsafeApi.getByte(srcArray, in + 1) & 0xFF : -1;
            putQuad(dstArray, out, tail(first, second));
        }
    }

    /**
     * Four characters for 24 bits, packed little-endian (first character in the low byte).
     */
    private static int quad(final int bits)
    {
        final byte[] alphabet = Base64Alphabet.ENCODE;
        return alphabet[bits >>> 18] |
            (alphabet[(bits >>> 12) & 0x3F] << 8) |
            (alphabet[(bits >>> 6) & 0x3F] << 16) |
            (alphabet[bits & 0x3F] << 24);
    }

    /**
     * The padded last quad for one remaining byte ({@code second} is -1) or two.
     */
    private static int tail(final int first, final int second)
    {
        final byte[] alphabet = Base64Alphabet.ENCODE;
        if (second < 0)
        {
            return alphabet[first >>> 2] |
                (alphabet[(first & 0x03) << 4] << 8) |
                (PAD << 16) |
                (PAD << 24);
        }
        return alphabet[first >>> 2] |
            (alphabet[((first & 0x03) << 4) | (second >>> 4)] << 8) |
            (alphabet[(second & 0x0F) << 2] << 16) |
            (PAD << 24);
    }

    private static void putQuad(final byte[] dstArray, final long address, final int quad)
    {
        UnsafeApi.putInt(dstArray, address, NATIVE_LE ? quad : Integer.reverseBytes(quad));
    }
}
