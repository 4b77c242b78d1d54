package io.voxgate.bench.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
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
 * The JDK's own μ-law conversion ({@code javax.sound.sampled}, {@code com.sun.media.sound.UlawCodec}), the baseline
 * {@link G711Benchmark} is compared with in {@code docs/BENCHMARKS.md}.
 *
 * <p>Each operation converts {@code samples} samples through {@link AudioSystem#getAudioInputStream(AudioFormat,
 * AudioInputStream)} into a reused array, which is how an application uses that API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JdkMuLawBenchmark
{
    private static final AudioFormat ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
    private static final AudioFormat PCM =
        new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);

    @Param({"160", "8000"})
    int samples;

    byte[] codes;
    byte[] pcm;
    byte[] out;

    /**
     * Random codes and PCM samples.
     */
    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(42);
        codes = new byte[samples];
        pcm = new byte[2 * samples];
        out = new byte[2 * samples];
        for (int i = 0; i < samples; i++)
        {
            codes[i] = (byte)random.nextInt(256);
            final int magnitude = 1 << random.nextInt(16);
            final short sample = (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE,
                random.nextInt(-magnitude, magnitude)));
            pcm[2 * i] = (byte)sample;
            pcm[2 * i + 1] = (byte)(sample >> 8);
        }
    }

    /**
     * μ-law to PCM16 through the JDK.
     *
     * @return the output.
     * @throws IOException never, the source is in memory.
     */
    @Benchmark
    public byte[] muLawDecode() throws IOException
    {
        final AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(codes), ULAW, samples);
        try (AudioInputStream decoded = AudioSystem.getAudioInputStream(PCM, source))
        {
            readFully(decoded, out, 2 * samples);
        }
        return out;
    }

    /**
     * PCM16 to μ-law through the JDK.
     *
     * @return the output.
     * @throws IOException never, the source is in memory.
     */
    @Benchmark
    public byte[] muLawEncode() throws IOException
    {
        final AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(pcm), PCM, samples);
        try (AudioInputStream encoded = AudioSystem.getAudioInputStream(ULAW, source))
        {
            readFully(encoded, out, samples);
        }
        return out;
    }

    private static void readFully(final AudioInputStream in, final byte[] dst, final int length) throws IOException
    {
        int done = 0;
        while (done < length)
        {
            final int n = in.read(dst, done, length - done);
            if (n < 0)
            {
                throw new IOException("short conversion: " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }
}
