package io.voxgate.codec.g711;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * G.711 A-law, bit-exact with the ITU-T G.191 Software Tool Library ({@code g711.c}: {@code alaw_compress},
 * {@code alaw_expand}).
 *
 * <p>The encoder takes the top 12 bits of a PCM16 sample; a negative sample's magnitude is its one's complement
 * ({@code -x - 1}), so {@code -1} encodes as 0x55. Even bits are inverted on the line, as G.711 requires; silence
 * (PCM 0) is 0xD5. The decoder returns the segment mid-points of G.711 Table 1, scaled to 16 bits (±32256 at full
 * scale).
 *
 * <p>All work is table lookups: a 256-entry decode table and a 4,096-entry encode table indexed by the sample's
 * top 12 bits (equivalent to a 65,536-entry table), both built once when the class initialises. Buffers hold PCM16
 * little-endian, one code per byte. No method allocates; all are thread-safe.
 *
 * <p>Buffer methods check both ranges once, then address memory through {@code byteArray()}/{@code addressOffset()}
 * as Agrona's {@code DirectBuffer} contract defines them.
 */
public final class ALaw
{
    /** The code for PCM 0: what an idle A-law channel carries. */
    public static final byte SILENCE = (byte)0xD5;

    private static final int SHIFT = 4;
    private static final int EVEN_BITS = 0x55;

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

    private ALaw()
    {
    }

    /**
     * Encodes one sample.
     *
     * @param sample a PCM16 sample.
     * @return its A-law code (even bits inverted, as transmitted).
     */
    public static byte encode(final short sample)
    {
        return ENCODE[(sample & 0xFFFF) >>> SHIFT];
    }

    /**
     * Decodes one code.
     *
     * @param code an A-law code as transmitted; only the low 8 bits are used, so a {@code byte} may be passed as is.
     * @return the PCM16 sample G.711 assigns to the code.
     */
    public static short decode(final int code)
    {
        return (short)DECODE[code & 0xFF];
    }

    /**
     * Encodes PCM16 little-endian samples from one buffer into A-law codes in another (on- or off-heap).
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
     * Decodes A-law codes from one buffer into PCM16 little-endian samples in another (on- or off-heap).
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
     * The G.711 A-law encoding rule, used only to fill the table. Magnitudes are 12-bit; segment 0 is linear, above
     * it the segment is where the leading one sits and the mantissa the four bits after it.
     */
    private static byte compress(final short sample)
    {
        final int magnitude = (sample < 0 ? ~sample : sample) >> SHIFT;
        int code = magnitude;
        if (magnitude > 0x0F)
        {
            final int segment = 32 - Integer.numberOfLeadingZeros(magnitude) - 4;
            code = (segment << 4) | ((magnitude >> (segment - 1)) & 0x0F);
        }
        if (sample >= 0)
        {
            code |= 0x80;
        }
        return (byte)(code ^ EVEN_BITS);
    }

    /**
     * The G.711 A-law decoding rule (Table 1 mid-points), used only to fill the table.
     */
    private static short expand(final int code)
    {
        final int bits = (code ^ EVEN_BITS) & 0x7F;
        final int segment = bits >> 4;
        int mantissa = bits & 0x0F;
        if (segment > 0)
        {
            mantissa += 0x10;
        }
        int magnitude = (mantissa << 4) + 0x08;
        if (segment > 1)
        {
            magnitude <<= segment - 1;
        }
        return (short)((code & 0x80) != 0 ? magnitude : -magnitude);
    }
}
