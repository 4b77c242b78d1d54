package io.voxgate.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures, for every supported ratio, the targets of {@link FilterSpec}: passband gain within 0.1 dB, at least
 * 80 dB of rejection of images and aliases, group delay within 3 ms. Everything is measured on the resampler's
 * output (least-squares tone fits and RMS over a steady-state stretch), through the float path so that the int16
 * quantisation floor (about -98 dBFS) does not hide the filter.
 *
 * <p>Stopband definition being measured:
 * <ul>
 *   <li>images/aliases of passband tones: for input tones from 50 Hz to the passband edge, everything in the output
 *   other than the tone itself (the least-squares residual) is at least 80 dB below the input tone;</li>
 *   <li>aliases of tones above the stopband edge: for input tones from the stopband edge ({@code low - passband})
 *   up to the input Nyquist frequency, the whole output is at least 80 dB below the input tone.</li>
 * </ul>
 * Tones between the output Nyquist frequency and the stopband edge alias into the transition band and are reported,
 * not asserted.
 */
class PolyphaseResamplerQualityTest
{
    private static final int MEASURED = 8192;
    private static final double MAX_GROUP_DELAY_SECONDS = 0.003;

    static List<FilterSpec> ratios()
    {
        return FilterSpec.supported();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void passbandIsFlatAndImagesAreRejected(final FilterSpec spec)
    {
        final int tones = 69;
        double worstRipple = 0;
        double worstImage = -400;
        for (int i = 0; i < tones; i++)
        {
            final double frequency = 50.0 + (spec.passbandHz() - 50.0) * i / (tones - 1);
            final Output output = resampleTone(spec, frequency);
            final ToneFit fit = ToneFit.fit(output.samples, output.from, MEASURED, frequency / spec.toHz());
            worstRipple = Math.max(worstRipple, Math.abs(ToneFit.db(fit.amplitude())));
            worstImage = Math.max(worstImage, ToneFit.db(fit.residualRms() * Math.sqrt(2.0)));
        }
        double transitionImage = -400;
        if (spec.fromHz() < spec.toHz())
        {
            // Up-sampling: tones between the passband edge and the input Nyquist frequency image into the
            // transition band; reported, not asserted.
            for (double frequency = spec.passbandHz() + 25.0; frequency < spec.fromHz() / 2.0; frequency += 50.0)
            {
                final Output output = resampleTone(spec, frequency);
                final ToneFit fit = ToneFit.fit(output.samples, output.from, MEASURED, frequency / spec.toHz());
                transitionImage = Math.max(transitionImage, ToneFit.db(fit.residualRms() * Math.sqrt(2.0)));
            }
        }
        report(spec, "passband deviation max %.4f dB, images/aliases of passband tones max %.1f dB%s",
            worstRipple, worstImage, spec.fromHz() < spec.toHz() ? String.format(Locale.ROOT,
            " (tones %.0f Hz-input Nyquist, transition: max %.1f dB)", spec.passbandHz(), transitionImage) : "");
        assertTrue(worstRipple <= FilterSpec.REQUIRED_PASSBAND_RIPPLE_DB, "ripple " + worstRipple + " dB");
        assertTrue(worstImage <= -FilterSpec.REQUIRED_ATTENUATION_DB, "images at " + worstImage + " dB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void tonesAboveTheStopbandEdgeDoNotAlias(final FilterSpec spec)
    {
        final double inputNyquist = spec.fromHz() / 2.0;
        final double outputNyquist = spec.toHz() / 2.0;
        final double top = inputNyquist - 20.0;
        if (spec.stopbandHz() >= top)
        {
            // An up-sampler from the lower rate: its input holds nothing above the stopband edge.
            assertTrue(spec.fromHz() < spec.toHz());
            return;
        }
        final int tones = 97;
        double worstAlias = -400;
        for (int i = 0; i < tones; i++)
        {
            final double frequency = spec.stopbandHz() + (top - spec.stopbandHz()) * i / (tones - 1);
            final Output output = resampleTone(spec, frequency);
            worstAlias = Math.max(worstAlias, ToneFit.db(ToneFit.rms(output.samples, output.from, MEASURED) *
                Math.sqrt(2.0)));
        }
        double transitionAlias = -400;
        for (double frequency = outputNyquist + 25.0; frequency < spec.stopbandHz(); frequency += 50.0)
        {
            final Output output = resampleTone(spec, frequency);
            transitionAlias = Math.max(transitionAlias,
                ToneFit.db(ToneFit.rms(output.samples, output.from, MEASURED) * Math.sqrt(2.0)));
        }
        report(spec, "aliases of tones %.0f-%.0f Hz max %.1f dB (tones %.0f-%.0f Hz, transition: max %.1f dB)",
            spec.stopbandHz(), top, worstAlias, outputNyquist, spec.stopbandHz(), transitionAlias);
        assertTrue(worstAlias <= -FilterSpec.REQUIRED_ATTENUATION_DB, "aliases at " + worstAlias + " dB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void groupDelayIsConstantAndWithinThreeMilliseconds(final FilterSpec spec)
    {
        final double step = 100.0;
        double worst = 0;
        for (double frequency = 200.0; frequency + step <= spec.passbandHz(); frequency += 700.0)
        {
            final double delay = groupDelay(spec, frequency, step);
            worst = Math.max(worst, delay);
            assertEquals(FilterBank.forRates(spec.fromHz(), spec.toHz()).groupDelaySeconds(), delay, 2e-6,
                "group delay at " + frequency + " Hz");
        }
        final FilterBank bank = FilterBank.forRates(spec.fromHz(), spec.toHz());
        report(spec, "group delay %.3f ms measured, taps/phase %d, prototype %d taps",
            worst * 1000.0, bank.tapsPerPhase(), bank.prototypeLength());
        assertTrue(worst <= MAX_GROUP_DELAY_SECONDS, "group delay " + worst);
    }

    private static double groupDelay(final FilterSpec spec, final double frequency, final double step)
    {
        final Output low = resampleTone(spec, frequency);
        final Output high = resampleTone(spec, frequency + step);
        final ToneFit lowFit = ToneFit.fit(low.samples, low.from, MEASURED, frequency / spec.toHz());
        final ToneFit highFit = ToneFit.fit(high.samples, high.from, MEASURED, (frequency + step) / spec.toHz());
        // Input phase is TONE_PHASE at both frequencies, so the output phase difference is the delay's alone.
        double difference = highFit.phase() - lowFit.phase();
        difference -= 2.0 * Math.PI * Math.floor(difference / (2.0 * Math.PI));
        return difference / (2.0 * Math.PI * step);
    }

    private static final double TONE_PHASE = 0.3;

    private record Output(float[] samples, int from)
    {
    }

    /**
     * Unit-amplitude tone through a fresh resampler in 20 ms chunks; the returned stretch starts after the start-up
     * transient, as a window of {@link #MEASURED} outputs.
     */
    private static Output resampleTone(final FilterSpec spec, final double frequency)
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final FilterBank bank = resampler.filterBank();
        final int settle = bank.prototypeLength() / spec.downFactor() + 64;
        final int outputs = settle + MEASURED;
        final int inputs = (int)((long)outputs * spec.fromHz() / spec.toHz()) + 64;
        final float[] in = new float[inputs];
        final double w = 2.0 * Math.PI * frequency / spec.fromHz();
        for (int n = 0; n < inputs; n++)
        {
            // Output time m / toHz maps to input time; this phase convention keeps the phase comparable across rates.
            in[n] = (float)Math.cos(w * n + TONE_PHASE);
        }
        final float[] out = new float[resampler.maxOutputSamples(inputs)];
        final int chunk = spec.fromHz() / 50;
        int written = 0;
        for (int n = 0; n < inputs; n += chunk)
        {
            written += resampler.process(in, n, Math.min(chunk, inputs - n), out, written);
        }
        assertTrue(written >= outputs);
        return new Output(out, settle);
    }

    private static void report(final FilterSpec spec, final String format, final Object... args)
    {
        System.out.println("[resampler " + spec + "] " + String.format(Locale.ROOT, format, args));
    }
}
