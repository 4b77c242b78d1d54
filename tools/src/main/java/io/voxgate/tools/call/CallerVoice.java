package io.voxgate.tools.call;

/**
 * What the simulated caller says, one 20 ms frame (160 samples at 8 kHz) at a time, and which of its turns each frame
 * belongs to. A recording ({@link RecordedCaller}) ignores the call; the built-in caller ({@link SyntheticCaller})
 * waits for the assistant like a person would.
 *
 * <p>Used by the call's driver thread only.
 */
public interface CallerVoice
{
    /** Samples in one frame: 20 ms at 8 kHz. */
    int FRAME_SAMPLES = 160;

    /** {@link #next} result for a frame between turns. */
    int NO_TURN = -1;

    /**
     * Writes the next frame.
     *
     * @param frame           receives {@link #FRAME_SAMPLES} samples (silence once the caller has said everything).
     * @param assistantAudible whether reply audio is playing to the caller at this moment.
     * @return the caller turn (from 0) the frame is part of, or {@link #NO_TURN}.
     */
    int next(short[] frame, boolean assistantAudible);

    /**
     * @return true once the caller has nothing more to say: only silence follows.
     */
    boolean finished();

    /**
     * @return what the caller is, for the timeline's heading.
     */
    String describe();
}
