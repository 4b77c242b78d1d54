package io.voxgate.dsp.vad;

/**
 * Power spectrum of a real block of {@code n} samples (n a power of two, 16 to 4096) through one complex radix-2 FFT
 * of {@code n / 2} points and the standard split step that separates the even and odd halves.
 *
 * <p>Twiddles and the bit-reversal permutation are computed once per size and shared by every instance of that size:
 * a DSP thread serving hundreds of calls runs hundreds of transforms, and one set of tables stays in its cache
 * where per-instance copies would evict each other. {@link #power} allocates nothing. Only the bins the caller asks
 * for are post-processed, so a detector that looks at 0..4 kHz of a 16 kHz block pays for half of the split step.
 *
 * <p>Not thread-safe: the work arrays belong to one owner (one detector, one stream). The shared tables are
 * immutable after construction and published through a synchronized cache.
 */
final class RealFft
{
    private static final Tables[] TABLES_BY_LOG2_SIZE = new Tables[13];

    private final int size;
    private final int half;
    private final int[] bitReversed;
    private final double[] twiddleCos;
    private final double[] twiddleSin;
    private final double[] splitCos;
    private final double[] splitSin;
    private final double[] re;
    private final double[] im;

    RealFft(final int size)
    {
        if (size < 16 || size > 4096 || Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException("FFT size must be a power of two in 16..4096: " + size);
        }
        this.size = size;
        this.half = size / 2;
        final Tables tables = tables(size);
        bitReversed = tables.bitReversed;
        twiddleCos = tables.twiddleCos;
        twiddleSin = tables.twiddleSin;
        splitCos = tables.splitCos;
        splitSin = tables.splitSin;
        re = new double[half];
        im = new double[half];
    }

    private static synchronized Tables tables(final int size)
    {
        final int log2 = Integer.numberOfTrailingZeros(size);
        Tables tables = TABLES_BY_LOG2_SIZE[log2];
        if (tables == null)
        {
            tables = new Tables(size);
            TABLES_BY_LOG2_SIZE[log2] = tables;
        }
        return tables;
    }

    int size()
    {
        return size;
    }

    /**
     * Computes |X[k]|^2 of the real input for {@code firstBin <= k < endBin} into {@code power[k]}.
     *
     * @param input    {@code size} real samples.
     * @param window   {@code size} window coefficients, applied to the input on the fly.
     * @param power    destination, indexed by bin; at least {@code endBin} long.
     * @param firstBin first bin wanted, {@code >= 0}.
     * @param endBin   one past the last bin wanted, {@code <= size / 2 + 1}.
     */
    void power(final double[] input, final double[] window, final double[] power, final int firstBin, final int endBin)
    {
        final double[] re = this.re;
        final double[] im = this.im;
        final int half = this.half;
        // Load in bit-reversed order, windowing on the way, and do the first two radix-2 stages (twiddles 1 and -i)
        // without multiplications.
        for (int i = 0; i < half; i += 4)
        {
            final int j0 = bitReversed[i];
            final int j1 = bitReversed[i + 1];
            final int j2 = bitReversed[i + 2];
            final int j3 = bitReversed[i + 3];
            final double r0 = input[2 * j0] * window[2 * j0];
            final double i0 = input[2 * j0 + 1] * window[2 * j0 + 1];
            final double r1 = input[2 * j1] * window[2 * j1];
            final double i1 = input[2 * j1 + 1] * window[2 * j1 + 1];
            final double r2 = input[2 * j2] * window[2 * j2];
            final double i2 = input[2 * j2 + 1] * window[2 * j2 + 1];
            final double r3 = input[2 * j3] * window[2 * j3];
            final double i3 = input[2 * j3 + 1] * window[2 * j3 + 1];
            final double ar = r0 + r1;
            final double ai = i0 + i1;
            final double br = r0 - r1;
            final double bi = i0 - i1;
            final double cr = r2 + r3;
            final double ci = i2 + i3;
            final double dr = r2 - r3;
            final double di = i2 - i3;
            re[i] = ar + cr;
            im[i] = ai + ci;
            re[i + 2] = ar - cr;
            im[i + 2] = ai - ci;
            // (dr + i di) * (-i) = di - i dr
            re[i + 1] = br + di;
            im[i + 1] = bi - dr;
            re[i + 3] = br - di;
            im[i + 3] = bi + dr;
        }

        for (int span = 4, step = half / 8; span < half; span <<= 1, step >>= 1)
        {
            for (int start = 0; start < half; start += span << 1)
            {
                for (int j = 0, t = 0; j < span; j++, t += step)
                {
                    final int a = start + j;
                    final int b = a + span;
                    final double wr = twiddleCos[t];
                    final double wi = twiddleSin[t];
                    final double br = re[b] * wr - im[b] * wi;
                    final double bi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }

        for (int k = firstBin; k < endBin; k++)
        {
            final int kk = k == half ? 0 : k;
            final int mk = k == 0 ? 0 : half - k;
            final double a = re[kk];
            final double b = im[kk];
            final double c = re[mk];
            final double d = im[mk];
            final double evenRe = 0.5 * (a + c);
            final double evenIm = 0.5 * (b - d);
            final double oddRe = 0.5 * (b + d);
            final double oddIm = -0.5 * (a - c);
            final double wr = splitCos[k];
            final double wi = splitSin[k];
            final double xr = evenRe + wr * oddRe - wi * oddIm;
            final double xi = evenIm + wr * oddIm + wi * oddRe;
            power[k] = xr * xr + xi * xi;
        }
    }

    /**
     * The size-dependent constants of the transform; never written after construction.
     */
    private static final class Tables
    {
        final int[] bitReversed;
        final double[] twiddleCos;
        final double[] twiddleSin;
        final double[] splitCos;
        final double[] splitSin;

        Tables(final int size)
        {
            final int half = size / 2;
            bitReversed = new int[half];
            final int bits = Integer.numberOfTrailingZeros(half);
            for (int i = 0; i < half; i++)
            {
                bitReversed[i] = Integer.reverse(i) >>> (32 - bits);
            }
            twiddleCos = new double[half / 2];
            twiddleSin = new double[half / 2];
            for (int i = 0; i < half / 2; i++)
            {
                final double angle = -2.0 * Math.PI * i / half;
                twiddleCos[i] = Math.cos(angle);
                twiddleSin[i] = Math.sin(angle);
            }
            splitCos = new double[half + 1];
            splitSin = new double[half + 1];
            for (int k = 0; k <= half; k++)
            {
                final double angle = -2.0 * Math.PI * k / size;
                splitCos[k] = Math.cos(angle);
                splitSin[k] = Math.sin(angle);
            }
        }
    }
}
