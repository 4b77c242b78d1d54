package io.voxgate.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import io.voxgate.codec.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every per-frame resampling path allocates nothing in steady state, for every supported ratio: 20 ms frames,
 * 10,000 measured after warm-up.
 */
class PolyphaseResamplerAllocationTest
{
    private static final int WARM_UP = 12_000;
    private static final int FRAMES = 10_000;

    static List<FilterSpec> ratios()
    {
        return FilterSpec.supported();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void resamplingFramesAllocatesNothing(final FilterSpec spec)
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final PolyphaseResampler floatResampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final int frame = spec.fromHz() / 50;
        final short[] input = PolyphaseResamplerStreamingTest.loudNoiseAndTones(frame, 1);
        final short[] output = new short[resampler.maxOutputSamples(frame)];
        final float[] floatInput = new float[frame];
        final float[] floatOutput = new float[output.length];
        final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * frame));
        final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * output.length));
        final Runnable frameWork = () ->
        {
            resampler.process(input, 0, frame, output, 0);
            resampler.process(src, 0, frame, dst, 0);
            floatResampler.process(floatInput, 0, frame, floatOutput, 0);
            resampler.outputSamples(frame);
        };

        assertEquals(0L, AllocationMeter.allocatedBytes(WARM_UP, FRAMES, frameWork));
        assertEquals(0L, AllocationMeter.measure(100, resampler::reset));
    }
}
