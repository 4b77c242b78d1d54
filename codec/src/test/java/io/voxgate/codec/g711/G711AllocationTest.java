package io.voxgate.codec.g711;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.voxgate.codec.testing.AllocationMeter;

/**
 * Every per-frame G.711 path allocates nothing once warm: 20 ms frames (160 samples at 8 kHz), 10,000+ frames each.
 */
class G711AllocationTest
{
    private static final int SAMPLES = 160;
    private static final int WARM_UP = 20_000;
    private static final int FRAMES = 20_000;

    private final UnsafeBuffer pcmOffHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * SAMPLES + 8));
    private final UnsafeBuffer codesOffHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(SAMPLES + 8));
    private final UnsafeBuffer pcmOnHeap = new UnsafeBuffer(new byte[2 * SAMPLES + 8]);
    private final UnsafeBuffer codesOnHeap = new UnsafeBuffer(new byte[SAMPLES + 8]);
    private final short[] pcmArray = new short[SAMPLES];
    private final byte[] codesArray = new byte[SAMPLES];
    private final byte[] otherCodesArray = new byte[SAMPLES];

    G711AllocationTest()
    {
        for (int i = 0; i < SAMPLES; i++)
        {
            final short sample = (short)(Math.sin(i * 0.3) * 12000);
            pcmArray[i] = sample;
            pcmOffHeap.putShort(2 + 2 * i, sample, ByteOrder.LITTLE_ENDIAN);
            pcmOnHeap.putShort(2 + 2 * i, sample, ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Test
    void muLawBufferPathsAllocateNothing()
    {
        assertEquals(0, AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            MuLaw.encode(pcmOffHeap, 2, codesOffHeap, 1, SAMPLES);
            MuLaw.decode(codesOffHeap, 1, pcmOffHeap, 2, SAMPLES);
            MuLaw.encode(pcmOnHeap, 2, codesOnHeap, 1, SAMPLES);
            MuLaw.decode(codesOnHeap, 1, pcmOnHeap, 2, SAMPLES);
        }));
    }

    @Test
    void aLawBufferPathsAllocateNothing()
    {
        assertEquals(0, AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            ALaw.encode(pcmOffHeap, 2, codesOffHeap, 1, SAMPLES);
            ALaw.decode(codesOffHeap, 1, pcmOffHeap, 2, SAMPLES);
            ALaw.encode(pcmOnHeap, 2, codesOnHeap, 1, SAMPLES);
            ALaw.decode(codesOnHeap, 1, pcmOnHeap, 2, SAMPLES);
        }));
    }

    @Test
    void arrayPathsAllocateNothing()
    {
        assertEquals(0, AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            MuLaw.encode(pcmArray, 0, codesArray, 0, SAMPLES);
            MuLaw.decode(codesArray, 0, pcmArray, 0, SAMPLES);
            ALaw.encode(pcmArray, 0, codesArray, 0, SAMPLES);
            ALaw.decode(codesArray, 0, pcmArray, 0, SAMPLES);
        }));
    }

    @Test
    void transcodingAllocatesNothing()
    {
        assertEquals(0, AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
        {
            G711Transcoder.muLawToALaw(codesOffHeap, 1, codesOnHeap, 0, SAMPLES);
            G711Transcoder.aLawToMuLaw(codesOnHeap, 0, codesOffHeap, 1, SAMPLES);
            G711Transcoder.muLawToALaw(codesArray, 0, otherCodesArray, 0, SAMPLES);
            G711Transcoder.aLawToMuLaw(otherCodesArray, 0, codesArray, 0, SAMPLES);
        }));
    }
}
