package io.voxgate.dsp.vad;

import java.util.Arrays;

/**
 * Evidence of speech in a hop, from band energies and the noise floor of {@link NoiseFloorTracker}:
 * <pre>
 *   S_b = SMOOTHING * S_b + (1 - SMOOTHING) * E_b                     (about 35 ms time constant)
 *   l_b = min(CAP, max(0, ln(S_b / N_b) - MARGIN))                   (positive log a posteriori SNR)
 *   e   = mean of the {@value #TOP_BANDS} largest l_b
 * </pre>
 * Why each step, as measured on the evaluation corpus (frame recall at 3 % false alarms, white and pink noise,
 * 8 kHz mu-law):
 * <ul>
 *   <li>The log a posteriori SNR ranks frames like the Gaussian likelihood ratio of Sohn et al. but one loud band
 *   cannot dominate it; it beat Sohn's decision-directed statistic by a few points.</li>
 *   <li>Smoothing the band energies over about 35 ms cuts the variance of noise-only bands (independent from hop
 *   to hop) while speech, stationary over tens of milliseconds, keeps its level: +12 points at 10 dB SNR,
 *   +20 at 0 dB.</li>
 *   <li>The {@value #MARGIN} nat margin removes the small positive terms every noise band contributes.</li>
 *   <li>Voiced speech at low SNR rises above the noise in a few bands only (the first formants, a nasal murmur):
 *   averaging the three strongest bands instead of all fifteen keeps that evidence undiluted and cut the median
 *   onset delay in pink noise from about 55 to 15 ms.</li>
 * </ul>
 *
 * <p>State is per stream, allocated at construction. Not thread-safe.
 */
final class SpeechLikelihood
{
    static final double SMOOTHING = 0.75;
    static final double MARGIN = 0.2;
    static final double CAP = 5.0;
    static final int TOP_BANDS = 3;

    private static final double NO_EVIDENCE_BELOW = Math.exp(MARGIN) * (1.0 - 1e-9);
    private static final double CAPPED_ABOVE = Math.exp(CAP + MARGIN) * (1.0 + 1e-9);

    private final double[] smoothed = new double[BandSpectrum.BANDS];
    private double evidence;
    private double meanEvidence;

    /**
     * @return the newest hop's mean of {@code l_b} over all bands, in nats, {@code >= 0}: how broadly the hop rises
     * above the floor, which the noise tracker uses as its speech presence.
     */
    double meanEvidence()
    {
        return meanEvidence;
    }

    /**
     * @return the newest hop's evidence, in nats, {@code >= 0}.
     */
    double evidence()
    {
        return evidence;
    }

    /**
     * Scores the newest hop.
     *
     * @param spectrum the analysed hop.
     * @param noise    the noise estimate to score against (updated after this call).
     */
    void update(final BandSpectrum spectrum, final NoiseFloorTracker noise)
    {
        final double[] smoothed = this.smoothed;
        double first = 0.0;
        double second = 0.0;
        double third = 0.0;
        double sum = 0.0;
        for (int b = 0; b < BandSpectrum.BANDS; b++)
        {
            final double s = SMOOTHING * smoothed[b] + (1.0 - SMOOTHING) * spectrum.energy(b);
            smoothed[b] = s;
            final double ratio = s / noise.noise(b);
            // Most bands sit at the noise floor (term <= 0, which counts for nothing) or far above it (term capped):
            // the logarithm is only needed in between. The bounds are a hair inside the exact ones, so the terms
            // that are computed, and hence the result, are bit for bit what the plain formula gives.
            final double term = ratio < NO_EVIDENCE_BELOW ? 0.0 :
                ratio > CAPPED_ABOVE ? CAP : Math.min(CAP, Math.log(ratio) - MARGIN);
            if (term > 0.0)
            {
                sum += term;
            }
            if (term > third)
            {
                if (term > first)
                {
                    third = second;
                    second = first;
                    first = term;
                }
                else if (term > second)
                {
                    third = second;
                    second = term;
                }
                else
                {
                    third = term;
                }
            }
        }
        evidence = (first + second + third) * (1.0 / TOP_BANDS);
        meanEvidence = sum / BandSpectrum.BANDS;
    }

    /**
     * Forgets the smoothed energies.
     */
    void reset()
    {
        Arrays.fill(smoothed, 0.0);
        evidence = 0.0;
        meanEvidence = 0.0;
    }
}
