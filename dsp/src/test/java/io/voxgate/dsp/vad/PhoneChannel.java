package io.voxgate.dsp.vad;

import io.voxgate.codec.g711.MuLaw;

/**
 * What a telephone call does to the evaluation signal: 16 kHz to 8 kHz (a 127-tap Blackman-windowed sinc low-pass at
 * 3.7 kHz, zero phase, every second sample kept), then G.711 mu-law encoding and decoding.
 */
final class PhoneChannel
{
    private static final int TAPS = 127;
    private static final double[] LOW_PASS = lowPass();

    private PhoneChannel()
    {
    }

    static short[] toPcm16(final double[] signal)
    {
        final short[] pcm = new short[signal.length];
        for (int i = 0; i < signal.length; i++)
        {
            pcm[i] = clamp(signal[i]);
        }
        return pcm;
    }

    static short[] toMuLaw8k(final double[] signal16k)
    {
        final short[] out = new short[signal16k.length / 2];
        final int centre = TAPS / 2;
        for (int n = 0; n < out.length; n++)
        {
            final int at = 2 * n;
            double sum = 0.0;
            for (int t = 0; t < TAPS; t++)
            {
                final int i = at + t - centre;
                if (i >= 0 && i < signal16k.length)
                {
                    sum += LOW_PASS[t] * signal16k[i];
                }
            }
            out[n] = MuLaw.decode(MuLaw.encode(clamp(sum)));
        }
        return out;
    }

    private static short clamp(final double x)
    {
        final long rounded = Math.round(x);
        return (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static double[] lowPass()
    {
        final double[] h = new double[TAPS];
        final double cutoff = 3700.0 / 16000.0;
        double sum = 0.0;
        for (int t = 0; t < TAPS; t++)
        {
            final double m = t - TAPS / 2;
            final double sinc = m == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            final double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * t / (TAPS - 1)) +
                0.08 * Math.cos(4 * Math.PI * t / (TAPS - 1));
            h[t] = sinc * w;
            sum += h[t];
        }
        for (int t = 0; t < TAPS; t++)
        {
            h[t] /= sum;
        }
        return h;
    }
}
