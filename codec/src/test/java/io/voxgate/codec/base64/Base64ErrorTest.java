package io.voxgate.codec.base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Every way base64 input can be wrong gives its own error code, the exact index and character, and a readable
 * message; the same from every source type. No malformed input ever decodes "successfully".
 */
class Base64ErrorTest
{
    private final Base64Decoder decoder = new Base64Decoder();
    private final UnsafeBuffer dst = new UnsafeBuffer(new byte[64]);

    @Test
    void rejectsLengthsThatAreNotMultiplesOfFour()
    {
        for (final String input : new String[] {"A", "AB", "ABC", "ABCDE", "Zm9vYg=", "Zm9vYg"})
        {
            expect(input, Base64Error.BAD_LENGTH, input.length(), -1);
        }
        assertEquals("base64 length 6 is not a multiple of 4", decoder.errorMessage());
    }

    @Test
    void rejectsCharactersOutsideTheStandardAlphabet()
    {
        expect("ab!d", Base64Error.ILLEGAL_CHARACTER, 2, '!');
        expect("Zm9v Yg=", Base64Error.ILLEGAL_CHARACTER, 4, ' ');
        expect("Zm9vYg=\n", Base64Error.ILLEGAL_CHARACTER, 7, '\n');
        expect("Zm9-", Base64Error.ILLEGAL_CHARACTER, 3, '-');
        expect("Zm_v", Base64Error.ILLEGAL_CHARACTER, 2, '_');
        expect("Zm9vYm\u00e9y", Base64Error.ILLEGAL_CHARACTER, 6, 0xE9);
        expect("AAAA\u0000AAA", Base64Error.ILLEGAL_CHARACTER, 4, 0);
        expect("AAAAAA.=", Base64Error.ILLEGAL_CHARACTER, 6, '.');
        expect("AAAAAAA*", Base64Error.ILLEGAL_CHARACTER, 7, '*');
        assertEquals("illegal base64 character '*' (0x2a) at index 7", decoder.errorMessage());
    }

    @Test
    void rejectsCharactersThatOnlyMatchTheAlphabetInTheirLowByte()
    {
        // U+0141 has low byte 0x41 ('A'): a decoder that masks chars to bytes would accept it.
        final String input = "AAA\u0141";
        assertEquals(Base64Error.ILLEGAL_CHARACTER.code(), decoder.decode(input, 0, 4, dst, 0));
        assertEquals(3, decoder.errorIndex());
        assertEquals(0x141, decoder.errorCharacter());
        assertEquals("illegal base64 character 0x141 at index 3", decoder.errorMessage());
    }

    @Test
    void rejectsPaddingAnywhereButTheEnd()
    {
        expect("=AAA", Base64Error.BAD_PADDING, 0, '=');
        expect("A=AA", Base64Error.BAD_PADDING, 1, '=');
        expect("AA=A", Base64Error.BAD_PADDING, 2, '=');
        expect("AA=!", Base64Error.ILLEGAL_CHARACTER, 3, '!');
        expect("A===", Base64Error.BAD_PADDING, 1, '=');
        expect("====", Base64Error.BAD_PADDING, 0, '=');
        expect("AA==AAAA", Base64Error.BAD_PADDING, 2, '=');
        expect("AAA=AAAA", Base64Error.BAD_PADDING, 3, '=');
        expect("AAAA====", Base64Error.BAD_PADDING, 4, '=');
        expect("AAAAA===", Base64Error.BAD_PADDING, 5, '=');
        assertEquals("bad base64 padding at index 5: '=' (0x3d) where only one or two '=' may end the input",
            decoder.errorMessage());
    }

    @Test
    void rejectsNonZeroBitsAfterTheLastByte()
    {
        expect("AB==", Base64Error.NON_ZERO_TRAILING_BITS, 1, 'B');
        expect("AP==", Base64Error.NON_ZERO_TRAILING_BITS, 1, 'P');
        expect("AAB=", Base64Error.NON_ZERO_TRAILING_BITS, 2, 'B');
        expect("Zm9vYmF=", Base64Error.NON_ZERO_TRAILING_BITS, 6, 'F');
        assertEquals("base64 character 'F' (0x46) at index 6 has non-zero bits after the last decoded byte",
            decoder.errorMessage());
        expect("AQ==", null, -1, -1);
        expect("AAE=", null, -1, -1);
    }

    @Test
    void rejectsADestinationWithoutRoomBeforeWriting()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[5]);
        assertEquals(Base64Error.DESTINATION_TOO_SMALL.code(), decoder.decode("Zm9vYmFy", 0, 8, small, 0));
        assertEquals(Base64Error.DESTINATION_TOO_SMALL, decoder.error());
        assertEquals(6, decoder.errorIndex());
        assertEquals("destination too small: the base64 input decodes to 6 bytes", decoder.errorMessage());
        assertArrayEquals(new byte[5], small.byteArray());

        assertEquals(Base64Error.DESTINATION_TOO_SMALL.code(), decoder.decode("Zm9vYg==", 0, 8, small, 2));
        assertEquals(4, decoder.decode("Zm9vYg==", 0, 8, small, 1));
    }

    @Test
    void clearsTheErrorOnTheNextSuccess()
    {
        expect("ab!d", Base64Error.ILLEGAL_CHARACTER, 2, '!');
        assertEquals(3, decoder.decode("Zm9v", 0, 4, dst, 0));
        assertNull(decoder.error());
        assertEquals(-1, decoder.errorIndex());
        assertEquals(-1, decoder.errorCharacter());
        assertEquals("no error", decoder.errorMessage());
    }

    @Test
    void reportsIndicesRelativeToTheInputRange()
    {
        final String framed = "{\"payload\":\"Zm9v!mFy\"}";
        assertEquals(Base64Error.ILLEGAL_CHARACTER.code(), decoder.decode(framed, 12, 8, dst, 0));
        assertEquals(4, decoder.errorIndex());
    }

    @Test
    void neverDecodesAMutatedInputToADifferentCanonicalText()
    {
        // Strict base64 is a bijection: whatever decodes must re-encode to exactly the input. Try every byte value
        // at every position of inputs with no, one and two padding characters.
        final UnsafeBuffer out = new UnsafeBuffer(new byte[16]);
        final byte[] reencoded = new byte[16];
        int accepted = 0;
        for (final String valid : new String[] {"Zm9vYmFy", "Zm9vYmE=", "Zm9vYg=="})
        {
            for (int position = 0; position < valid.length(); position++)
            {
                for (int value = 0; value < 256; value++)
                {
                    final byte[] input = valid.getBytes(StandardCharsets.US_ASCII);
                    input[position] = (byte)value;
                    final int length = decoder.decode(input, 0, input.length, out, 0);
                    if (length >= 0)
                    {
                        accepted++;
                        final int chars = Base64Encoder.encode(out, 0, length, reencoded, 0);
                        assertEquals(new String(input, StandardCharsets.ISO_8859_1),
                            new String(reencoded, 0, chars, StandardCharsets.ISO_8859_1));
                    }
                    else
                    {
                        assertEquals(decoder.error().code(), length);
                        assertTrue(decoder.errorIndex() >= 0 && decoder.errorIndex() <= position);
                    }
                }
            }
        }
        // A position accepts the 64 letters, minus those that would leave stray bits before padding (only 16 of 64
        // have two zero low bits, 4 of 64 four), plus '=' where it forms valid padding:
        // "Zm9vYmFy": 8 * 64; "Zm9vYmE=": 6 * 64 + 16 + (64 + 1); "Zm9vYg==": 5 * 64 + 4 + (16 + 1) + 1.
        assertEquals(8 * 64 + (6 * 64 + 16 + 65) + (5 * 64 + 4 + 17 + 1), accepted);
    }

    @Test
    void mapsErrorCodesBackToKinds()
    {
        for (final Base64Error error : Base64Error.values())
        {
            assertTrue(error.code() < 0);
            assertEquals(error, Base64Error.of(error.code()));
        }
        assertThrows(IllegalArgumentException.class, () -> Base64Error.of(0));
        assertThrows(IllegalArgumentException.class, () -> Base64Error.of(-6));
    }

    @Test
    void treatsRangesOutsideTheSourceAsBugs()
    {
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode("AAAA", 1, 4, dst, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new byte[4], 0, 8, dst, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new UnsafeBuffer(new byte[4]), 2, 4,
            dst, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Base64Encoder.encode(new UnsafeBuffer(new byte[3]), 0, 3,
            new byte[3], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Base64Encoder.encode(new UnsafeBuffer(new byte[3]), 0, 3,
            new UnsafeBuffer(new byte[3]), 0));
        assertThrows(IllegalArgumentException.class, () -> Base64Encoder.encodedLength(-1));
        assertThrows(IllegalArgumentException.class, () -> Base64Encoder.encodedLength(Integer.MAX_VALUE));
    }

    /**
     * Decodes {@code input} from a string, a byte array and a buffer, and checks all three agree on the outcome.
     */
    private void expect(final String input, final Base64Error error, final int index, final int character)
    {
        final byte[] latin1 = input.getBytes(StandardCharsets.ISO_8859_1);
        final int fromString = decoder.decode(input, 0, input.length(), dst, 0);
        check(input + " (string)", fromString, error, index, character);
        final int fromArray = decoder.decode(latin1, 0, latin1.length, dst, 0);
        check(input + " (array)", fromArray, error, index, character);
        final int fromBuffer = decoder.decode(new UnsafeBuffer(latin1), 0, latin1.length, dst, 0);
        check(input + " (buffer)", fromBuffer, error, index, character);
    }

    private void check(
        final String what, final int result, final Base64Error error, final int index, final int character)
    {
        if (error == null)
        {
            assertTrue(result >= 0, what + " should decode, got " + decoder.errorMessage());
            assertNull(decoder.error(), what);
            return;
        }
        assertEquals(error.code(), result, what + ": " + decoder.errorMessage());
        assertEquals(error, decoder.error(), what);
        assertEquals(index, decoder.errorIndex(), what);
        assertEquals(character, decoder.errorCharacter(), what);
    }
}
