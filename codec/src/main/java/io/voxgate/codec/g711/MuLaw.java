package io.voxgate.codec.g711;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * G.711 μ-law, bit-exact with the ITU-T G.191 Software Tool Library ({@code g711.c}: {@code ulaw_compress},
 * {@code ulaw_expand}).
 *
 * <p>The encoder takes the top 14 bits of a PCM16 sample; a negative sample's magnitude is its one's complement
 * ({@code -x - 1}), so {@code -1} encodes as 0x7F ("negative zero") and {@code -32768} as 0x00. There is no zero
 * trap: 0x00 is a legal code. Silence (PCM 0) is 0xFF. The decoder returns the segment mid-points of G.711
 * Table 2, scaled to 16 bits (±32124 at full scale).
 *
 * <p>All work is table lookups: a 256-entry decode table and a 16,384-entry encode table indexed by the sample's
 * top 14 bits (equivalent to a 65,536-entry table, a quarter of the cache footprint), both built once when the
 * class initialises. Buffers hold PCM16 little-endian, one code per byte. No method allocates; all are
 * thread-safe.
 *
 * <p>Buffer methods check both ranges once, then address memory through {@code byteArray()}/{@code addressOffset()}
 * as Agrona's {@code DirectBuffer} contract defines them.
 */
public final class MuLaw
{
    /** The code for PCM 0: what an idle μ-law channel carries. */
    public static final byte SILENCE = (byte)0xFF;

    private static final int SHIFT = 2;
    private static final int BIAS = 33;
    private static final int MAX_BIASED = 0x1FFF;

    private static final char[] DECODE = new char[256];
    private static final byte[] ENCODE = new byte[1 << (16 - SHIFT)];

    static
    {
        for (int code = 0; code < DECODE.length; code++)
        {
            DECODE[code] = (char)expand(code);
        }
        for (int index = 0; index < ENCODE.length; index++)
        {
            ENCODE[index] = compress((short)(index << SHIFT));
        }
    }

    private MuLaw()
    {
    }

    /**
     * Encodes one sample.
     *
     * @param sample a PCM16 sample.
     * @return its μ-law code.
     */
    public static byte encode(final short sample)
    {
        return ENCODE[(sample & 0xFFFF) >>> SHIFT];
    }

    /**
     * Decodes one code.
     *
     * @param code a μ-law code; only the low 8 bits are used, so a {@code byte} may be passed as is.
     * @return the PCM16 sample G.711 assigns to the code.
     */
    public static short decode(final int code)
    {
        return (short)DECODE[code & 0xFF];
    }

    /**
     * Encodes PCM16 little-endian samples from one buffer into μ-law codes in another (on- or off-heap).
     *
     * @param src       the PCM16 little-endian samples.
     * @param srcOffset byte offset of the first sample in {@code src}.
     * @param dst       where the codes go, one byte per sample.
     * @param dstOffset byte offset of the first code in {@code dst}.
     * @param samples   how many samples to encode.
     * @throws IndexOutOfBoundsException if a range falls outside its buffer (checked before anything is written).
     */
    public static void encode(
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int samples)
    {
        G711BulkCodec.encode(ENCODE, SHIFT, src, srcOffset, dst, dstOffset, samples);
    }

    /**
     * Decodes μ-law codes from one buffer into PCM16 little-endian samples in another (on- or off-heap).
     *
     * @param src       the codes, one byte per sample.
     * @param srcOffset byte offset of the first code in {@code src}.
     * @param dst       where the PCM16 little-endian samples go ({@code 2 * samples} bytes).
     * @param dstOffset byte offset of the first sample in {@code dst}.
     * @param samples   how many codes to decode.
     * @throws IndexOutOfBoundsException if a range falls outside its buffer (checked before anything is written).
     */
    public static void decode(
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int samples)
    {
        G711BulkCodec.decode(DECODE, src, srcOffset, dst, dstOffset, samples);
    }

    /**
     * Encodes samples from an array into codes in another.
     *
     * @param src       the PCM16 samples.
     * @param srcOffset index of the first sample.
     * @param dst       where the codes go.
     * @param dstOffset index of the first code.
     * @param samples   how many samples to encode.
     * @throws IndexOutOfBoundsException if a range falls outside its array (checked before anything is written).
     */
    public static void encode(
        final short[] src, final int srcOffset, final byte[] dst, final int dstOffset, final int samples)
    {
        G711BulkCodec.encode(ENCODE, SHIFT, src, srcOffset, dst, dstOffset, samples);
    }

    /**
     * Decodes codes from an array into samples in another.
     *
     * @param src       the codes.
     * @param srcOffset index of the first code.
     * @param dst       where the PCM16 samples go.
     * @param dstOffset index of the first sample.
     * @param samples   how many codes to decode.
     * @throws IndexOutOfBoundsException if a range falls outside its array (checked before anything is written).
     */
    public static void decode(
        final byte[] src, final int srcOffset, final short[] dst, final int dstOffset, final int samples)
    {
        G711BulkCodec.decode(DECODE, src, srcOffset, dst, dstOffset, samples);
    }

    /**
     * The G.711 μ-law encoding rule, used only to fill the table. Magnitudes are 14-bit, biased by 33 (the offset
     * between the μ-law and A-law decision thresholds) and clipped to 13 bits; the segment is where the leading one
     * sits, the mantissa the four bits after it; the code is transmitted inverted.
     */
    private static byte compress(final short sample)
    {
        final int magnitude = (sample < 0 ? ~sample : sample) >> SHIFT;
        final int biased = Math.min(magnitude + BIAS, MAX_BIASED);
        final int segment = 32 - Integer.numberOfLeadingZeros(biased) - 6;
        final int mantissa = (biased >> (segment + 1)) & 0x0F;
        final int code = 0x7F ^ ((segment << 4) | mantissa);
        return (byte)(sample >= 0 ? code | 0x80 : code);
    }

    /**
     * The G.711 μ-law decoding rule (Table 2 mid-points), used only to fill the table.
     */
    private static short expand(final int code)
    {
        final int inverted = ~code & 0xFF;
        final int exponent = (inverted >> 4) & 0x07;
        final int mantissa = inverted & 0x0F;
        final int magnitude = (((mantissa << 3) + 4 * BIAS) << exponent) - 4 * BIAS;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }
}
