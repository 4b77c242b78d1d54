package io.voxgate.codec.g711;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Direct μ-law ↔ A-law transcoding by ITU-T G.711 Table 3 (μ-law to A-law) and Table 4 (A-law to μ-law).
 *
 * <p>These tables are part of the standard and are <em>not</em> the same as decoding to linear and re-encoding:
 * that detour differs from Table 3 on 46 codes and from Table 4 on 34 (for instance μ-law 0x7F, "negative zero",
 * stays negative as A-law 0x55 through Table 3 but becomes 0xD5 through linear). The G.191 STL {@code g711.c} has no
 * transcoding function, so these follow the tables themselves, including the two entries G.711 (note 3 to Tables
 * 3 and 4, 1992 amendment) deliberately moves off the optimum so that A-law → μ-law → A-law keeps bits 1 to 7:
 * μ-law value 80 becomes A-law value 81 and A-law value 80 becomes μ-law value 79. (Widely copied C code "corrects"
 * these two back to the optimum and loses that property.) Each table maps some pairs of codes onto one, so neither
 * direction is invertible everywhere.
 *
 * <p>Sign is kept; the tables map magnitudes. Lookups go through two 256-entry tables built once when the class
 * initialises. No method allocates; all are thread-safe. In-place transcoding (same buffer, same offset) is
 * supported.
 *
 * <p>Buffer methods check both ranges once, then address memory through {@code byteArray()}/{@code addressOffset()}
 * as Agrona's {@code DirectBuffer} contract defines them.
 */
public final class G711Transcoder
{
    /**
     * G.711 Table 3, by magnitude: entry {@code i} is the A-law magnitude (0 = smallest, before even-bit inversion;
     * the standard's A-law value minus one) for the μ-law magnitude {@code i} (0 = smallest, i.e. the code
     * {@code 0x7F ^ i} or {@code 0xFF ^ i}; the standard's μ-law value). Entry 80 is the deliberate 80.
     */
    private static final int[] MU_TO_A_MAGNITUDE =
    {
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
        8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 26, 28, 30, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
        45, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61,
        63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78,
        80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
        96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    };

    /**
     * G.711 Table 4, by magnitude: entry {@code i} is the μ-law magnitude for the A-law magnitude {@code i}. Entry 79
     * (A-law value 80) is the deliberate 79.
     */
    private static final int[] A_TO_MU_MAGNITUDE =
    {
        1, 3, 5, 7, 9, 11, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30, 31, 32, 32, 33, 33, 34, 34, 35, 35,
        36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 48, 49, 49,
        50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 64,
        65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 79,
        80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
        96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    };

    private static final byte[] MU_TO_A = new byte[256];
    private static final byte[] A_TO_MU = new byte[256];

    static
    {
        for (int code = 0; code < 256; code++)
        {
            final int sign = code & 0x80;
            final int muMagnitude = (code ^ 0x7F) & 0x7F;
            MU_TO_A[code] = (byte)((sign | MU_TO_A_MAGNITUDE[muMagnitude]) ^ 0x55);

            final int aMagnitude = (code ^ 0x55) & 0x7F;
            A_TO_MU[code] = (byte)(sign | (A_TO_MU_MAGNITUDE[aMagnitude] ^ 0x7F));
        }
    }

    private G711Transcoder()
    {
    }

    /**
     * Transcodes one μ-law code to A-law by G.711 Table 3.
     *
     * @param muLaw a μ-law code; only the low 8 bits are used.
     * @return the A-law code.
     */
    public static byte muLawToALaw(final int muLaw)
    {
        return MU_TO_A[muLaw & 0xFF];
    }

    /**
     * Transcodes one A-law code to μ-law by G.711 Table 4.
     *
     * @param aLaw an A-law code; only the low 8 bits are used.
     * @return the μ-law code.
     */
    public static byte aLawToMuLaw(final int aLaw)
    {
        return A_TO_MU[aLaw & 0xFF];
    }

    /**
     * Transcodes μ-law codes in one buffer to A-law codes in another (or the same) buffer.
     *
     * @param src       the μ-law codes.
     * @param srcOffset byte offset of the first code in {@code src}.
     * @param dst       where the A-law codes go.
     * @param dstOffset byte offset of the first code in {@code dst}.
     * @param length    how many codes.
     * @throws IndexOutOfBoundsException if a range falls outside its buffer (checked before anything is written).
     */
    public static void muLawToALaw(
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int length)
    {
        G711BulkCodec.map(MU_TO_A, src, srcOffset, dst, dstOffset, length);
    }

    /**
     * Transcodes A-law codes in one buffer to μ-law codes in another (or the same) buffer.
     *
     * @param src       the A-law codes.
     * @param srcOffset byte offset of the first code in {@code src}.
     * @param dst       where the μ-law codes go.
     * @param dstOffset byte offset of the first code in {@code dst}.
     * @param length    how many codes.
     * @throws IndexOutOfBoundsException if a range falls outside its buffer (checked before anything is written).
     */
    public static void aLawToMuLaw(
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int length)
    {
        G711BulkCodec.map(A_TO_MU, src, srcOffset, dst, dstOffset, length);
    }

    /**
     * Transcodes μ-law codes in one array to A-law codes in another (or the same) array.
     *
     * @param src       the μ-law codes.
     * @param srcOffset index of the first code in {@code src}.
     * @param dst       where the A-law codes go.
     * @param dstOffset index of the first code in {@code dst}.
     * @param length    how many codes.
     * @throws IndexOutOfBoundsException if a range falls outside its array (checked before anything is written).
     */
    public static void muLawToALaw(
        final byte[] src, final int srcOffset, final byte[] dst, final int dstOffset, final int length)
    {
        G711BulkCodec.map(MU_TO_A, src, srcOffset, dst, dstOffset, length);
    }

    /**
     * Transcodes A-law codes in one array to μ-law codes in another (or the same) array.
     *
     * @param src       the A-law codes.
     * @param srcOffset index of the first code in {@code src}.
     * @param dst       where the μ-law codes go.
     * @param dstOffset index of the first code in {@code dst}.
     * @param length    how many codes.
     * @throws IndexOutOfBoundsException if a range falls outside its array (checked before anything is written).
     */
    public static void aLawToMuLaw(
        final byte[] src, final int srcOffset, final byte[] dst, final int dstOffset, final int length)
    {
        G711BulkCodec.map(A_TO_MU, src, srcOffset, dst, dstOffset, length);
    }
}
