package io.voxgate.codec.base64;

import java.nio.ByteOrder;
import java.util.Objects;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * RFC 4648 base64 encoder (standard alphabet, with padding) from a {@link DirectBuffer} range into ASCII bytes.
 *
 * <p>Encoding cannot fail on valid arguments, so it has no error channel: the caller sizes the destination with
 * {@link #encodedLength(int)}, and a range outside a buffer is a bug that throws {@link IndexOutOfBoundsException}
 * before anything is written. Allocates nothing; stateless and thread-safe.
 */
public final class Base64Encoder
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
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
        src.boundsCheck(offset, length);
        final int encoded = encodedLength(length);
        if (!dst.isExpandable())
        {
            dst.boundsCheck(dstOffset, encoded);
        }

        final int whole = length - length % 3;
        int out = dstOffset;
        for (int i = 0; i < whole; i += 3)
        {
            final int bits = ((src.getByte(offset + i) & 0xFF) << 16) |
                ((src.getByte(offset + i + 1) & 0xFF) << 8) |
                (src.getByte(offset + i + 2) & 0xFF);
            dst.putInt(out, quad(bits), LE);
            out += 4;
        }
        if (whole < length)
        {
            dst.putInt(out, tail(src, offset + whole, length - whole), LE);
        }
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
        src.boundsCheck(offset, length);
        final int encoded = encodedLength(length);
        Objects.checkFromIndexSize(dstOffset, encoded, dst.length);

        final int whole = length - length % 3;
        int out = dstOffset;
        for (int i = 0; i < whole; i += 3)
        {
            final int bits = ((src.getByte(offset + i) & 0xFF) << 16) |
                ((src.getByte(offset + i + 1) & 0xFF) << 8) |
                (src.getByte(offset + i + 2) & 0xFF);
            putQuad(dst, out, quad(bits));
            out += 4;
        }
        if (whole < length)
        {
            putQuad(dst, out, tail(src, offset + whole, length - whole));
        }
        return encoded;
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
     * The padded last quad for one or two remaining bytes.
     */
    private static int tail(final DirectBuffer src, final int index, final int remaining)
    {
        final byte[] alphabet = Base64Alphabet.ENCODE;
        final int first = src.getByte(index) & 0xFF;
        if (remaining == 1)
        {
            return alphabet[first >>> 2] |
                (alphabet[(first & 0x03) << 4] << 8) |
                (PAD << 16) |
                (PAD << 24);
        }
        final int second = src.getByte(index + 1) & 0xFF;
        return alphabet[first >>> 2] |
            (alphabet[((first & 0x03) << 4) | (second >>> 4)] << 8) |
            (alphabet[(second & 0x0F) << 2] << 16) |
            (PAD << 24);
    }

    private static void putQuad(final byte[] dst, final int index, final int quad)
    {
        dst[index] = (byte)quad;
        dst[index + 1] = (byte)(quad >>> 8);
        dst[index + 2] = (byte)(quad >>> 16);
        dst[index + 3] = (byte)(quad >>> 24);
    }
}
