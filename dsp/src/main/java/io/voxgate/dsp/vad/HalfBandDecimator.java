package io.voxgate.dsp.vad;

/**
 * Halves the rate of a stream of samples (16 kHz to 8 kHz for the detector's analysis) with a 31-tap half-band FIR
 * low-pass (Blackman-windowed sinc, cut-off at a quarter of the input rate): every other tap is zero, so each output
 * sample costs eight multiplies.
 *
 * <p>The detector only looks at 125 Hz to 3.94 kHz, the band a phone call carries; analysing 16 kHz input at 8 kHz
 * with a 128-point FFT instead of a 256-point one halves the cost of the spectrum, at the price of a softer top band
 * (the half-band filter is 6 dB down at 4 kHz), which the 8 kHz mu-law path has too.
 *
 * <p>History is per stream, allocated at construction. Not thread-safe.
 */
final class HalfBandDecimator
{
    static final int TAPS = 31;
    private static final int HALF = TAPS / 2;
    private static final double[] ODD_TAPS = oddTaps();

    private final double[] line;
    private final int inputBlock;

    /**
     * @param inputBlock input samples per call (even).
     */
    HalfBandDecimator(final int inputBlock)
    {
        this.inputBlock = inputBlock;
        line = new double[TAPS - 1 + inputBlock];
    }

    /**
     * @return the input line: the caller writes {@code inputBlock} new samples at {@link #inputOffset()} and then
     * calls {@link #decimate(double[], int)}.
     */
    double[] line()
    {
        return line;
    }

    /**
     * @return where the caller writes the new input samples in {@link #line()}.
     */
    int inputOffset()
    {
        return TAPS - 1;
    }

    /**
     * Filters the block written into {@link #line()} and writes {@code inputBlock / 2} output samples.
     *
     * @param out    destination.
     * @param offset index of the first output sample.
     */
    void decimate(final double[] out, final int offset)
    {
        final double[] line = this.line;
        final double[] taps = ODD_TAPS;
        for (int m = 0, outputs = inputBlock / 2; m < outputs; m++)
        {
            // Output m is centred on input sample 2m + 1 of the block, HALF samples behind the newest ones.
            final int centre = 2 * m + 1 + HALF;
            double sum = 0.5 * line[centre];
            for (int k = 0; k < taps.length; k++)
            {
                final int distance = 2 * k + 1;
                sum += taps[k] * (line[centre - distance] + line[centre + distance]);
            }
            out[offset + m] = sum;
        }
        System.arraycopy(line, inputBlock, line, 0, TAPS - 1);
    }

    /**
     * Clears the history.
     */
    void reset()
    {
        java.util.Arrays.fill(line, 0.0);
    }

    private static double[] oddTaps()
    {
        final double[] taps = new double[(HALF + 1) / 2];
        double sum = 0.0;
        for (int k = 0; k < taps.length; k++)
        {
            final int n = 2 * k + 1;
            final double sinc = Math.sin(Math.PI * n / 2.0) / (Math.PI * n);
            final double t = (double)(n + HALF) / (TAPS - 1);
            final double window = 0.42 - 0.5 * Math.cos(2.0 * Math.PI * t) + 0.08 * Math.cos(4.0 * Math.PI * t);
            taps[k] = sinc * window;
            sum += 2.0 * taps[k];
        }
        // Unity gain at DC with the centre tap kept at exactly 0.5, which keeps the filter half-band.
        for (int k = 0; k < taps.length; k++)
        {
            taps[k] *= 0.5 / sum;
        }
        return taps;
    }
}
