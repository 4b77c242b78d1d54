package io.voxgate.bench.dsp;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.voxgate.dsp.vad.VadMode;
import io.voxgate.dsp.vad.VoiceActivityDetector;
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
 * One 10 ms PCM16 frame through a {@link VoiceActivityDetector} in the telephony mode, at 8 and 16 kHz, in ns per
 * frame; the target is at most 2,000 ns.
 *
 * <p>The input is 2 s of noise with 300 ms bursts of a harmonic tone every 600 ms, cycled frame by frame, so the
 * detector spends time in both states as it would on a call.
 *
 * <p>Run: {@code ./voxgate bench VadBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VadBenchmark
{
    /**
     * Sample rate in Hz.
     */
    @Param({"8000", "16000"})
    public int rate;

    private VoiceActivityDetector detector;
    private short[] signal;
    private int frameSamples;
    private int frames;
    private int next;

    /**
     * Builds the detector and the signal.
     */
    @Setup
    public void setUp()
    {
        detector = new VoiceActivityDetector(rate, 10, VadMode.AGGRESSIVE);
        frameSamples = detector.samplesPerFrame();
        signal = new short[rate * 2];
        frames = signal.length / frameSamples;
        final SplittableRandom random = new SplittableRandom(42);
        final int burst = rate * 3 / 10;
        for (int i = 0; i < signal.length; i++)
        {
            double x = random.nextGaussian() * 300.0;
            if ((i / burst) % 2 == 1)
            {
                for (int h = 1; h <= 8; h++)
                {
                    x += 3000.0 * Math.sin(2.0 * Math.PI * 150.0 * h * i / rate) / h;
                }
            }
            signal[i] = (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x)));
        }
    }

    /**
     * Classifies the next 10 ms frame.
     *
     * @return the decision (consumed by JMH).
     */
    @Benchmark
    public boolean processFrame()
    {
        final int frame = next;
        next = frame + 1 == frames ? 0 : frame + 1;
        return detector.process(signal, frame * frameSamples);
    }
}
