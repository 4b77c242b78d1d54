package io.voxgate.codec.base64;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RFC 4648 standard base64 alphabet (section 4, table 1) in both directions, built once.
 */
final class Base64Alphabet
{
    /** Value of a byte or character that is not in the alphabet. */
    static final int INVALID = -1;

    /** Value of the pad character {@code '='}. */
    static final int PAD = -2;

    static final byte[] ENCODE =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
            StandardCharsets.US_ASCII);

    private static final byte[] DECODE = new byte[256];

    static
    {
        Arrays.fill(DECODE, (byte)INVALID);
        for (int value = 0; value < ENCODE.length; value++)
        {
            DECODE[ENCODE[value]] = (byte)value;
        }
        DECODE['='] = (byte)PAD;
    }

    private Base64Alphabet()
    {
    }

    /**
     * The 6-bit value of a character, {@link #INVALID} or {@link #PAD}.
     */
    static int value(final int character)
    {
        return character > 0xFF ? INVALID : DECODE[character];
    }

    /**
     * The 6-bit value of a byte (taken as unsigned), {@link #INVALID} or {@link #PAD}.
     */
    static int valueOfByte(final int octet)
    {
        return DECODE[octet & 0xFF];
    }
}
