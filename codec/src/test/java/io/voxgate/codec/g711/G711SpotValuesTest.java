package io.voxgate.codec.g711;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Spot values from ITU-T G.711 / G.191, and the known encoder traps the golden tables must be able to catch.
 */
class G711SpotValuesTest
{
    @Test
    void encodesMuLawSpotValues()
    {
        assertEquals((byte)0xFF, MuLaw.encode((short)0));
        assertEquals((byte)0x7F, MuLaw.encode((short)-1));
        assertEquals((byte)0x80, MuLaw.encode((short)32767));
        assertEquals((byte)0x00, MuLaw.encode((short)-32768));
        assertEquals(MuLaw.SILENCE, MuLaw.encode((short)0));
    }

    @Test
    void encodesALawSpotValues()
    {
        assertEquals((byte)0xD5, ALaw.encode((short)0));
        assertEquals((byte)0x55, ALaw.encode((short)-1));
        assertEquals((byte)0xAA, ALaw.encode((short)32767));
        assertEquals((byte)0x2A, ALaw.encode((short)-32768));
        assertEquals(ALaw.SILENCE, ALaw.encode((short)0));
    }

    @Test
    void decodesFullScaleAndZeroCodes()
    {
        assertEquals(0, MuLaw.decode(0xFF));
        assertEquals(0, MuLaw.decode(0x7F));
        assertEquals(32124, MuLaw.decode(0x80));
        assertEquals(-32124, MuLaw.decode(0x00));
        assertEquals(8, ALaw.decode(0xD5));
        assertEquals(-8, ALaw.decode(0x55));
        assertEquals(32256, ALaw.decode(0xAA));
        assertEquals(-32256, ALaw.decode(0x2A));
    }

    @Test
    void decodesByteArgumentsLikeUnsignedCodes()
    {
        for (int code = 0; code < 256; code++)
        {
            assertEquals(MuLaw.decode(code), MuLaw.decode((byte)code));
            assertEquals(ALaw.decode(code), ALaw.decode((byte)code));
        }
    }

    @Test
    void hasNoZeroTrap()
    {
        // Some encoders replace code 0x00 by 0x02 (an old T1 requirement); G.711 and the STL do not.
        assertEquals((byte)0x00, MuLaw.encode((short)-32768));
        assertEquals((byte)0x00, MuLaw.encode((short)-32200));
    }

    @Test
    void classicBiasedEncoderDiffersOnExactly127Inputs()
    {
        // The widespread "bias 132, clip 32635, negate with -x" encoder: the golden tables reject it on 127 inputs.
        final List<Integer> differing = new ArrayList<>();
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++)
        {
            if (classicMuLaw(x) != MuLaw.encode((short)x))
            {
                differing.add(x);
            }
        }
        assertEquals(127, differing.size());
        assertEquals(List.of(), differing.stream().filter(x -> x >= 0).toList(), "positive inputs agree");
    }

    @Test
    void sunMuLawEncoderDiffersOnExactly508InputsAndSunALawOnNone()
    {
        // Sun's g711.c (with the 1994 corrections) negates the 14-bit value (two's complement) before biasing;
        // G.711 and the STL take the one's complement. Its A-law encoder takes -x - 1 and agrees everywhere.
        int muLaw = 0;
        int aLaw = 0;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++)
        {
            if (sunMuLaw((short)x) != MuLaw.encode((short)x))
            {
                muLaw++;
            }
            if (sunALaw(x) != ALaw.encode((short)x))
            {
                aLaw++;
            }
        }
        assertEquals(508, muLaw);
        assertEquals(0, aLaw);
    }

    @Test
    void muLawCodesSurviveDecodeEncodeExceptNegativeZero()
    {
        final List<Integer> changed = new ArrayList<>();
        for (int code = 0; code < 256; code++)
        {
            if ((MuLaw.encode(MuLaw.decode(code)) & 0xFF) != code)
            {
                changed.add(code);
            }
        }
        assertEquals(List.of(0x7F), changed);
    }

    @Test
    void aLawCodesSurviveDecodeEncode()
    {
        for (int code = 0; code < 256; code++)
        {
            assertEquals(code, ALaw.encode(ALaw.decode(code)) & 0xFF, "code " + code);
        }
    }

    @Test
    void transcodingKeepsSilenceLevelAndSign()
    {
        assertEquals(ALaw.SILENCE, G711Transcoder.muLawToALaw(MuLaw.SILENCE));
        // A-law has no zero level: its idle code decodes to +8, which Table 4 maps to the μ-law level +8 (0xFE).
        assertEquals((byte)0xFE, G711Transcoder.aLawToMuLaw(ALaw.SILENCE));
        assertEquals(ALaw.decode(ALaw.SILENCE), MuLaw.decode(0xFE));
        assertEquals((byte)0x55, G711Transcoder.muLawToALaw(0x7F));
        for (int code = 0; code < 256; code++)
        {
            assertEquals(code & 0x80, G711Transcoder.muLawToALaw(code) & 0x80, "mu " + code);
            assertEquals(code & 0x80, G711Transcoder.aLawToMuLaw(code) & 0x80, "A " + code);
        }
    }

    @Test
    void transcodingDiffersFromTheLinearDetourOnKnownCodeCounts()
    {
        int muToA = 0;
        int aToMu = 0;
        for (int code = 0; code < 256; code++)
        {
            if (G711Transcoder.muLawToALaw(code) != ALaw.encode(MuLaw.decode(code)))
            {
                muToA++;
            }
            if (G711Transcoder.aLawToMuLaw(code) != MuLaw.encode(ALaw.decode(code)))
            {
                aToMu++;
            }
        }
        assertEquals(46, muToA);
        assertEquals(34, aToMu);
    }

    @Test
    void aLawThroughMuLawAndBackKeepsBitsOneToSeven()
    {
        // G.711 note 3 to Tables 3 and 4: A-law -> mu-law -> A-law is transparent for bits 1 to 7 (all but the last).
        for (int code = 0; code < 256; code++)
        {
            final int back = G711Transcoder.muLawToALaw(G711Transcoder.aLawToMuLaw(code)) & 0xFF;
            assertEquals(code & 0xFE, back & 0xFE, "A-law code " + code);
        }
    }

    @Test
    void usesTheDeliberateG711EntriesForMu80AndA80()
    {
        // The standard numbers mu-law values 0..127 and A-law values 1..128 by magnitude. Its note 3 says mu-80 goes
        // to A-81 (not the optimum A-80) and A-80 to mu-79 (not mu-80); check both signs.
        for (final int sign : new int[] {0x00, 0x80})
        {
            final int mu80 = sign | (0x7F ^ 80);
            final int a81 = (sign | (81 - 1)) ^ 0x55;
            final int a80 = (sign | (80 - 1)) ^ 0x55;
            final int mu79 = sign | (0x7F ^ 79);
            assertEquals((byte)a81, G711Transcoder.muLawToALaw(mu80));
            assertEquals((byte)mu79, G711Transcoder.aLawToMuLaw(a80));
        }
    }

    private static byte sunMuLaw(final short input)
    {
        int value = input >> 2;
        int mask = 0xFF;
        if (value < 0)
        {
            value = -value;
            mask = 0x7F;
        }
        value = Math.min(value, 8159) + 33;
        final int segment = segment(value, 0x3F);
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }
        return (byte)(((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
    }

    private static byte sunALaw(final int input)
    {
        int value = input >> 3;
        int mask = 0xD5;
        if (value < 0)
        {
            mask = 0x55;
            value = -value - 1;
        }
        final int segment = segment(value, 0x1F);
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }
        final int shift = segment < 2 ? 1 : segment;
        return (byte)(((segment << 4) | ((value >> shift) & 0x0F)) ^ mask);
    }

    /**
     * Sun's segment search: the first of eight segment ends (first end, then doubling plus one) not below the value.
     */
    private static int segment(final int value, final int firstEnd)
    {
        int end = firstEnd;
        for (int segment = 0; segment < 8; segment++)
        {
            if (value <= end)
            {
                return segment;
            }
            end = end * 2 + 1;
        }
        return 8;
    }

    private static byte classicMuLaw(final int input)
    {
        int sample = input;
        final int sign = (sample >> 8) & 0x80;
        if (sign != 0)
        {
            sample = -sample;
        }
        if (sample > 32635)
        {
            sample = 32635;
        }
        sample += 132;
        final int exponent = 31 - Integer.numberOfLeadingZeros(sample >> 7 | 1);
        final int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }
}
