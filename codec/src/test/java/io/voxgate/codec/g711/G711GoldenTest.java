package io.voxgate.codec.g711;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/**
 * Checks the complete G.711 tables against golden CRC-32s produced independently of this implementation.
 *
 * <p>How the constants were produced (2026-11-22, gcc 12.2.0, x86-64): the four functions {@code ulaw_compress},
 * {@code ulaw_expand}, {@code alaw_compress} and {@code alaw_expand} of the ITU-T G.191 Software Tool Library
 * ({@code openitu/STL}, {@code src/g711/g711.c}, version 3.01) were copied statement for statement (only layout
 * and comments changed) into a scratch directory outside this repository, compiled with gcc, and driven by a small
 * C program that wrote:
 * <ul>
 *   <li>encode tables: for every input {@code x = -32768 .. 32767} in ascending order, one byte, the code;
 *       65,536 bytes per law;</li>
 *   <li>decode tables: for every code {@code c = 0 .. 255} in ascending order, the decoded {@code short} as two
 *       bytes, little-endian; 512 bytes per law;</li>
 *   <li>transcoding tables: for every code {@code c = 0 .. 255}, one byte. The STL has no transcoding function, so
 *       these come from G.711 Tables 3 and 4 as transcribed in Sun's {@code g711.c} ("copy from CCITT G.711
 *       specifications", the version before B. Lindberg's 1994 edit). That edit, also in spandsp's tables, changed
 *       exactly two magnitudes, μ-80 and A-80, to the "optimum" conversion; the 1992 amendment to G.711 (note 3 to
 *       Tables 3 and 4) states that the standard deliberately maps μ-80 to to μ-79 so that
 *       A → μ → A keeps bits 1 to 7. The program checked that its tables differ from Lindberg's/spandsp's in exactly
 *       those two magnitudes (two codes per direction) and that A → μ → A changes no code beyond its last bit.</li>
 * </ul>
 * and printed the CRC-32 (IEEE 802.3 polynomial, as {@link CRC32}) of each byte string.
 */
class G711GoldenTest
{
    private static final long MU_LAW_ENCODE_CRC = 0x6399D432L;
    private static final long A_LAW_ENCODE_CRC = 0x9133796EL;
    private static final long MU_LAW_DECODE_CRC = 0x0C847A9FL;
    private static final long A_LAW_DECODE_CRC = 0x9D764657L;
    private static final long MU_TO_A_CRC = 0x67C98E83L;
    private static final long A_TO_MU_CRC = 0xE5603797L;

    @Test
    void encodesAllPcmInputsToItuMuLawCodes()
    {
        final byte[] table = new byte[65536];
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++)
        {
            table[x - Short.MIN_VALUE] = MuLaw.encode((short)x);
        }
        assertEquals(MU_LAW_ENCODE_CRC, crc(table));
    }

    @Test
    void encodesAllPcmInputsToItuALawCodes()
    {
        final byte[] table = new byte[65536];
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++)
        {
            table[x - Short.MIN_VALUE] = ALaw.encode((short)x);
        }
        assertEquals(A_LAW_ENCODE_CRC, crc(table));
    }

    @Test
    void decodesAllMuLawCodesToItuValues()
    {
        final byte[] table = new byte[512];
        for (int code = 0; code < 256; code++)
        {
            putLittleEndian(table, code, MuLaw.decode(code));
        }
        assertEquals(MU_LAW_DECODE_CRC, crc(table));
    }

    @Test
    void decodesAllALawCodesToItuValues()
    {
        final byte[] table = new byte[512];
        for (int code = 0; code < 256; code++)
        {
            putLittleEndian(table, code, ALaw.decode(code));
        }
        assertEquals(A_LAW_DECODE_CRC, crc(table));
    }

    @Test
    void transcodesAllMuLawCodesByG711Table3()
    {
        final byte[] table = new byte[256];
        for (int code = 0; code < 256; code++)
        {
            table[code] = G711Transcoder.muLawToALaw(code);
        }
        assertEquals(MU_TO_A_CRC, crc(table));
    }

    @Test
    void transcodesAllALawCodesByG711Table4()
    {
        final byte[] table = new byte[256];
        for (int code = 0; code < 256; code++)
        {
            table[code] = G711Transcoder.aLawToMuLaw(code);
        }
        assertEquals(A_TO_MU_CRC, crc(table));
    }

    private static void putLittleEndian(final byte[] table, final int code, final short value)
    {
        table[2 * code] = (byte)value;
        table[2 * code + 1] = (byte)(value >> 8);
    }

    private static long crc(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
