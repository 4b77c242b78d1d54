package io.voxgate.codec.wav;

import java.util.Objects;

import io.voxgate.codec.g711.ALaw;
import io.voxgate.codec.g711.MuLaw;

/**
 * The contents of a mono WAV file: its format and its sample bytes exactly as stored (PCM16 little-endian, or one
 * G.711 code per byte).
 *
 * <p>The byte array is shared, not copied: treat it as owned by this object. Immutable otherwise.
 */
public final class WavAudio
{
    private final WavFormat format;
    private final byte[] data;

    /**
     * Wraps sample bytes.
     *
     * @param format the format the bytes are in.
     * @param data   the sample bytes; for PCM16 an even number of them.
     * @throws IllegalArgumentException if {@code data} is not a whole number of samples.
     */
    public WavAudio(final WavFormat format, final byte[] data)
    {
        this.format = Objects.requireNonNull(format, "format");
        this.data = Objects.requireNonNull(data, "data");
        if (data.length % format.encoding().bytesPerSample() != 0)
        {
            throw new IllegalArgumentException(
                data.length + " bytes is not a whole number of " + format.encoding() + " samples");
        }
    }

    /**
     * Encodes PCM16 samples into a format: little-endian bytes for PCM16, G.711 codes for A-law and μ-law.
     *
     * @param format  the target format.
     * @param samples the samples; not retained.
     * @return the audio, owning a new byte array.
     */
    public static WavAudio encode(final WavFormat format, final short[] samples)
    {
        final byte[] data = new byte[samples.length * format.encoding().bytesPerSample()];
        switch (format.encoding())
        {
            case PCM_16 ->
            {
                for (int i = 0; i < samples.length; i++)
                {
                    data[2 * i] = (byte)samples[i];
                    data[2 * i + 1] = (byte)(samples[i] >> 8);
                }
            }
            case MU_LAW -> MuLaw.encode(samples, 0, data, 0, samples.length);
            case A_LAW -> ALaw.encode(samples, 0, data, 0, samples.length);
        }
        return new WavAudio(format, data);
    }

    /**
     * The format.
     *
     * @return encoding and rate.
     */
    public WavFormat format()
    {
        return format;
    }

    /**
     * The sample bytes as stored in the file (not a copy).
     *
     * @return PCM16 little-endian bytes or G.711 codes.
     */
    public byte[] data()
    {
        return data;
    }

    /**
     * The number of samples.
     *
     * @return data length divided by the bytes per sample.
     */
    public int sampleCount()
    {
        return data.length / format.encoding().bytesPerSample();
    }

    /**
     * The samples as linear PCM16, decoding G.711 when the file holds it.
     *
     * @return a new array of {@link #sampleCount()} samples.
     */
    public short[] toPcm16()
    {
        final short[] samples = new short[sampleCount()];
        switch (format.encoding())
        {
            case PCM_16 ->
            {
                for (int i = 0; i < samples.length; i++)
                {
                    samples[i] = (short)((data[2 * i] & 0xFF) | (data[2 * i + 1] << 8));
                }
            }
            case MU_LAW -> MuLaw.decode(data, 0, samples, 0, samples.length);
            case A_LAW -> ALaw.decode(data, 0, samples, 0, samples.length);
        }
        return samples;
    }
}
