package io.voxgate.dsp.vad;

import java.util.Arrays;

/**
 * Per-band noise power, tracked through speech by the speech-presence-probability estimator of Gerkmann and Hendriks
 * ("Unbiased MMSE-based noise power estimation with low complexity and low tracking delay", IEEE TASLP 2012),
 * applied to bands of K bins instead of single bins.
 *
 * <p>Each 10 ms the band's a posteriori SNR {@code g = E / (K N)} gives the posterior probability that speech is
 * present under a fixed speech prior of {@value #SPEECH_PRIOR_SNR_DB} dB (equal priors, gamma-distributed band
 * energy with {@code d = DOF_PER_BIN * K} degrees of freedom, because Hann-windowed neighbouring bins are
 * correlated):
 * <pre>
 *   logit = d * (g * xi / (1 + xi) - ln(1 + xi)),   p = 1 / (1 + exp(-logit))
 *   N    <- a * N + (1 - a) * (p * N + (1 - p) * E)          a = {@value #SMOOTHING}
 * </pre>
 * Unlike a voice-activity-gated update this needs no decision; unlike minimum statistics alone it has no
 * band-width-dependent bias to correct; and it follows a falling noise floor within
 * tens of milliseconds. Against stagnation when the noise rises, p is capped at 0.99 while its running mean is
 * above 0.99, so the estimate keeps creeping up towards the new floor. Two changes from the paper, both measured
 * on the evaluation corpus: the smoothing is slower ({@value #SMOOTHING} per 10 ms, a 250 ms time constant,
 * against 0.8 per 16 ms), and a band's presence is at least the detector's whole-hop speech presence (see
 * {@link #update}); at 0 dB SNR per-band presence alone lets vowels leak into the floor, which halved the frame
 * recall at a fixed false-alarm rate.
 *
 * <p>That floor on the presence has a price: when the noise itself steps up, every band looks like speech, the
 * presence stays high and the estimate would take tens of seconds to catch up (measured: 20 s of false alarms
 * after a +10 dB step). A minimum-statistics safeguard (Martin 2001, simplified) bounds it from below: the 35 ms
 * smoothed band energy's minimum over the last 1.0 to 1.5 s ({@value #SUB_WINDOW_HOPS}-hop sub-windows), times
 * its measured mean-to-minimum ratio for Gaussian noise and {@value #MINIMUM_TRUST} for safety, is a floor the
 * estimate may not sit under. Speech has pauses within a second, so the minimum stays near the noise during speech;
 * after a noise step the detector is back to silence within about 1.5 s. The first {@value #WARM_UP_HOPS} hops of a
 * stream are taken as noise (a running mean, continued with presence weighting until it is as slow as the steady
 * smoothing), which is how calls start; if a stream starts with speech the estimate
 * falls to the true floor within the first pause. A floor of {@value #FLOOR_DBFS} dBFS per bin keeps digital
 * silence well defined.
 *
 * <p>State is per stream, allocated at construction. Not thread-safe.
 */
final class NoiseFloorTracker
{
    static final double SPEECH_PRIOR_SNR_DB = 15.0;
    static final double SMOOTHING = 0.96;
    static final double DOF_PER_BIN = 0.6;
    static final int WARM_UP_HOPS = 8;
    static final double FLOOR_DBFS = -100.0;

    private static final double XI = Math.pow(10.0, SPEECH_PRIOR_SNR_DB / 10.0);
    private static final double XI_GAIN = XI / (1.0 + XI);
    private static final double LOG_ONE_PLUS_XI = Math.log1p(XI);
    private static final double FLOOR_PER_BIN = Math.pow(10.0, FLOOR_DBFS / 10.0);

    /** Hops per minimum-tracking sub-window; the window is the current sub-window and the two before it. */
    static final int SUB_WINDOW_HOPS = 50;
    /** Share of the bias-compensated minimum the estimate may not fall below. */
    static final double MINIMUM_TRUST = 0.8;

    /**
     * Mean over minimum of the 35 ms smoothed band energy in 1.5 s of Gaussian noise, by number of bins in the band
     * (index), measured with white and pink noise at both rates (the four measurements agree within 0.05). No band
     * has fewer than two bins.
     */
    private static final double[] MINIMUM_BIAS = {0.0, 0.0, 2.25, 2.0, 1.87, 1.76, 1.66, 1.61, 1.57, 1.55};

    private final double[] noise = new double[BandSpectrum.BANDS];
    private final double[] smoothed = new double[BandSpectrum.BANDS];
    private final double[] windowMinimum = new double[BandSpectrum.BANDS];
    private final double[] previousMinimum = new double[BandSpectrum.BANDS];
    private final double[] olderMinimum = new double[BandSpectrum.BANDS];

    private final double[] meanPresence = new double[BandSpectrum.BANDS];
    private int hops;

    NoiseFloorTracker()
    {
        reset();
    }

    /**
     * @return true once the warm-up hops are over and the estimate can be scored against.
     */
    boolean warmedUp()
    {
        return hops >= WARM_UP_HOPS;
    }

    /**
     * @param band band index.
     * @return the current noise power estimate of the band (same units as the band energy).
     */
    double noise(final int band)
    {
        return noise[band];
    }

    /**
     * Updates every band's noise estimate with the newest band energies.
     *
     * @param spectrum       the analysed hop.
     * @param speechPresence the detector's whole-hop belief that speech is present, 0..1: a band's presence is
     *                       never taken lower than this, so bands where weak speech barely rises above the noise
     *                       are not absorbed into the floor while other bands show the speech clearly.
     */
    void update(final BandSpectrum spectrum, final double speechPresence)
    {
        final int hops = ++this.hops;
        // A running mean until the steady smoothing is the slower of the two: a few hops of warm-up alone leave
        // the estimate of a narrow band tens of percent off, and a false alarm or two in the first half second.
        final double smoothing = Math.min(SMOOTHING, 1.0 - 1.0 / (hops - 1));
        for (int b = 0; b < BandSpectrum.BANDS; b++)
        {
            final int bins = spectrum.binCount(b);
            final double energy = spectrum.energy(b);
            final double floor = FLOOR_PER_BIN * bins;
            final double level = hops <= 2 ? energy : 0.75 * smoothed[b] + 0.25 * energy;
            smoothed[b] = level;
            windowMinimum[b] = Math.min(windowMinimum[b], level);
            if (hops <= WARM_UP_HOPS)
            {
                // The first hop's block is partly the zeros before the stream, so the mean starts at the second.
                noise[b] = Math.max(floor, hops <= 2 ? energy : noise[b] + (energy - noise[b]) / (hops - 1));
                continue;
            }
            final double n = noise[b];
            final double snr = energy / n;
            final double dof = DOF_PER_BIN * bins;
            final double logit = dof * (snr * XI_GAIN / bins - LOG_ONE_PLUS_XI);
            // Below a logit of -3 the band's own presence is under 0.048, so when the detector-wide presence is
            // above that (always, in practice: it never falls below 0.119) the maximum is known without exp().
            double presence = logit > 30.0 ? 1.0 :
                logit < -3.0 && speechPresence >= 0.05 ? 0.0 : 1.0 / (1.0 + Math.exp(-logit));
            presence = Math.max(presence, speechPresence);
            final double mean = 0.9 * meanPresence[b] + 0.1 * presence;
            meanPresence[b] = mean;
            if (mean > 0.99 && presence > 0.99)
            {
                presence = 0.99;
            }
            final double noisePeriodogram = presence * n + (1.0 - presence) * energy;
            final double minimum = Math.min(windowMinimum[b], Math.min(previousMinimum[b], olderMinimum[b]));
            final double trusted = minimum == Double.MAX_VALUE ? 0.0 : MINIMUM_TRUST * MINIMUM_BIAS[bins] * minimum;
            noise[b] = Math.max(floor, Math.max(trusted, smoothing * n + (1.0 - smoothing) * noisePeriodogram));
        }
        if (hops % SUB_WINDOW_HOPS == 0)
        {
            System.arraycopy(previousMinimum, 0, olderMinimum, 0, olderMinimum.length);
            System.arraycopy(windowMinimum, 0, previousMinimum, 0, previousMinimum.length);
            Arrays.fill(windowMinimum, Double.MAX_VALUE);
        }
    }

    /**
     * Forgets the estimate; the next hops start a new warm-up.
     */
    void reset()
    {
        Arrays.fill(noise, Double.MIN_NORMAL);
        Arrays.fill(meanPresence, 0.0);
        Arrays.fill(smoothed, 0.0);
        Arrays.fill(windowMinimum, Double.MAX_VALUE);
        Arrays.fill(previousMinimum, Double.MAX_VALUE);
        Arrays.fill(olderMinimum, Double.MAX_VALUE);
        hops = 0;
    }
}
