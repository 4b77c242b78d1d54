package io.voxgate.tools.call;

import io.voxgate.dsp.vad.VadMode;
import io.voxgate.dsp.vad.VoiceActivityDetector;

/**
 * Splits a recording into the caller's turns: the voice-activity detector marks each 20 ms frame, pauses shorter than
 * {@value #MAX_PAUSE_MS} ms stay inside a turn (people pause between words), and a turn shorter than
 * {@value #MIN_TURN_MS} ms of speech is a click or a breath, not a turn.
 *
 * <p>Stateless; safe from any thread.
 */
public final class SpeechTurns
{
    /** A pause at least this long ends a turn. */
    public static final int MAX_PAUSE_MS = 500;
    /** Turns with less speech than this are ignored. */
    public static final int MIN_TURN_MS = 100;

    private static final int FRAME_MS = 20;

    private SpeechTurns()
    {
    }

    /**
     * Labels every whole frame of 8 kHz audio with its turn.
     *
     * @param pcm8k the recording at 8 kHz.
     * @return one entry per whole 20 ms frame: the turn number from 0, or {@link CallerVoice#NO_TURN}.
     */
    public static int[] label(final short[] pcm8k)
    {
        final VoiceActivityDetector vad = new VoiceActivityDetector(8000, FRAME_MS, VadMode.NORMAL);
        final int frames = pcm8k.length / CallerVoice.FRAME_SAMPLES;
        final boolean[] speech = new boolean[frames];
        for (int i = 0; i < frames; i++)
        {
            speech[i] = vad.process(pcm8k, i * CallerVoice.FRAME_SAMPLES);
        }
        final int[] turns = new int[frames];
        java.util.Arrays.fill(turns, CallerVoice.NO_TURN);
        int turn = 0;
        int i = 0;
        while (i < frames)
        {
            if (!speech[i])
            {
                i++;
                continue;
            }
            final int first = i;
            int last = i;
            int voiced = 0;
            while (i < frames && i - last < MAX_PAUSE_MS / FRAME_MS)
            {
                if (speech[i])
                {
                    last = i;
                    voiced++;
                }
                i++;
            }
            if (voiced * FRAME_MS >= MIN_TURN_MS)
            {
                java.util.Arrays.fill(turns, first, last + 1, turn++);
            }
        }
        return turns;
    }
}
