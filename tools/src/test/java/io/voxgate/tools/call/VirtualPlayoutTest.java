package io.voxgate.tools.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualPlayoutTest
{
    private static final long MS = 1_000_000L;

    private final VirtualPlayout playout = new VirtualPlayout();
    private final List<String> echoed = new ArrayList<>();

    private static short[] constant(final int samples, final int value)
    {
        final short[] pcm = new short[samples];
        Arrays.fill(pcm, (short)value);
        return pcm;
    }

    @Test
    void aMarkComesBackWhenTheAudioQueuedBeforeItHasPlayed()
    {
        playout.audio(constant(800, 1000), 800, 0);
        playout.audio(constant(800, 2000), 800, 50 * MS);
        playout.mark("m1", 60 * MS, echoed::add);
        playout.release(199 * MS, echoed::add);
        assertEquals(List.of(), echoed);
        assertTrue(playout.playing(199 * MS));
        playout.release(200 * MS, echoed::add);
        assertEquals(List.of("m1"), echoed);
        assertFalse(playout.playing(200 * MS));
    }

    @Test
    void aMarkWithNothingQueuedComesBackAtOnce()
    {
        playout.audio(constant(160, 1000), 160, 0);
        playout.mark("late", 30 * MS, echoed::add);
        assertEquals(List.of("late"), echoed);
        assertEquals(0, playout.pendingMarks());
    }

    @Test
    void audioQueuedBehindPlayingAudioFollowsItWithoutAGap()
    {
        playout.audio(constant(160, 1000), 160, 0);
        playout.audio(constant(160, 2000), 160, 5 * MS);
        final short[] heard = playout.heard(100 * MS);
        assertEquals(800, heard.length);
        assertEquals(1000, heard[159]);
        assertEquals(2000, heard[160]);
        assertEquals(2000, heard[319]);
        assertEquals(0, heard[320]);
    }

    @Test
    void audioAfterASilenceStartsWhereItArrives()
    {
        playout.audio(constant(160, 1000), 160, 0);
        playout.audio(constant(160, 2000), 160, 50 * MS);
        final short[] heard = playout.heard(100 * MS);
        assertEquals(0, heard[399]);
        assertEquals(2000, heard[400]);
        assertEquals(2000, heard[559]);
        assertEquals(0, heard[560]);
    }

    @Test
    void clearDropsWhatHadNotPlayedAndReturnsEveryPendingMark()
    {
        playout.audio(constant(8000, 1000), 8000, 0);
        playout.mark("a", 0, echoed::add);
        playout.audio(constant(8000, 2000), 8000, 0);
        playout.mark("b", 0, echoed::add);
        assertEquals(2, playout.clear(500 * MS, echoed::add));
        assertEquals(List.of("a", "b"), echoed);
        assertFalse(playout.playing(500 * MS));
        final short[] heard = playout.heard(3000 * MS);
        assertEquals(1000, heard[3999]);
        assertEquals(0, heard[4000]);
        assertEquals(0, heard[12_000]);
    }

    @Test
    void theCallsEndCutsOffWhatWasStillQueued()
    {
        playout.audio(constant(8000, 1000), 8000, 0);
        final short[] heard = playout.heard(250 * MS);
        assertEquals(2000, heard.length);
        assertEquals(1000, heard[1999]);
    }
}
