package io.voxgate.bench.dsp;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.voxgate.dsp.resample.PolyphaseResampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 20 ms PCM16 frame through a {@link PolyphaseResampler}, per supported ratio, in ns per frame.
 *
 * <p>Divide the score by the output samples of a 20 ms frame ({@code toHz / 50}: 160 at 8 kHz, 320 at 16 kHz,
 * 480 at 24 kHz, 960 at 48 kHz) for ns per output sample; the target is 8000 -> 16000 at no more than
 * 5 ns per output sample, i.e. 1600 ns per frame.
 *
 * <p>Run: {@code ./voxgate bench ResamplerBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResamplerBenchmark
{
    /**
     * {@code fromHz-toHz}.
     */
    @Param({
        "8000-16000", "16000-8000", "8000-24000", "24000-8000", "16000-24000", "24000-16000",
        "8000-48000", "48000-8000", "16000-48000", "48000-16000", "24000-48000", "48000-24000",
        "22050-8000", "22050-16000"})
    public String ratio;

    private PolyphaseResampler resampler;
    private short[] frame;
    private short[] output;

    /**
     * Builds the resampler and a frame of noisy speech-band tones.
     */
    @Setup
    public void setUp()
    {
        final int dash = ratio.indexOf('-');
        final int fromHz = Integer.parseInt(ratio.substring(0, dash));
        final int toHz = Integer.parseInt(ratio.substring(dash + 1));
        resampler = new PolyphaseResampler(fromHz, toHz);
        frame = new short[fromHz / 50];
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < frame.length; i++)
        {
            frame[i] = (short)(8000 * Math.sin(i * 0.3) + random.nextInt(-2000, 2000));
        }
        output = new short[resampler.maxOutputSamples(frame.length)];
    }

    /**
     * Resamples one 20 ms frame.
     *
     * @return output samples written (consumed by JMH).
     */
    @Benchmark
    public int resampleFrame()
    {
        return resampler.process(frame, 0, frame.length, output, 0);
    }
}
