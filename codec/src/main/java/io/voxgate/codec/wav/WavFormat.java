package io.voxgate.codec.wav;

import java.util.Objects;

/**
 * The format of a mono WAV stream: its sample encoding and rate.
 *
 * @param encoding   how samples are stored.
 * @param sampleRate samples per second, positive (any rate; 8000 for telephony).
 */
public record WavFormat(WavEncoding encoding, int sampleRate)
{
    /**
     * Checks the fields.
     *
     * @param encoding   how samples are stored.
     * @param sampleRate samples per second.
     * @throws IllegalArgumentException if the rate is not positive.
     */
    public WavFormat
    {
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate <= 0)
        {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    /**
     * Bytes of audio per second ({@code nAvgBytesPerSec}).
     *
     * @return {@code sampleRate * bytesPerSample}.
     */
    public long bytesPerSecond()
    {
        return (long)sampleRate * encoding.bytesPerSample();
    }
}
