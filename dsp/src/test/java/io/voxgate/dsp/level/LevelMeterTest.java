package io.voxgate.dsp.level;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LevelMeterTest
{
    private final LevelMeter meter = new LevelMeter();

    @Test
    void fullScaleSquareWaveIsZeroDbfs()
    {
        final short[] square = new short[160];
        for (int i = 0; i < square.length; i++)
        {
            square[i] = (short)((i / 8) % 2 == 0 ? -32768 : 32767);
        }
        meter.measure(square, 0, square.length);
        assertEquals(0.0, meter.peakDbfs(), 0.0);
        assertEquals(-0.000133, meter.rmsDbfs(), 1e-6);
    }

    @Test
    void halfScaleSineMeasuresItsTheoreticalLevels()
    {
        final short[] sine = new short[8000];
        for (int i = 0; i < sine.length; i++)
        {
            sine[i] = (short)Math.round(16384.0 * Math.sin(2.0 * Math.PI * 1000.0 * i / 8000.0 + 0.25 * Math.PI));
        }
        meter.measure(sine, 0, sine.length);
        // 1 kHz at 8 kHz with a 45 degree phase hits +-16384 exactly: peak -6.0206 dB; RMS -6.0206 - 3.0103 dB.
        assertEquals(20.0 * Math.log10(0.5), meter.peakDbfs(), 1e-9);
        assertEquals(20.0 * Math.log10(0.5 / Math.sqrt(2.0)), meter.rmsDbfs(), 1e-3);
    }

    @Test
    void silenceAndEmptyFramesReadTheFloor()
    {
        meter.measure(new short[160], 0, 160);
        assertEquals(LevelMeter.FLOOR_DBFS, meter.rmsDbfs());
        assertEquals(LevelMeter.FLOOR_DBFS, meter.peakDbfs());
        meter.measure(new short[4], 2, 0);
        assertEquals(LevelMeter.FLOOR_DBFS, meter.rmsDbfs());
        assertEquals(LevelMeter.FLOOR_DBFS, meter.peakDbfs());
        assertEquals(LevelMeter.FLOOR_DBFS, LevelMeter.powerToDbfs(0.0));
    }

    @Test
    void oneLeastSignificantBitIsAboveTheFloor()
    {
        final short[] lsb = {1, -1, 1, -1};
        meter.measure(lsb, 0, lsb.length);
        assertEquals(-90.309, meter.rmsDbfs(), 1e-3);
        assertEquals(-90.309, meter.peakDbfs(), 1e-3);
    }

    @Test
    void measuresOnlyTheGivenRange()
    {
        final short[] pcm = {32767, 100, -100, 100, -100, 32767};
        assertSame(meter, meter.measure(pcm, 1, 4));
        assertEquals(20.0 * Math.log10(100.0 / 32768.0), meter.rmsDbfs(), 1e-9);
        assertEquals(20.0 * Math.log10(100.0 / 32768.0), meter.peakDbfs(), 1e-9);
    }

    @Test
    void directBufferReadsLittleEndianLikeShortArray()
    {
        final short[] pcm = new short[320];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(i * 97 - 15000);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * pcm.length + 1));
        for (int i = 0; i < pcm.length; i++)
        {
            buffer.putShort(1 + 2 * i, pcm[i], ByteOrder.LITTLE_ENDIAN);
        }
        final LevelMeter fromArray = new LevelMeter().measure(pcm, 0, pcm.length);
        meter.measure(buffer, 1, pcm.length);
        assertEquals(fromArray.rmsDbfs(), meter.rmsDbfs());
        assertEquals(fromArray.peakDbfs(), meter.peakDbfs());
    }

    @Test
    void rejectsRangesThatDoNotFit()
    {
        assertThrows(IndexOutOfBoundsException.class, () -> meter.measure(new short[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> meter.measure(new short[10], -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> meter.measure(new short[10], 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> meter.measure(new UnsafeBuffer(new byte[10]), 2, 5));
    }
}
