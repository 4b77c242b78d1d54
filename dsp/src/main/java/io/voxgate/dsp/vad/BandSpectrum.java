package io.voxgate.dsp.vad;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sub-band energies of the newest 10 ms of a stream: a Hann-windowed block of the last 16 ms at 8 kHz (128
 * samples; 16 kHz input is first halved by a {@link HalfBandDecimator}), its power spectrum, and the bins from
 * 125 Hz to 3.94 kHz summed into {@link #BANDS} bands.
 *
 * <p>Both rates use the same 62.5 Hz bins and band edges, so one detector tuning serves 8 kHz telephony and 16 kHz
 * wideband alike. Bins below 125 Hz are left out: they carry mains hum, DC offset and handset rumble but little
 * speech that the bands above do not also see. The bands are narrow at low frequencies, where voiced harmonics
 * and hum harmonics sit, and wider towards 4 kHz.
 *
 * <p>Energies are in full-scale units (a sample of 32768 is 1.0). The block history is per stream and allocated at
 * construction; {@link #push(short[], int)} allocates nothing. Not thread-safe.
 */
final class BandSpectrum
{
    /** Number of sub-bands. */
    static final int BANDS = 15;

    /** First FFT bin (at 62.5 Hz spacing) of each band, plus the end bin of the last band. */
    private static final int[] BAND_EDGES = {2, 4, 6, 8, 10, 12, 14, 17, 20, 24, 28, 33, 39, 46, 54, 63};

    private static final double FULL_SCALE = 1.0 / 32768.0;

    private static final int BLOCK_SIZE = 128;

    /** Hann window scaled to unit energy; shared by every stream (one copy in the cache, not one per call). */
    private static final double[] WINDOW = unitEnergyHann(BLOCK_SIZE);

    private final int hop;
    private final HalfBandDecimator decimator;
    private final double[] history;
    private final double[] power;
    private final RealFft fft;
    private final double[] energy = new double[BANDS];
    private final int[] binCount = new int[BANDS];
    private double hopPower;

    BandSpectrum(final int sampleRate)
    {
        if (sampleRate != 8000 && sampleRate != 16000)
        {
            throw new IllegalArgumentException("sample rate must be 8000 or 16000 Hz: " + sampleRate);
        }
        hop = sampleRate / 100;
        decimator = sampleRate == 16000 ? new HalfBandDecimator(hop) : null;
        history = new double[BLOCK_SIZE];
        power = new double[BLOCK_SIZE / 2 + 1];
        fft = new RealFft(BLOCK_SIZE);
        for (int b = 0; b < BANDS; b++)
        {
            binCount[b] = BAND_EDGES[b + 1] - BAND_EDGES[b];
        }
    }

    private static double[] unitEnergyHann(final int blockSize)
    {
        final double[] window = new double[blockSize];
        double sumSquares = 0.0;
        for (int i = 0; i < blockSize; i++)
        {
            window[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / blockSize);
            sumSquares += window[i] * window[i];
        }
        // Unit window energy: white noise of variance s^2 then gives s^2 per bin at either rate.
        final double norm = 1.0 / Math.sqrt(sumSquares);
        for (int i = 0; i < blockSize; i++)
        {
            window[i] *= norm;
        }
        return window;
    }

    /**
     * @return input samples per 10 ms hop (80 or 160).
     */
    int hop()
    {
        return hop;
    }

    /**
     * @param band band index.
     * @return number of FFT bins summed into the band.
     */
    int binCount(final int band)
    {
        return binCount[band];
    }

    /**
     * @return mean square of the newest hop's samples, full scale = 1.0 (a full-scale square wave).
     */
    double hopPower()
    {
        return hopPower;
    }

    /**
     * @param band band index.
     * @return energy of the band for the newest block.
     */
    double energy(final int band)
    {
        return energy[band];
    }

    /**
     * Appends one 10 ms hop of PCM16 samples and recomputes the band energies.
     *
     * @param pcm    samples.
     * @param offset index of the first of {@link #hop()} samples.
     */
    void push(final short[] pcm, final int offset)
    {
        final double[] in = input();
        final int at = inputOffset();
        double sumSquares = 0.0;
        for (int i = 0; i < hop; i++)
        {
            final double x = pcm[offset + i] * FULL_SCALE;
            in[at + i] = x;
            sumSquares += x * x;
        }
        hopPower = sumSquares / hop;
        analyse();
    }

    /**
     * Appends one 10 ms hop of little-endian PCM16 samples and recomputes the band energies.
     *
     * @param buffer holds the samples.
     * @param offset byte offset of the first of {@link #hop()} samples.
     */
    void push(final DirectBuffer buffer, final int offset)
    {
        final double[] in = input();
        final int at = inputOffset();
        double sumSquares = 0.0;
        for (int i = 0; i < hop; i++)
        {
            final double x = buffer.getShort(offset + 2 * i, ByteOrder.LITTLE_ENDIAN) * FULL_SCALE;
            in[at + i] = x;
            sumSquares += x * x;
        }
        hopPower = sumSquares / hop;
        analyse();
    }

    /**
     * Forgets the block history.
     */
    void reset()
    {
        Arrays.fill(history, 0.0);
        if (decimator != null)
        {
            decimator.reset();
        }
        Arrays.fill(energy, 0.0);
        hopPower = 0.0;
    }

    /**
     * Where the new hop's samples go: straight into the block history at 8 kHz (after shifting it), into the
     * decimator's input line at 16 kHz.
     */
    private double[] input()
    {
        if (decimator != null)
        {
            return decimator.line();
        }
        final double[] history = this.history;
        System.arraycopy(history, hop, history, 0, history.length - hop);
        return history;
    }

    private int inputOffset()
    {
        return decimator != null ? decimator.inputOffset() : history.length - hop;
    }

    private void analyse()
    {
        if (decimator != null)
        {
            final double[] history = this.history;
            final int newSamples = hop / 2;
            System.arraycopy(history, newSamples, history, 0, history.length - newSamples);
            decimator.decimate(history, history.length - newSamples);
        }
        final double[] power = this.power;
        fft.power(history, WINDOW, power, BAND_EDGES[0], BAND_EDGES[BANDS]);
        for (int b = 0; b < BANDS; b++)
        {
            double sum = 0.0;
            for (int k = BAND_EDGES[b], end = BAND_EDGES[b + 1]; k < end; k++)
            {
                sum += power[k];
            }
            energy[b] = sum;
        }
    }
}
