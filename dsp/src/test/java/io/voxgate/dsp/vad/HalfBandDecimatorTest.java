package io.voxgate.dsp.vad;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfBandDecimatorTest
{
    @Test
    void keepsTheTelephoneBandAndRejectsWhatWouldAlias()
    {
        final double at1k = gainDb(1000.0);
        final double at3k = gainDb(3000.0);
        final double at6k = gainDb(6000.0);
        final double at7k = gainDb(7000.0);
        assertTrue(Math.abs(at1k) <= 0.05, "1 kHz gain " + at1k + " dB");
        assertTrue(Math.abs(at3k) <= 1.0, "3 kHz gain " + at3k + " dB");
        assertTrue(at6k <= -50.0, "6 kHz gain " + at6k + " dB");
        assertTrue(at7k <= -50.0, "7 kHz gain " + at7k + " dB");
    }

    private static double gainDb(final double hz)
    {
        final HalfBandDecimator decimator = new HalfBandDecimator(160);
        final double[] out = new double[80];
        double inPower = 0.0;
        double outPower = 0.0;
        int n = 0;
        for (int block = 0; block < 50; block++)
        {
            final double[] line = decimator.line();
            for (int i = 0; i < 160; i++)
            {
                final double x = Math.sin(2.0 * Math.PI * hz * n++ / 16000.0);
                line[decimator.inputOffset() + i] = x;
                if (block >= 10)
                {
                    inPower += x * x;
                }
            }
            decimator.decimate(out, 0);
            if (block >= 10)
            {
                for (final double y : out)
                {
                    outPower += y * y;
                }
            }
        }
        // Half as many output samples carry the same mean power when the tone passes.
        return 10.0 * Math.log10(2.0 * outPower / inPower);
    }
}
