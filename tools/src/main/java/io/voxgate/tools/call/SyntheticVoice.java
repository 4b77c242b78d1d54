package io.voxgate.tools.call;

/**
 * A speech-like test signal: a 120 Hz voiced source with vibrato, its harmonics shaped by three vowel formants
 * (500, 1500 and 2500 Hz) and a 4 Hz syllable envelope. It is not words, but it has the spectrum and rhythm a
 * voice-activity detector looks for, so it stands in for a caller where no recording is at hand.
 *
 * <p>Stateless; safe from any thread.
 */
public final class SyntheticVoice
{
    private static final double PITCH_HZ = 120.0;
    private static final double AMPLITUDE = 3000.0;

    private SyntheticVoice()
    {
    }

    /**
     * Generates speech-like PCM16.
     *
     * @param sampleRate the rate in Hz (harmonics stay below 3.6 kHz, so 8 kHz and up).
     * @param samples    how many samples.
     * @param seed       shifts the phase, so two utterances differ.
     * @return the samples.
     */
    public static short[] speech(final int sampleRate, final int samples, final int seed)
    {
        final short[] pcm = new short[samples];
        for (int n = 0; n < samples; n++)
        {
            final double t = n / (double)sampleRate + 0.125 * seed;
            final double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
            double s = 0;
            for (int h = 1; PITCH_HZ * h <= 3600; h++)
            {
                final double f = PITCH_HZ * h;
                final double formants = Math.exp(-Math.pow((f - 500) / 300, 2)) +
                    0.6 * Math.exp(-Math.pow((f - 1500) / 400, 2)) + 0.3 * Math.exp(-Math.pow((f - 2500) / 500, 2));
                final double vibrato = h * (20.0 / 3.0) * Math.cos(2 * Math.PI * 3 * t);
                s += formants * Math.sin(2 * Math.PI * f * t + 0.3 * h - vibrato);
            }
            pcm[n] = (short)Math.max(-32768, Math.min(32767, Math.round(AMPLITUDE * envelope * s)));
        }
        return pcm;
    }
}
