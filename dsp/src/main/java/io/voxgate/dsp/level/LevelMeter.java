package io.voxgate.dsp.level;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * RMS and peak level of a PCM16 frame in dBFS, where 0 dBFS is a sample of magnitude 32768 (so a full-scale square
 * wave measures 0 dB RMS, a full-scale sine about -3.01 dB RMS and -0.0003 dB peak, the AES17 convention without its
 * +3 dB sine correction).
 *
 * <p>Levels below {@link #FLOOR_DBFS} (including digital silence and empty frames) read exactly
 * {@link #FLOOR_DBFS}: a finite floor keeps averages, comparisons and metrics well defined, and -96 dBFS is below
 * the one-LSB level of PCM16 (-90.3 dBFS), so no non-silent frame is clamped.
 *
 * <p>An instance holds the results of the last {@code measure} call; it allocates nothing. Not thread-safe: one
 * instance per stream or per thread.
 */
public final class LevelMeter
{
    /** The level reported for silence and anything quieter. */
    public static final double FLOOR_DBFS = -96.0;

    private static final double FULL_SCALE = 32768.0;
    private static final double FLOOR_POWER = Math.pow(10.0, FLOOR_DBFS / 10.0);

    private double rmsDbfs = FLOOR_DBFS;
    private double peakDbfs = FLOOR_DBFS;

    /**
     * Measures a frame of PCM16 samples.
     *
     * @param pcm     samples.
     * @param offset  index of the first sample.
     * @param samples number of samples ({@code 0} reads as silence).
     * @return this meter, for reading {@link #rmsDbfs()} and {@link #peakDbfs()}.
     * @throws IndexOutOfBoundsException if the range does not fit in {@code pcm}.
     */
    public LevelMeter measure(final short[] pcm, final int offset, final int samples)
    {
        if (offset < 0 || samples < 0 || offset > pcm.length - samples)
        {
            throw new IndexOutOfBoundsException(
                "range " + offset + "+" + samples + " does not fit in " + pcm.length + " samples");
        }
        long sumSquares = 0;
        int peak = 0;
        for (int i = offset, end = offset + samples; i < end; i++)
        {
            final int x = pcm[i];
            sumSquares += x * x;
            peak = Math.max(peak, Math.abs(x));
        }
        return record(sumSquares, peak, samples);
    }

    /**
     * Measures a frame of little-endian PCM16 samples.
     *
     * @param buffer  holds the samples.
     * @param offset  byte offset of the first sample.
     * @param samples number of samples ({@code 2 * samples} bytes are read).
     * @return this meter, for reading {@link #rmsDbfs()} and {@link #peakDbfs()}.
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}.
     */
    public LevelMeter measure(final DirectBuffer buffer, final int offset, final int samples)
    {
        if (samples < 0)
        {
            throw new IndexOutOfBoundsException("negative sample count " + samples);
        }
        buffer.boundsCheck(offset, 2 * samples);
        long sumSquares = 0;
        int peak = 0;
        for (int i = 0; i < samples; i++)
        {
            final int x = buffer.getShort(offset + 2 * i, ByteOrder.LITTLE_ENDIAN);
            sumSquares += x * x;
            peak = Math.max(peak, Math.abs(x));
        }
        return record(sumSquares, peak, samples);
    }

    /**
     * @return RMS level of the last measured frame in dBFS, {@code >= } {@link #FLOOR_DBFS}.
     */
    public double rmsDbfs()
    {
        return rmsDbfs;
    }

    /**
     * @return peak level (largest magnitude) of the last measured frame in dBFS, {@code >= } {@link #FLOOR_DBFS}.
     */
    public double peakDbfs()
    {
        return peakDbfs;
    }

    /**
     * Converts a linear power relative to full scale squared to dBFS, floored at {@link #FLOOR_DBFS}.
     *
     * @param power mean square divided by 32768 squared.
     * @return the level in dBFS.
     */
    public static double powerToDbfs(final double power)
    {
        return power <= FLOOR_POWER ? FLOOR_DBFS : 10.0 * Math.log10(power);
    }

    private LevelMeter record(final long sumSquares, final int peak, final int samples)
    {
        if (samples == 0)
        {
            rmsDbfs = FLOOR_DBFS;
            peakDbfs = FLOOR_DBFS;
        }
        else
        {
            rmsDbfs = powerToDbfs(sumSquares / (FULL_SCALE * FULL_SCALE * samples));
            final double peakRatio = peak / FULL_SCALE;
            peakDbfs = powerToDbfs(peakRatio * peakRatio);
        }
        return this;
    }
}
