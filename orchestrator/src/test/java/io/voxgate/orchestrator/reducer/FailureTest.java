package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 9: an LLM or TTS failure or a response timeout speaks the fallback line and returns to listening;
 * the session is never left in THINKING or SPEAKING.
 */
class FailureTest
{
    private static final String FALLBACK = "Sorry, I am having trouble right now. Could you say that again?";
    private static final String FIRST = "Sorry, I am having trouble right now.";
    private static final String SECOND = "Could you say that again?";

    @Test
    void llmFailureSpeaksTheFallbackAndListensAgain()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");

        assertEquals(List.of(
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.SynthesizeSegment(S, 2, 1, 0, FIRST),
            new Command.SynthesizeSegment(S, 2, 1, 1, SECOND),
            new Command.StartTimer(S, TimerKind.RESPONSE, 5, 10_700)),
            call.apply(new Event.LlmFailed(S, 2_700, 1, 1, 0, "HTTP 500")));
        assertEquals(SessionState.THINKING, call.session.state());
        call.playAll(2_800);
        assertEquals(SessionState.LISTENING, call.session.state());
        assertEquals(
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("hello"), ChatMessage.assistant(FALLBACK)),
            call.session.history());
        assertEquals(1, call.session.failures());
    }

    @Test
    void ttsFailureStopsTheReplyAndSpeaksTheFallback()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        call.delta(2_600, "Hello there, nice to meet you. And");
        call.audio(2_700, 0, ScriptedCall.pcm(100));

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1),
            new Command.SynthesizeSegment(S, 2, 1, 0, FIRST),
            new Command.SynthesizeSegment(S, 2, 1, 1, SECOND),
            new Command.StartTimer(S, TimerKind.RESPONSE, 5, 10_750)),
            call.apply(new Event.TtsFailed(S, 2_750, 1, 1, 0, "socket closed")));
    }

    @Test
    void responseTimeoutCountsAsAFailure()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.SynthesizeSegment(S, 2, 1, 0, FIRST),
            new Command.SynthesizeSegment(S, 2, 1, 1, SECOND),
            new Command.StartTimer(S, TimerKind.RESPONSE, 5, 18_500)), call.fire(10_500, TimerKind.RESPONSE));
    }

    @Test
    void failingFallbackGivesUpAndListens()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        call.apply(new Event.LlmFailed(S, 2_700, 1, 1, 0, "HTTP 500"));

        assertEquals(List.of(
            new Command.CancelTts(S, 2, 1),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 5),
            new Command.StartTimer(S, TimerKind.IDLE, 6, 12_800)),
            call.apply(new Event.TtsFailed(S, 2_800, 2, 1, 0, "down")));
        assertEquals(SessionState.LISTENING, call.session.state());
    }
}
