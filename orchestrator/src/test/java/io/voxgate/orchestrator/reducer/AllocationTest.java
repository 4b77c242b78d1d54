package io.voxgate.orchestrator.reducer;

import io.voxgate.codec.testing.AllocationMeter;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;

import org.junit.jupiter.api.Test;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Steady-state events that change nothing allocate nothing: audio-level frames while listening, while the agent
 * speaks, while a candidate barge-in is still too short, and stale events of an old run.
 */
class AllocationTest
{
    private static final int FRAMES = 20_000;

    private final long[] applied = new long[1];

    private long allocated(final ScriptedCall call, final Event event)
    {
        final CallReducer reducer = call.reducer;
        final Session session = call.session;
        final CommandBuffer sink = call.buffer;
        final long[] count = applied;
        return AllocationMeter.steadyStateBytes(FRAMES, FRAMES, () ->
        {
            sink.clear();
            reducer.apply(session, event, sink);
            count[0]++;
        });
    }

    @Test
    void audioLevelWhileListeningAllocatesNothing()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);

        assertEquals(0, allocated(call, new Event.AudioLevel(S, 100, true, -30f)));
        assertEquals(SessionState.LISTENING, call.session.state());
    }

    @Test
    void audioLevelWhileSpeakingAndDuringAShortOverlapAllocatesNothing()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        call.delta(2_600, "Hello there, how are you today? ");
        call.audio(2_700, 0, ScriptedCall.pcm(100));

        assertEquals(0, allocated(call, new Event.AudioLevel(S, 2_800, false, -60f)));
        call.speechStarted(3_000);
        assertEquals(0, allocated(call, new Event.AudioLevel(S, 3_100, true, -20f)));
        assertEquals(0, call.buffer.size());
        assertEquals(SessionState.SPEAKING, call.session.state());
    }

    @Test
    void staleRunEventsAllocateNothing()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        final byte[] pcm = ScriptedCall.pcm(20);

        assertEquals(0, allocated(call, new Event.TtsAudio(S, 2_000, 99, 1, 0, 16_000, pcm)));
        assertEquals(applied[0], call.session.staleEvents());
        assertEquals(0, call.buffer.size());
    }
}
