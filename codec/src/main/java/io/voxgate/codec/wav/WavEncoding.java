package io.voxgate.codec.wav;

/**
 * The sample encodings voxgate reads and writes in WAV files, with their {@code WAVEFORMATEX} format tags.
 */
public enum WavEncoding
{
    /** Linear PCM, 16-bit signed little-endian ({@code WAVE_FORMAT_PCM}). */
    PCM_16(1, 16),

    /** G.711 A-law, one code per byte ({@code WAVE_FORMAT_ALAW}). */
    A_LAW(6, 8),

    /** G.711 μ-law, one code per byte ({@code WAVE_FORMAT_MULAW}). */
    MU_LAW(7, 8);

    private final int formatTag;
    private final int bitsPerSample;

    WavEncoding(final int formatTag, final int bitsPerSample)
    {
        this.formatTag = formatTag;
        this.bitsPerSample = bitsPerSample;
    }

    /**
     * The {@code wFormatTag} of the {@code fmt } chunk.
     *
     * @return 1, 6 or 7.
     */
    public int formatTag()
    {
        return formatTag;
    }

    /**
     * Bits per sample as the {@code fmt } chunk states them.
     *
     * @return 16 for PCM, 8 for G.711.
     */
    public int bitsPerSample()
    {
        return bitsPerSample;
    }

    /**
     * Bytes one mono sample occupies.
     *
     * @return 2 for PCM, 1 for G.711.
     */
    public int bytesPerSample()
    {
        return bitsPerSample / 8;
    }

    /**
     * The encoding for a format tag.
     *
     * @param formatTag a {@code wFormatTag} value.
     * @return the encoding, or {@code null} if voxgate does not support the tag.
     */
    public static WavEncoding ofFormatTag(final int formatTag)
    {
        for (final WavEncoding encoding : values())
        {
            if (encoding.formatTag == formatTag)
            {
                return encoding;
            }
        }
        return null;
    }
}
