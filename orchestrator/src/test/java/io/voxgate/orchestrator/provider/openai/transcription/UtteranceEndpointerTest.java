package io.voxgate.orchestrator.provider.openai.transcription;

import io.voxgate.codec.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtteranceEndpointerTest
{
    /** 20 ms of PCM16 16 kHz. */
    private static final int FRAME = 640;

    private final UnsafeBuffer loud = frame((short)8000, (short)-8000);
    private final UnsafeBuffer quiet = frame((short)50, (short)-50);
    private final UnsafeBuffer silent = frame((short)0, (short)0);
    /** -45 dBFS, 100 ms silence, 40 ms pre-roll, 40 ms minimum speech, 1 s maximum. */
    private final UtteranceEndpointer endpointer = new UtteranceEndpointer(-45, 100, 40, 40, 1000);

    @Test
    void cutsAnUtteranceAfterItsSilenceKeepingThePreRoll()
    {
        for (int i = 0; i < 10; i++)
        {
            assertFalse(endpointer.accept(quiet, 0, FRAME), "-56 dBFS is below the threshold");
        }
        for (int i = 0; i < 3; i++)
        {
            assertFalse(endpointer.accept(loud, 0, FRAME));
        }
        for (int i = 0; i < 4; i++)
        {
            assertFalse(endpointer.accept(silent, 0, FRAME));
        }
        assertTrue(endpointer.accept(silent, 0, FRAME), "the fifth silent frame makes 100 ms of silence");
        final byte[] utterance = endpointer.takeUtterance();
        assertEquals((2 + 3 + 5) * FRAME, utterance.length);
        final UnsafeBuffer audio = new UnsafeBuffer(utterance);
        assertEquals(50, audio.getShort(0, ByteOrder.LITTLE_ENDIAN));
        assertEquals(8000, audio.getShort(2 * FRAME, ByteOrder.LITTLE_ENDIAN));
        assertEquals(0, audio.getShort(5 * FRAME, ByteOrder.LITTLE_ENDIAN));
        assertFalse(endpointer.accept(silent, 0, FRAME), "listening for the next utterance");
    }

    @Test
    void discardsClicksShorterThanTheMinimumSpeech()
    {
        assertFalse(endpointer.accept(loud, 0, FRAME));
        for (int i = 0; i < 20; i++)
        {
            assertFalse(endpointer.accept(silent, 0, FRAME));
        }
        assertFalse(endpointer.flush());
    }

    @Test
    void cutsLongSpeechAtTheMaximum()
    {
        int frames = 0;
        while (!endpointer.accept(loud, 0, FRAME))
        {
            frames++;
        }
        // 40 ms pre-roll + 1000 ms of buffer, 20 ms frames: the 52nd frame fills it.
        assertEquals(51, frames);
        assertEquals(52 * FRAME, endpointer.takeUtterance().length);
    }

    @Test
    void flushEndsTheUtteranceInProgress()
    {
        for (int i = 0; i < 3; i++)
        {
            endpointer.accept(loud, 0, FRAME);
        }
        assertTrue(endpointer.flush());
        assertEquals(3 * FRAME, endpointer.takeUtterance().length);
        assertFalse(endpointer.flush());
    }

    @Test
    void acceptingFramesAllocatesNothing()
    {
        final int[] n = new int[1];
        final long bytes = AllocationMeter.steadyStateBytes(10_000, 10_000, () ->
        {
            // 200 ms of speech then 200 ms of silence, over and over; utterances end but are not taken.
            endpointer.accept((n[0]++ / 10) % 2 == 0 ? loud : silent, 0, FRAME);
        });
        assertEquals(0, bytes);
    }

    private static UnsafeBuffer frame(final short even, final short odd)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME]);
        for (int i = 0; i < FRAME; i += 4)
        {
            frame.putShort(i, even, ByteOrder.LITTLE_ENDIAN);
            frame.putShort(i + 2, odd, ByteOrder.LITTLE_ENDIAN);
        }
        return frame;
    }
}
