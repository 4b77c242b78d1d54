package io.voxgate.orchestrator.provider;

import java.util.Objects;

/**
 * The encoding of caller audio given to an {@link AsrSession} or {@link SpeechToSpeechSession}.
 *
 * @param encoding   the sample encoding.
 * @param sampleRate samples per second (8000 for telephony μ-law, 16000 for the pipeline's PCM).
 */
public record AudioFormat(Encoding encoding, int sampleRate)
{
    /** Telephony audio as Twilio sends it: G.711 μ-law, 8 kHz. */
    public static final AudioFormat MULAW_8K = new AudioFormat(Encoding.MULAW, 8000);
    /** The pipeline's analysed audio: PCM16 little-endian, 16 kHz. */
    public static final AudioFormat PCM16_16K = new AudioFormat(Encoding.PCM16_LE, 16000);

    /**
     * Validates.
     *
     * @param encoding   the encoding.
     * @param sampleRate the rate, positive.
     */
    public AudioFormat
    {
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate <= 0)
        {
            throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        }
    }

    /** A sample encoding. */
    public enum Encoding
    {
        /** 16-bit signed little-endian mono. */
        PCM16_LE,
        /** G.711 μ-law, one byte per sample. */
        MULAW
    }
}
