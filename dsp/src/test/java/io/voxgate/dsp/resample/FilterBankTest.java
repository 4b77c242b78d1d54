package io.voxgate.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The designed banks: linear phase (symmetric prototype), unity DC gain per phase, the layout the kernels need, and
 * one shared bank per pair.
 */
class FilterBankTest
{
    static List<FilterSpec> ratios()
    {
        return FilterSpec.supported();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void prototypeIsSymmetricSoThePhaseIsLinear(final FilterSpec spec)
    {
        final FilterBank bank = FilterBank.forRates(spec.fromHz(), spec.toHz());
        final int up = spec.upFactor();
        final int length = bank.prototypeLength();
        for (int n = 0; n < length; n++)
        {
            final int mirror = length - 1 - n;
            assertEquals(prototype(bank, n), prototype(bank, mirror), 0f, "tap " + n);
        }
        assertEquals(up * bank.tapsPerPhase(), length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void everyPhaseHasUnityGainAtDc(final FilterSpec spec)
    {
        final FilterBank bank = FilterBank.forRates(spec.fromHz(), spec.toHz());
        for (int phase = 0; phase < spec.upFactor(); phase++)
        {
            double sum = 0;
            for (int i = 0; i < bank.tapsPerPhase(); i++)
            {
                sum += bank.coefficient(phase, i);
            }
            // 1e-4 of gain error is 0.0009 dB, far inside the 0.1 dB ripple budget.
            assertEquals(1.0, sum, 1e-4, "phase " + phase);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void tapCountSuitsTheKernel(final FilterSpec spec)
    {
        final FilterBank bank = FilterBank.forRates(spec.fromHz(), spec.toHz());
        assertEquals(0, bank.tapsPerPhase() % (4 * bank.interleave()));
        assertEquals(bank.vectorised() ? spec.downFactor() : 1, bank.interleave());
        assertTrue(bank.groupDelaySeconds() > 0);
    }

    @Test
    void reducesRatiosByTheirGcd()
    {
        final FilterSpec spec = FilterSpec.of(22050, 16000);
        assertEquals(320, spec.upFactor());
        assertEquals(441, spec.downFactor());
        assertEquals(3, FilterSpec.of(24000, 16000).downFactor());
        assertEquals(2, FilterSpec.of(24000, 16000).upFactor());
    }

    @Test
    void sharesOneBankPerPair()
    {
        assertSame(FilterBank.forRates(16000, 8000), FilterBank.forRates(16000, 8000));
    }

    @Test
    void rejectsUnsupportedPairs()
    {
        assertThrows(IllegalArgumentException.class, () -> FilterBank.forRates(22050, 48000));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.of(8000, 8000));
    }

    /**
     * Prototype tap n, read back through the phase layout: h[p + kL] is window position K - 1 - k of phase p.
     */
    private static float prototype(final FilterBank bank, final int n)
    {
        final int up = bank.spec().upFactor();
        return bank.coefficient(n % up, bank.tapsPerPhase() - 1 - n / up);
    }
}
