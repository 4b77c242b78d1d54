package io.voxgate.dsp.resample;

/**
 * Least-squares fit of one sinusoid of known frequency to a stretch of signal: its amplitude and phase, and the RMS
 * of what is left (everything that is not that tone: images, aliases, noise).
 *
 * @param amplitude   fitted amplitude.
 * @param phase       phase {@code theta} of {@code amplitude * cos(w n - theta)}, n the absolute sample index.
 * @param residualRms RMS of signal minus fitted tone.
 */
record ToneFit(double amplitude, double phase, double residualRms)
{
    static ToneFit fit(final float[] signal, final int from, final int length, final double cyclesPerSample)
    {
        final double w = 2.0 * Math.PI * cyclesPerSample;
        double cc = 0;
        double cs = 0;
        double ss = 0;
        double yc = 0;
        double ys = 0;
        for (int n = from; n < from + length; n++)
        {
            final double c = Math.cos(w * n);
            final double s = Math.sin(w * n);
            cc += c * c;
            cs += c * s;
            ss += s * s;
            yc += signal[n] * c;
            ys += signal[n] * s;
        }
        final double det = cc * ss - cs * cs;
        final double a = (yc * ss - ys * cs) / det;
        final double b = (ys * cc - yc * cs) / det;
        double residual = 0;
        for (int n = from; n < from + length; n++)
        {
            final double e = signal[n] - a * Math.cos(w * n) - b * Math.sin(w * n);
            residual += e * e;
        }
        return new ToneFit(Math.hypot(a, b), Math.atan2(b, a), Math.sqrt(residual / length));
    }

    static double rms(final float[] signal, final int from, final int length)
    {
        double sum = 0;
        for (int n = from; n < from + length; n++)
        {
            sum += (double)signal[n] * signal[n];
        }
        return Math.sqrt(sum / length);
    }

    static double db(final double ratio)
    {
        return 20.0 * Math.log10(ratio);
    }
}
