package io.voxgate.codec.base64;

/**
 * Why a base64 decode failed. Each kind has a distinct negative {@link #code()}, which is what
 * {@link Base64Decoder}'s decode methods return instead of a byte count, so the hot path can branch on the sign
 * of one {@code int}.
 */
public enum Base64Error
{
    /** A byte or character outside the RFC 4648 standard alphabet (whitespace and URL-safe letters included). */
    ILLEGAL_CHARACTER(-1),

    /** A {@code '='} anywhere but the last one or two positions, or data after it. */
    BAD_PADDING(-2),

    /** The input length is not a multiple of four (padding is required). */
    BAD_LENGTH(-3),

    /** The last character before the padding carries bits that the decoded bytes cannot hold (RFC 4648 3.5). */
    NON_ZERO_TRAILING_BITS(-4),

    /** The destination, which cannot grow, has no room for the decoded bytes; nothing was written. */
    DESTINATION_TOO_SMALL(-5);

    private static final Base64Error[] BY_CODE = values();

    private final int code;

    Base64Error(final int code)
    {
        this.code = code;
    }

    /**
     * The value a decode method returns for this error.
     *
     * @return a negative number, distinct per kind.
     */
    public int code()
    {
        return code;
    }

    /**
     * A readable sentence for this error, as {@link Base64Decoder#errorMessage()} gives it. Allocates.
     *
     * @param index     where it happened, as {@link Base64Decoder#errorIndex()} reports it.
     * @param character the offending character, or -1.
     * @return the message.
     */
    public String describe(final int index, final int character)
    {
        return switch (this)
        {
            case ILLEGAL_CHARACTER -> "illegal base64 character " + quote(character) + " at index " + index;
            case BAD_PADDING -> "bad base64 padding at index " + index + ": " + quote(character) +
                " where only one or two '=' may end the input";
            case BAD_LENGTH -> "base64 length " + index + " is not a multiple of 4";
            case NON_ZERO_TRAILING_BITS -> "base64 character " + quote(character) + " at index " + index +
                " has non-zero bits after the last decoded byte";
            case DESTINATION_TOO_SMALL -> "destination too small: the base64 input decodes to " + index + " bytes";
        };
    }

    /**
     * The error a decode method's negative result stands for.
     *
     * @param code a negative result of a decode method.
     * @return the matching error.
     * @throws IllegalArgumentException if {@code code} is not an error code.
     */
    public static Base64Error of(final int code)
    {
        final int index = -code - 1;
        if (index < 0 || index >= BY_CODE.length)
        {
            throw new IllegalArgumentException("not a base64 error code: " + code);
        }
        return BY_CODE[index];
    }

    private static String quote(final int character)
    {
        if (character >= 0x21 && character <= 0x7E)
        {
            return "'" + (char)character + "' (0x" + Integer.toHexString(character) + ")";
        }
        return String.format("0x%02X", character);
    }
}
