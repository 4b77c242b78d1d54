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
 * detector spends time in both states as it would on a call. With {@code sessions = 400} each frame goes to the next
 * of 400 detectors in turn, as a DSP thread serving 400 calls sees them: every detector's state is then cold in the
 * cache, which a single detector never shows.
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

    /**
     * Detectors served in turn, one frame each.
     */
    @Param({"1", "400"})
    public int sessions;

    private VoiceActivityDetector[] detectors;
    private int session;
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
        detectors = new VoiceActivityDetector[sessions];
        for (int i = 0; i < sessions; i++)
        {
            detectors[i] = new VoiceActivityDetector(rate, 10, VadMode.AGGRESSIVE);
        }
        frameSamples = detectors[0].samplesPerFrame();
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
        final int index = session;
        final int frame = next;
        if (index + 1 == detectors.length)
        {
            session = 0;
            next = frame + 1 == frames ? 0 : frame + 1;
        }
        else
        {
            session = index + 1;
        }
        return detectors[index].process(signal, frame * frameSamples);
    }
}
