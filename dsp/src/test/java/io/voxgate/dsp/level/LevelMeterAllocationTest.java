package io.voxgate.dsp.level;

import io.voxgate.codec.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelMeterAllocationTest
{
    @Test
    void measuringFramesAllocatesNothing()
    {
        final short[] pcm = new short[8000];
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * pcm.length));
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(8000.0 * Math.sin(i * 0.07) * (i % 1600 < 800 ? 1 : 0));
            buffer.putShort(2 * i, pcm[i], ByteOrder.LITTLE_ENDIAN);
        }
        final LevelMeter meter = new LevelMeter();
        final int[] next = new int[1];
        final double[] sum = new double[1];
        final long bytes = AllocationMeter.steadyStateBytes(20_000, 10_000, () ->
        {
            final int frame = next[0]++ % 50;
            sum[0] += meter.measure(pcm, frame * 160, 160).rmsDbfs();
            sum[0] += meter.measure(buffer, 2 * frame * 160, 160).peakDbfs();
        });
        assertEquals(0, bytes);
        assertTrue(sum[0] < 0.0, "levels were measured");
    }
}
