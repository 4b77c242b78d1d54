package io.voxgate.dsp.vad;

import io.voxgate.codec.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VadAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int FRAMES = 10_000;

    @Test
    void processingShortArraysAllocatesNothing()
    {
        for (final int rate : new int[]{8000, 16000})
        {
            for (final int frameMillis : new int[]{10, 20, 30})
            {
                final VoiceActivityDetector vad = new VoiceActivityDetector(rate, frameMillis, VadMode.AGGRESSIVE);
                final short[] signal = VoiceActivityDetectorTest.mixedSignal(16000 * 3);
                final int frame = vad.samplesPerFrame();
                final int frames = signal.length / frame;
                final int[] next = new int[1];
                final int[] speech = new int[1];
                final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
                {
                    speech[0] += vad.process(signal, (next[0]++ % frames) * frame) ? 1 : 0;
                });
                assertEquals(0, bytes, rate + " Hz, " + frameMillis + " ms");
                assertTrue(speech[0] > 0, "the signal switched the detector on");
            }
        }
    }

    @Test
    void processingDirectBuffersAllocatesNothing()
    {
        for (final int rate : new int[]{8000, 16000})
        {
            for (final int frameMillis : new int[]{10, 20, 30})
            {
                final VoiceActivityDetector vad = new VoiceActivityDetector(rate, frameMillis, VadMode.AGGRESSIVE);
                final short[] signal = VoiceActivityDetectorTest.mixedSignal(16000 * 3);
                final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(signal.length * 2));
                for (int i = 0; i < signal.length; i++)
                {
                    buffer.putShort(2 * i, signal[i], ByteOrder.LITTLE_ENDIAN);
                }
                final int frame = vad.samplesPerFrame();
                final int frames = signal.length / frame;
                final int[] next = new int[1];
                final double[] probability = new double[1];
                final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
                {
                    vad.process(buffer, 2 * (next[0]++ % frames) * frame);
                    probability[0] += vad.speechProbability();
                });
                assertEquals(0, bytes, rate + " Hz, " + frameMillis + " ms");
                assertTrue(probability[0] > 0.0, "the detector saw speech-like bursts");
            }
        }
    }
}
