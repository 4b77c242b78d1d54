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
 * per phase, a multiple of four (of 4M when L is small: the kernels sum taps in groups of four, per de-interleaved
 * stream); the window spans all N taps. The gain is L so that the zero-stuffed input keeps its level. Phase
 * {@code p} holds the taps {@code h[p + k L]} as floats, oldest input first, in the kernels' summation order
 * ({@link #coefficient(int, int)} reads them back by window position).
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

    /**
     * Above this L a residue class holds about one output per block, so the vectorised kernel would only add
     * overhead (the 22 050 Hz ratios, L = 160 and 320).
     */
    static final int MAX_VECTORISED_UP_FACTOR = 8;

    private final FilterSpec spec;
    private final boolean vectorised;
    private final int interleave;
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
        vectorised = up <= MAX_VECTORISED_UP_FACTOR;
        interleave = vectorised ? spec.downFactor() : 1;
        final int taps = roundUp((minimumLength + up - 1) / up, 4 * interleave);
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
        final int perStream = taps / interleave;
        for (int phase = 0; phase < up; phase++)
        {
            for (int i = 0; i < taps; i++)
            {
                // Window position i (oldest input first) is tap (stream i % D, step i / D) of the summation order.
                final int k = taps - 1 - i;
                coefficients[phase * taps + (i % interleave) * perStream + i / interleave] =
                    (float)prototype[phase + k * up];
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
     * The coefficient a phase applies to position {@code i} of its window (0 = oldest input of the K).
     *
     * @param phase 0 to L-1.
     * @param i     0 to K-1.
     * @return the coefficient, {@code h[phase + (K - 1 - i) L]}.
     */
    public float coefficient(final int phase, final int i)
    {
        return coefficients[phase * tapsPerPhase + (i % interleave) * (tapsPerPhase / interleave) + i / interleave];
    }

    /**
     * Whether resamplers of this bank use the vectorised kernel by default (L at most
     * {@value #MAX_VECTORISED_UP_FACTOR}).
     */
    boolean vectorised()
    {
        return vectorised;
    }

    /**
     * D, the stride of the summation order: taps are summed stream by stream, window positions
     * {@code c, c + D, c + 2D, ...} for c from 0 to D-1, in groups of four. D is M for vectorised banks (so that each
     * group reads four consecutive samples of one de-interleaved stream) and 1 otherwise. K is a multiple of 4D.
     */
    int interleave()
    {
        return interleave;
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

    private static int roundUp(final int n, final int multiple)
    {
        return (n + multiple - 1) / multiple * multiple;
    }
}
