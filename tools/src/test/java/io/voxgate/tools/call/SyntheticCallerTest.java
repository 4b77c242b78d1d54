package io.voxgate.tools.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticCallerTest
{
    private final short[] frame = new short[CallerVoice.FRAME_SAMPLES];

    /** Frames of silence the caller sends before it speaks again while the assistant is as given. */
    private static int framesUntilSpeech(final SyntheticCaller caller, final short[] frame, final boolean[] audible)
    {
        for (int i = 0; ; i++)
        {
            if (caller.next(frame, audible[Math.min(i, audible.length - 1)]) != CallerVoice.NO_TURN)
            {
                return i;
            }
        }
    }

    private static boolean[] replyFor(final int silentFrames, final int replyFrames)
    {
        final boolean[] audible = new boolean[silentFrames + replyFrames + 1];
        for (int i = silentFrames; i < silentFrames + replyFrames; i++)
        {
            audible[i] = true;
        }
        return audible;
    }

    @Test
    void waitsForTheReplyToEndAndPausesBeforeSpeakingAgain()
    {
        final SyntheticCaller caller = new SyntheticCaller(new int[]{3, 2}, false);
        // It listens two seconds for a greeting, then says its first utterance.
        assertEquals(99, framesUntilSpeech(caller, frame, new boolean[]{false}));
        assertEquals(0, caller.next(frame, false));
        assertEquals(0, caller.next(frame, false));
        assertEquals(40 + 100 + 35 - 1, framesUntilSpeech(caller, frame, replyFor(40, 100)));
        assertFalse(caller.finished());
        assertEquals(1, caller.next(frame, false));
        assertTrue(caller.finished());
        assertEquals(CallerVoice.NO_TURN, caller.next(frame, true));
    }

    @Test
    void anInterruptingCallerSpeaksHalfASecondIntoTheReply()
    {
        final SyntheticCaller caller = new SyntheticCaller(new int[]{3, 2}, true);
        framesUntilSpeech(caller, frame, new boolean[]{false});
        caller.next(frame, false);
        caller.next(frame, false);
        assertEquals(40 + 25 - 1, framesUntilSpeech(caller, frame, replyFor(40, 100)));
    }

    @Test
    void speaksAgainWhenNoReplyComes()
    {
        final SyntheticCaller caller = new SyntheticCaller(new int[]{1, 1}, false);
        framesUntilSpeech(caller, frame, new boolean[]{false});
        assertEquals(399, framesUntilSpeech(caller, frame, new boolean[]{false}));
    }
}
