package io.voxgate.tools.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpeechTurnsTest
{
    private static short[] bursts(final int... millis)
    {
        int total = 0;
        for (final int ms : millis)
        {
            total += 8 * ms;
        }
        final short[] pcm = new short[total];
        int at = 0;
        for (int i = 0; i < millis.length; i++)
        {
            if (i % 2 == 1)
            {
                System.arraycopy(SyntheticVoice.speech(8000, 8 * millis[i], i), 0, pcm, at, 8 * millis[i]);
            }
            at += 8 * millis[i];
        }
        return pcm;
    }

    private static int turns(final int[] labels)
    {
        int count = 0;
        for (final int label : labels)
        {
            count = Math.max(count, label + 1);
        }
        return count;
    }

    @Test
    void twoUtterancesASecondApartAreTwoTurns()
    {
        final int[] labels = SpeechTurns.label(bursts(400, 1000, 1000, 800, 400));
        assertEquals(2, turns(labels));
        assertEquals(CallerVoice.NO_TURN, labels[0]);
        assertEquals(0, labels[30]);
        assertEquals(CallerVoice.NO_TURN, labels[90]);
        assertEquals(1, labels[140]);
        assertEquals(CallerVoice.NO_TURN, labels[labels.length - 1]);
    }

    @Test
    void aShortPauseStaysInsideTheTurn()
    {
        final int[] labels = SpeechTurns.label(bursts(400, 800, 200, 800, 400));
        assertEquals(1, turns(labels));
        assertEquals(0, labels[55]);
    }

    @Test
    void silenceHasNoTurns()
    {
        assertEquals(0, turns(SpeechTurns.label(new short[16000])));
    }
}
