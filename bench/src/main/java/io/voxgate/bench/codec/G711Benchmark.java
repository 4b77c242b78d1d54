package io.voxgate.bench.codec;

import io.voxgate.codec.g711.ALaw;
import io.voxgate.codec.g711.MuLaw;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
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
 * G.711 bulk encode and decode, on arrays and on off-heap Agrona buffers (the media path's form).
 *
 * <p>Each operation converts {@code samples} samples; divide the score by it for ns per sample. 160 samples is one
 * 20 ms Twilio frame; 8,000 is one second, where per-call overhead no longer shows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class G711Benchmark
{
    @Param({"160", "8000"})
    int samples;

    short[] pcm;
    byte[] codes;
    short[] pcmOut;
    byte[] codesOut;
    UnsafeBuffer pcmDirect;
    UnsafeBuffer codesDirect;
    UnsafeBuffer pcmDirectOut;
    UnsafeBuffer codesDirectOut;

    /**
     * Fills the inputs with speech-like random samples (a wide spread of magnitudes, so every segment is hit).
     */
    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(42);
        pcm = new short[samples];
        codes = new byte[samples];
        pcmOut = new short[samples];
        codesOut = new byte[samples];
        pcmDirect = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * samples));
        codesDirect = new UnsafeBuffer(ByteBuffer.allocateDirect(samples));
        pcmDirectOut = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * samples));
        codesDirectOut = new UnsafeBuffer(ByteBuffer.allocateDirect(samples));
        for (int i = 0; i < samples; i++)
        {
            final int magnitude = 1 << random.nextInt(16);
            pcm[i] = (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, random.nextInt(-magnitude, magnitude)));
            codes[i] = (byte)random.nextInt(256);
            pcmDirect.putShort(2 * i, pcm[i], java.nio.ByteOrder.LITTLE_ENDIAN);
            codesDirect.putByte(i, codes[i]);
        }
    }

    /**
     * μ-law decode, arrays.
     *
     * @return the output, so the work is not eliminated.
     */
    @Benchmark
    public short[] muLawDecodeArray()
    {
        MuLaw.decode(codes, 0, pcmOut, 0, samples);
        return pcmOut;
    }

    /**
     * μ-law encode, arrays.
     *
     * @return the output.
     */
    @Benchmark
    public byte[] muLawEncodeArray()
    {
        MuLaw.encode(pcm, 0, codesOut, 0, samples);
        return codesOut;
    }

    /**
     * μ-law decode, off-heap buffers (PCM16 little-endian out).
     *
     * @return the output.
     */
    @Benchmark
    public UnsafeBuffer muLawDecodeDirect()
    {
        MuLaw.decode(codesDirect, 0, pcmDirectOut, 0, samples);
        return pcmDirectOut;
    }

    /**
     * μ-law encode, off-heap buffers (PCM16 little-endian in).
     *
     * @return the output.
     */
    @Benchmark
    public UnsafeBuffer muLawEncodeDirect()
    {
        MuLaw.encode(pcmDirect, 0, codesDirectOut, 0, samples);
        return codesDirectOut;
    }

    /**
     * A-law decode, arrays.
     *
     * @return the output.
     */
    @Benchmark
    public short[] aLawDecodeArray()
    {
        ALaw.decode(codes, 0, pcmOut, 0, samples);
        return pcmOut;
    }

    /**
     * A-law encode, arrays.
     *
     * @return the output.
     */
    @Benchmark
    public byte[] aLawEncodeArray()
    {
        ALaw.encode(pcm, 0, codesOut, 0, samples);
        return codesOut;
    }
}
