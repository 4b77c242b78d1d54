package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 3: caller speech of at least {@code minInterruptionDurationMs} (or {@code minInterruptionWords} words)
 * while the agent thinks or speaks cancels the LLM and TTS and clears playback at once; shorter speech does not.
 */
class BargeInTest
{
    private static final byte[] AUDIO = ScriptedCall.pcm(200);

    /** A call in SPEAKING: turn 1, run 1, segment 0 synthesized and 200 ms of it sent; timers up to 4 used. */
    private static ScriptedCall speaking(final ScriptedCall call)
    {
        call.start(0);
        call.userTurn(1_000, "tell me a story");
        call.delta(2_600, "Once upon a time, in a land far away, ");
        call.delta(2_650, "there lived a king. He");
        call.audio(2_800, 0, AUDIO);
        assertEquals(SessionState.SPEAKING, call.session.state());
        return call;
    }

    @Test
    void speechOverTheAgentArmsTheInterruptionTimer()
    {
        final ScriptedCall call = speaking(new ScriptedCall(ScriptedCall.settings().build()));

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.INTERRUPTION, 5, 3_300)), call.speechStarted(3_000));
        assertEquals(SessionState.SPEAKING, call.session.state());
    }

    @Test
    void bargeInAfterMinDurationCancelsEverythingAndClearsPlayback()
    {
        final ScriptedCall call = speaking(new ScriptedCall(ScriptedCall.settings().build()));
        call.speechStarted(3_000);

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1)), call.fire(3_300, TimerKind.INTERRUPTION));
        assertEquals(SessionState.USER_SPEAKING, call.session.state());
        assertEquals(0, call.session.currentRunId());
        assertEquals(1, call.session.bargeIns());
    }

    @Test
    void voicedAudioFramesTriggerBargeInWithoutWaitingForTheTimer()
    {
        final ScriptedCall call = speaking(new ScriptedCall(ScriptedCall.settings().build()));
        call.speechStarted(3_000);

        assertEquals(List.of(), call.level(3_200, true));
        assertEquals(List.of(), call.level(3_300, false));
        assertEquals(List.of(
            new Command.CancelTimer(S, TimerKind.INTERRUPTION, 5),
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1)), call.level(3_300, true));
        assertEquals(List.of(), call.apply(new Event.TimerFired(S, 3_300, TimerKind.INTERRUPTION, 5)));
        assertEquals(1, call.session.staleEvents());
    }

    @Test
    void shortBackchannelDoesNotInterrupt()
    {
        final ScriptedCall call = speaking(new ScriptedCall(ScriptedCall.settings().build()));
        call.speechStarted(3_000);

        assertEquals(List.of(new Command.CancelTimer(S, TimerKind.INTERRUPTION, 5)), call.speechStopped(3_200));
        assertEquals(List.of(), call.transcript(3_400, "uh-huh"));
        assertEquals(SessionState.SPEAKING, call.session.state());
        assertEquals(1, call.session.currentRunId());
        assertEquals(0, call.session.bargeIns());
        assertEquals(2, call.session.backchannels());
    }

    @Test
    void wordModeInterruptsOnEnoughWordsNotOnDuration()
    {
        final ScriptedCall call = speaking(new ScriptedCall(ScriptedCall.settings().minInterruptionWords(2).build()));

        assertEquals(List.of(), call.speechStarted(3_000));
        assertEquals(List.of(), call.level(3_500, true));
        assertEquals(List.of(new Command.SendTranscript(S, 2, "wait", false)), call.partial(3_600, "wait"));
        assertEquals(List.of(
            new Command.SendTranscript(S, 2, "wait stop", false),
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1)), call.partial(3_700, "wait stop"));
        assertEquals(SessionState.USER_SPEAKING, call.session.state());
    }

    @Test
    void bargeInWhileThinkingCancelsTheLlmWithoutClearing()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        call.speechStarted(2_600);

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4)), call.fire(2_900, TimerKind.INTERRUPTION));
    }

    @Test
    void audioAndMarksOfTheCancelledRunAreDroppedAfterTheClear()
    {
        final ScriptedCall call = speaking(new ScriptedCall(ScriptedCall.settings().build()));
        call.speechStarted(3_000);
        call.fire(3_300, TimerKind.INTERRUPTION);

        assertEquals(List.of(), call.apply(new Event.TtsAudio(S, 3_310, 1, 1, 0, 16_000, AUDIO)));
        assertEquals(List.of(), call.apply(new Event.PlayoutProgress(S, 3_320, 1, 1, 0, 200)));
        assertEquals(List.of(), call.apply(new Event.LlmDelta(S, 3_330, 1, 1, 0, "and more. ")));
        assertEquals(3, call.session.staleEvents());
        assertEquals(List.of(), call.session.history().stream()
            .filter(m -> m.role() == io.voxgate.orchestrator.model.Role.ASSISTANT).toList());
    }

    @Test
    void theGoodbyeLineCannotBeInterrupted()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxReprompts(0).build());
        call.start(0);
        call.fire(10_000, TimerKind.IDLE);
        assertEquals(RunKind.GOODBYE, call.session.currentRunKind());

        assertEquals(List.of(), call.speechStarted(10_100));
        assertEquals(List.of(), call.level(10_900, true));
        assertEquals(RunKind.GOODBYE, call.session.currentRunKind());
    }
}
