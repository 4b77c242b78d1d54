package io.voxgate.dsp.resample;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The polyphase decomposition of one Kaiser-windowed-sinc low-pass prototype, designed once per
 * {@code (fromHz, toHz)} pair from its {@link FilterSpec} and shared by every {@link PolyphaseResampler} of that
 * pair.
 *
 * <p>Design: the prototype runs at {@code fromHz * L}. Its cut-off is the middle of the transition band,
 * {@code (passband + stopband) / 2}; its length N and Kaiser beta come from Kaiser's formulas
 * ({@code N = (A - 7.95) / (2.285 * dw) + 1}, {@code beta = 0.1102 (A - 8.7)} for the design attenuation A and
 * the transition width dw in radians per prototype sample), then N is rounded up to {@code L * K} with K, the taps
 * per phase, a multiple of four (the kernels sum taps in groups of four). The gain is L so that the zero-stuffed
 * input keeps its level. Phase {@code p} holds the taps {@code h[p + k L]}, stored reversed
 * (oldest input first) so that an output is a forward dot product over the history; coefficients are floats.
 *
 * <p>Group delay of the linear-phase prototype: {@code (N - 1) / 2} prototype samples, i.e.
 * {@link #groupDelaySeconds()}.
 *
 * <p>Immutable after construction; the coefficient array is never written again, so a bank is safe to share between
 * threads. {@link #forRates(int, int)} caches one bank per pair.
 */
public final class FilterBank
{
    private static final ConcurrentHashMap<Long, FilterBank> CACHE = new ConcurrentHashMap<>();

    private final FilterSpec spec;
    private final int tapsPerPhase;
    private final int prototypeLength;
    private final float[] coefficients;

    private FilterBank(final FilterSpec spec)
    {
        this.spec = spec;
        final int up = spec.upFactor();
        final double rate = spec.prototypeRateHz();
        final double attenuation = spec.attenuationDb();
        final double transition = 2.0 * Math.PI * (spec.stopbandHz() - spec.passbandHz()) / rate;
        final int minimumLength = (int)Math.ceil((attenuation - 7.95) / (2.285 * transition)) + 1;
        final int taps = roundUpToFour((minimumLength + up - 1) / up);
        final int length = taps * up;
        final double beta = kaiserBeta(attenuation);
        final double cutoff = Math.PI * (spec.passbandHz() + spec.stopbandHz()) / rate;
        final double centre = (length - 1) / 2.0;
        final double windowNorm = besselI0(beta);

        final double[] prototype = new double[length];
        for (int n = 0; n < length; n++)
        {
            final double x = n - centre;
            final double sinc = x == 0.0 ? cutoff / Math.PI : Math.sin(cutoff * x) / (Math.PI * x);
            final double r = 2.0 * n / (length - 1) - 1.0;
            final double window = besselI0(beta * Math.sqrt(Math.max(0.0, 1.0 - r * r))) / windowNorm;
            prototype[n] = up * sinc * window;
        }

        coefficients = new float[length];
        for (int phase = 0; phase < up; phase++)
        {
            for (int k = 0; k < taps; k++)
            {
                coefficients[phase * taps + (taps - 1 - k)] = (float)prototype[phase + k * up];
            }
        }
        tapsPerPhase = taps;
        prototypeLength = length;
    }

    /**
     * The shared bank for a conversion, designed on first use.
     *
     * @param fromHz input sample rate.
     * @param toHz   output sample rate.
     * @return the immutable filter bank.
     * @throws IllegalArgumentException if the pair is unsupported (see {@link FilterSpec#supported()}).
     */
    public static FilterBank forRates(final int fromHz, final int toHz)
    {
        final FilterSpec spec = FilterSpec.of(fromHz, toHz);
        return CACHE.computeIfAbsent(((long)fromHz << 32) | toHz, key -> new FilterBank(spec));
    }

    /**
     * The specification this bank was designed from.
     *
     * @return the spec.
     */
    public FilterSpec spec()
    {
        return spec;
    }

    /**
     * Taps per polyphase branch: the multiply-adds spent on each output sample.
     *
     * @return K, a multiple of four.
     */
    public int tapsPerPhase()
    {
        return tapsPerPhase;
    }

    /**
     * Length of the prototype filter, {@code L * K}.
     *
     * @return N.
     */
    public int prototypeLength()
    {
        return prototypeLength;
    }

    /**
     * Group delay of the (linear-phase) filter.
     *
     * @return the delay in seconds, {@code (N - 1) / 2 / (fromHz * L)}.
     */
    public double groupDelaySeconds()
    {
        return (prototypeLength - 1) / 2.0 / spec.prototypeRateHz();
    }

    /**
     * Coefficient {@code j} of a phase, in dot-product order (oldest input first).
     *
     * @param phase 0 to L-1.
     * @param j     0 to K-1.
     * @return the coefficient.
     */
    public float coefficient(final int phase, final int j)
    {
        return coefficients[phase * tapsPerPhase + j];
    }

    float[] coefficients()
    {
        return coefficients;
    }

    static double kaiserBeta(final double attenuationDb)
    {
        if (attenuationDb > 50.0)
        {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21.0)
        {
            return 0.5842 * Math.pow(attenuationDb - 21.0, 0.4) + 0.07886 * (attenuationDb - 21.0);
        }
        return 0.0;
    }

    static double besselI0(final double x)
    {
        double sum = 1.0;
        double term = 1.0;
        final double halfX = x / 2.0;
        for (int k = 1; k < 200; k++)
        {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }
        return sum;
    }

    private static int roundUpToFour(final int n)
    {
        return (n + 3) & ~3;
    }
}
