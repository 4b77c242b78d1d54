package io.voxgate.codec.base64;

import static io.voxgate.codec.base64.Base64Alphabet.PAD;

import java.nio.ByteOrder;
import java.util.Objects;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import io.voxgate.codec.BufferRanges;

/**
 * Strict RFC 4648 base64 decoder (standard alphabet, padding required) from ASCII bytes or characters straight into
 * a {@link MutableDirectBuffer}.
 *
 * <p>Built for the media hot path (a Twilio frame is 160 bytes in 216 characters): a decode allocates nothing and
 * reports bad input by return value, never by exception. A decode method returns the number of bytes written, or a
 * negative {@link Base64Error#code()}; after a failure {@link #error()}, {@link #errorIndex()} and
 * {@link #errorCharacter()} say exactly what and where, and {@link #errorMessage()} builds a readable sentence (the
 * only method that allocates, and only when called). Nothing is accepted loosely: no whitespace, no URL-safe
 * alphabet, no missing padding, no stray bits after the last byte, so no input decodes to a silently wrong result.
 *
 * <p>On failure the destination bytes from {@code dstOffset} up to the decoded length may have been overwritten
 * (the payload is decoded in one pass); the caller should drop them. Range arguments outside the source are bugs
 * and throw {@link IndexOutOfBoundsException}.
 *
 * <p>Not thread-safe: the error details are per instance. Give each thread (or session) its own decoder.
 */
public final class Base64Decoder
{
    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Base64Error error;
    private int errorIndex = -1;
    private int errorCharacter = -1;

    /**
     * Creates a decoder with no error recorded. Allocate one per thread or session, up front.
     */
    public Base64Decoder()
    {
    }

    /**
     * The most bytes an input of this length can decode to (the exact count when it has no padding).
     *
     * @param encodedLength input length in characters.
     * @return {@code encodedLength / 4 * 3}.
     */
    public static int maxDecodedLength(final int encodedLength)
    {
        return (encodedLength >> 2) * 3;
    }

    /**
     * Decodes ASCII base64 from a buffer.
     *
     * @param src       the encoded bytes.
     * @param offset    index of the first encoded byte in {@code src}.
     * @param length    how many encoded bytes.
     * @param dst       where the decoded bytes go.
     * @param dstOffset index in {@code dst} of the first decoded byte.
     * @return the number of decoded bytes, or a negative {@link Base64Error#code()}.
     */
    public int decode(
        final DirectBuffer src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        BufferRanges.check(src, offset, length);
        final int decoded = begin(length, length < 4 ? 0 : src.getByte(offset + length - 2),
            length < 4 ? 0 : src.getByte(offset + length - 1), dst, dstOffset);
        if (decoded <= 0)
        {
            return decoded;
        }

        // Ranges are checked above (source) and in begin() (destination), so the loops use raw access: Agrona's
        // per-access bounds checks cost about as much as the decoding itself (measured).
        final byte[] srcArray = src.byteArray();
        final long srcAddress = src.addressOffset();
        final byte[] dstArray = dst.byteArray();
        long out = dst.addressOffset() + dstOffset;
        final int lastQuad = offset + length - 4;
        for (int i = offset; i < lastQuad; i += 4)
        {
            final int raw = UnsafeApi.getInt(srcArray, srcAddress + i);
            final int word = NATIVE_LE ? raw : Integer.reverseBytes(raw);
            final int d0 = Base64Alphabet.valueOfByte(word);
            final int d1 = Base64Alphabet.valueOfByte(word >>> 8);
            final int d2 = Base64Alphabet.valueOfByte(word >>> 16);
            final int d3 = Base64Alphabet.valueOfByte(word >>> 24);
            if ((d0 | d1 | d2 | d3) < 0)
            {
                return badQuad(
                    word & 0xFF, (word >>> 8) & 0xFF, (word >>> 16) & 0xFF, word >>> 24, i - offset, d0, d1, d2);
            }
            putTriple(dstArray, out, (d0 << 18) | (d1 << 12) | (d2 << 6) | d3);
            out += 3;
        }

        return end(
            src.getByte(lastQuad) & 0xFF,
            src.getByte(lastQuad + 1) & 0xFF,
            src.getByte(lastQuad + 2) & 0xFF,
            src.getByte(lastQuad + 3) & 0xFF,
            length - 4,
            dstArray,
            out,
            decoded);
    }

    /**
     * Decodes ASCII base64 from a byte array.
     *
     * @param src       the encoded bytes.
     * @param offset    index of the first encoded byte in {@code src}.
     * @param length    how many encoded bytes.
     * @param dst       where the decoded bytes go.
     * @param dstOffset index in {@code dst} of the first decoded byte.
     * @return the number of decoded bytes, or a negative {@link Base64Error#code()}.
     */
    public int decode(
        final byte[] src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        Objects.checkFromIndexSize(offset, length, src.length);
        final int decoded = begin(length, length < 4 ? 0 : src[offset + length - 2],
            length < 4 ? 0 : src[offset + length - 1], dst, dstOffset);
        if (decoded <= 0)
        {
            return decoded;
        }

        final byte[] dstArray = dst.byteArray();
        long out = dst.addressOffset() + dstOffset;
        final int lastQuad = offset + length - 4;
        for (int i = offset; i < lastQuad; i += 4)
        {
            final int d0 = Base64Alphabet.valueOfByte(src[i]);
            final int d1 = Base64Alphabet.valueOfByte(src[i + 1]);
            final int d2 = Base64Alphabet.valueOfByte(src[i + 2]);
            final int d3 = Base64Alphabet.valueOfByte(src[i + 3]);
            if ((d0 | d1 | d2 | d3) < 0)
            {
                return badQuad(
                    src[i] & 0xFF, src[i + 1] & 0xFF, src[i + 2] & 0xFF, src[i + 3] & 0xFF, i - offset, d0, d1, d2);
            }
            putTriple(dstArray, out, (d0 << 18) | (d1 << 12) | (d2 << 6) | d3);
            out += 3;
        }

        return end(
            src[lastQuad] & 0xFF,
            src[lastQuad + 1] & 0xFF,
            src[lastQuad + 2] & 0xFF,
            src[lastQuad + 3] & 0xFF,
            length - 4,
            dstArray,
            out,
            decoded);
    }

    /**
     * Decodes base64 from a range of characters, such as the {@code payload} string of a Twilio media message.
     *
     * @param src       the encoded characters.
     * @param offset    index of the first encoded character in {@code src}.
     * @param length    how many encoded characters.
     * @param dst       where the decoded bytes go.
     * @param dstOffset index in {@code dst} of the first decoded byte.
     * @return the number of decoded bytes, or a negative {@link Base64Error#code()}.
     */
    public int decode(
        final CharSequence src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        Objects.checkFromIndexSize(offset, length, src.length());
        final int decoded = begin(length, length < 4 ? 0 : src.charAt(offset + length - 2),
            length < 4 ? 0 : src.charAt(offset + length - 1), dst, dstOffset);
        if (decoded <= 0)
        {
            return decoded;
        }

        final byte[] dstArray = dst.byteArray();
        long out = dst.addressOffset() + dstOffset;
        final int lastQuad = offset + length - 4;
        for (int i = offset; i < lastQuad; i += 4)
        {
            final char c0 = src.charAt(i);
            final char c1 = src.charAt(i + 1);
            final char c2 = src.charAt(i + 2);
            final char c3 = src.charAt(i + 3);
            final int d0 = Base64Alphabet.value(c0);
            final int d1 = Base64Alphabet.value(c1);
            final int d2 = Base64Alphabet.value(c2);
            final int d3 = Base64Alphabet.value(c3);
            if ((d0 | d1 | d2 | d3) < 0)
            {
                return badQuad(c0, c1, c2, c3, i - offset, d0, d1, d2);
            }
            putTriple(dstArray, out, (d0 << 18) | (d1 << 12) | (d2 << 6) | d3);
            out += 3;
        }

        return end(
            src.charAt(lastQuad),
            src.charAt(lastQuad + 1),
            src.charAt(lastQuad + 2),
            src.charAt(lastQuad + 3),
            length - 4,
            dstArray,
            out,
            decoded);
    }

    /**
     * Why the last decode failed.
     *
     * @return the error, or {@code null} if the last decode succeeded (or none ran yet).
     */
    public Base64Error error()
    {
        return error;
    }

    /**
     * Where the last decode failed, counted from the start of the input range: the offending character for
     * character, padding and trailing-bit errors; the input length for {@link Base64Error#BAD_LENGTH}; the number
     * of bytes needed from {@code dstOffset} for {@link Base64Error#DESTINATION_TOO_SMALL}.
     *
     * @return the index, or -1 if the last decode succeeded.
     */
    public int errorIndex()
    {
        return errorIndex;
    }

    /**
     * The offending character of the last failed decode.
     *
     * @return the byte (0-255) or character, or -1 if the error is not about one character.
     */
    public int errorCharacter()
    {
        return errorCharacter;
    }

    /**
     * A readable account of the last failure, for logs and error replies. Allocates; call it off the hot path.
     *
     * @return the message, or {@code "no error"} if the last decode succeeded.
     */
    public String errorMessage()
    {
        if (error == null)
        {
            return "no error";
        }
        return error.describe(errorIndex, errorCharacter);
    }

    private int begin(
        final int length,
        final int secondLast,
        final int last,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        error = null;
        errorIndex = -1;
        errorCharacter = -1;
        if ((length & 3) != 0)
        {
            return fail(Base64Error.BAD_LENGTH, length, -1);
        }
        if (length == 0)
        {
            return 0;
        }

        final int padding = last == '=' ? (secondLast == '=' ? 2 : 1) : 0;
        final int decoded = maxDecodedLength(length) - padding;
        if (dstOffset < 0)
        {
            throw new IndexOutOfBoundsException("negative destination offset " + dstOffset);
        }
        if (dst.isExpandable() && dstOffset <= Integer.MAX_VALUE - decoded)
        {
            dst.checkLimit(dstOffset + decoded);
        }
        if (dstOffset > dst.capacity() - decoded)
        {
            return fail(Base64Error.DESTINATION_TOO_SMALL, decoded, -1);
        }
        return decoded;
    }

    private int end(
        final int c0,
        final int c1,
        final int c2,
        final int c3,
        final int index,
        final byte[] dstArray,
        final long out,
        final int decoded)
    {
        final int d0 = Base64Alphabet.value(c0);
        final int d1 = Base64Alphabet.value(c1);
        final int d2 = Base64Alphabet.value(c2);
        final int d3 = Base64Alphabet.value(c3);
        if ((d0 | d1 | d2 | d3) >= 0)
        {
            final int bits = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
            UnsafeApi.putByte(dstArray, out, (byte)(bits >> 16));
            UnsafeApi.putByte(dstArray, out + 1, (byte)(bits >> 8));
            UnsafeApi.putByte(dstArray, out + 2, (byte)bits);
            return decoded;
        }
        if ((d0 | d1) < 0)
        {
            return badQuad(c0, c1, c2, c3, index, d0, d1, d2);
        }
        if (d2 == PAD)
        {
            if (d3 != PAD)
            {
                return d3 == Base64Alphabet.INVALID ?
                    fail(Base64Error.ILLEGAL_CHARACTER, index + 3, c3) :
                    fail(Base64Error.BAD_PADDING, index + 2, c2);
            }
            if ((d1 & 0x0F) != 0)
            {
                return fail(Base64Error.NON_ZERO_TRAILING_BITS, index + 1, c1);
            }
            UnsafeApi.putByte(dstArray, out, (byte)((d0 << 2) | (d1 >> 4)));
            return decoded;
        }
        if (d2 < 0)
        {
            return fail(Base64Error.ILLEGAL_CHARACTER, index + 2, c2);
        }
        if (d3 != PAD)
        {
            return fail(Base64Error.ILLEGAL_CHARACTER, index + 3, c3);
        }
        if ((d2 & 0x03) != 0)
        {
            return fail(Base64Error.NON_ZERO_TRAILING_BITS, index + 2, c2);
        }
        final int bits = (d0 << 10) | (d1 << 4) | (d2 >> 2);
        UnsafeApi.putByte(dstArray, out, (byte)(bits >> 8));
        UnsafeApi.putByte(dstArray, out + 1, (byte)bits);
        return decoded;
    }

    /**
     * Reports the first bad character of a quad that is not the last one (or whose first two are bad).
     */
    private int badQuad(
        final int c0,
        final int c1,
        final int c2,
        final int c3,
        final int index,
        final int d0,
        final int d1,
        final int d2)
    {
        if (d0 < 0)
        {
            return failOn(d0, index, c0);
        }
        if (d1 < 0)
        {
            return failOn(d1, index + 1, c1);
        }
        if (d2 < 0)
        {
            return failOn(d2, index + 2, c2);
        }
        return failOn(Base64Alphabet.value(c3), index + 3, c3);
    }

    private int failOn(final int value, final int index, final int character)
    {
        return fail(value == PAD ? Base64Error.BAD_PADDING : Base64Error.ILLEGAL_CHARACTER, index, character);
    }

    private int fail(final Base64Error kind, final int index, final int character)
    {
        error = kind;
        errorIndex = index;
        errorCharacter = character;
        return kind.code();
    }

    /**
     * Writes three decoded bytes as one 4-byte store. The fourth byte lands on the first byte of the next quad's
     * output, which is always written afterwards (the loops stop before the last quad), so it never escapes the
     * decoded range.
     */
    private static void putTriple(final byte[] dstArray, final long address, final int bits)
    {
        final int memoryOrder = bits << 8;
        UnsafeApi.putInt(dstArray, address, NATIVE_LE ? Integer.reverseBytes(memoryOrder) : memoryOrder);
    }
}
