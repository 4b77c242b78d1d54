package io.voxgate.tools.call;

import java.util.Arrays;

/**
 * The built-in caller: a few short utterances of {@link SyntheticVoice}, each said when a person would say it. It
 * first listens for a greeting ({@value #GREETING_WAIT_FRAMES} frames); after each utterance it waits for the reply
 * to start (at most {@value #REPLY_WAIT_FRAMES} frames) and to finish, then pauses {@value #PAUSE_FRAMES} frames and
 * speaks again. An interrupting caller instead starts its next utterance {@value #BARGE_IN_DELAY_FRAMES} frames into
 * each reply, so the server has to stop its playback.
 *
 * <p>Used by the call's driver thread only.
 */
public final class SyntheticCaller implements CallerVoice
{
    /** Lengths of the default utterances, in frames (1.2 s, 0.8 s, 1.4 s). */
    private static final int[] DEFAULT_UTTERANCE_FRAMES = {60, 40, 70};
    private static final int GREETING_WAIT_FRAMES = 100;
    private static final int REPLY_WAIT_FRAMES = 400;
    private static final int PAUSE_FRAMES = 35;
    private static final int BARGE_IN_DELAY_FRAMES = 25;

    private enum Phase
    {
        LISTENING, SPEAKING, DONE
    }

    private final short[][] utterances;
    private final boolean interrupting;
    private Phase phase = Phase.LISTENING;
    private int utterance;
    private int position;
    private int listenedFrames;
    private int replyFrames;
    private int quietFrames;
    private boolean replyHeard;

    /**
     * The default caller: three utterances.
     *
     * @param interrupting whether it talks over each reply instead of waiting for it to end.
     */
    public SyntheticCaller(final boolean interrupting)
    {
        this(DEFAULT_UTTERANCE_FRAMES, interrupting);
    }

    /**
     * A caller with utterances of given lengths.
     *
     * @param utteranceFrames the length of each utterance in 20 ms frames.
     * @param interrupting    whether it talks over each reply instead of waiting for it to end.
     */
    public SyntheticCaller(final int[] utteranceFrames, final boolean interrupting)
    {
        this.utterances = new short[utteranceFrames.length][];
        for (int i = 0; i < utteranceFrames.length; i++)
        {
            if (utteranceFrames[i] <= 0)
            {
                throw new IllegalArgumentException("utterance " + i + " has no frames");
            }
            utterances[i] = SyntheticVoice.speech(8000, utteranceFrames[i] * FRAME_SAMPLES, i + 1);
        }
        this.interrupting = interrupting;
    }

    @Override
    public int next(final short[] frame, final boolean assistantAudible)
    {
        if (phase == Phase.LISTENING && readyToSpeak(assistantAudible))
        {
            phase = Phase.SPEAKING;
            position = 0;
        }
        if (phase != Phase.SPEAKING)
        {
            Arrays.fill(frame, 0, FRAME_SAMPLES, (short)0);
            return NO_TURN;
        }
        final int turn = utterance;
        System.arraycopy(utterances[turn], position, frame, 0, FRAME_SAMPLES);
        position += FRAME_SAMPLES;
        if (position == utterances[turn].length)
        {
            utterance++;
            phase = utterance == utterances.length ? Phase.DONE : Phase.LISTENING;
            listenedFrames = 0;
            replyFrames = 0;
            quietFrames = 0;
            replyHeard = false;
        }
        return turn;
    }

    private boolean readyToSpeak(final boolean assistantAudible)
    {
        listenedFrames++;
        if (assistantAudible)
        {
            replyHeard = true;
            replyFrames++;
            quietFrames = 0;
        }
        else
        {
            quietFrames++;
        }
        if (interrupting && replyFrames >= BARGE_IN_DELAY_FRAMES)
        {
            return true;
        }
        if (replyHeard)
        {
            return quietFrames >= PAUSE_FRAMES;
        }
        return listenedFrames >= (utterance == 0 ? GREETING_WAIT_FRAMES : REPLY_WAIT_FRAMES);
    }

    @Override
    public boolean finished()
    {
        return phase == Phase.DONE;
    }

    @Override
    public String describe()
    {
        return "built-in synthetic caller, " + utterances.length + " utterances" +
            (interrupting ? ", talking over each reply" : "");
    }
}
