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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recogniser that gives up ({@code AsrFailed}) is counted and changes nothing else: turns keep coming from the VAD,
 * ending {@code maxEndpointingDelayMs} after speech stops, and a reply in progress goes on.
 */
class AsrFailureTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    @Test
    void aFailedRecogniserIsCountedAndTurnsComeFromTheVadAlone()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);

        assertEquals(List.of(), call.apply(new Event.AsrFailed(S, 500, "connect: connection refused")));
        assertEquals(1, call.session.asrFailures());
        assertEquals(SessionState.LISTENING, call.session.state());
        assertTrue(call.session.isTimerPending(TimerKind.IDLE), "the idle timer still runs");

        assertEquals(List.of(new Command.CancelTimer(S, TimerKind.IDLE, 2)), call.speechStarted(1_000));
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 3, 5_000)), call.speechStopped(2_000));
        assertEquals(List.of(
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user(""))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 13_000)), call.fire(5_000, TimerKind.ENDPOINTING));
        assertEquals(SessionState.THINKING, call.session.state());
    }

    @Test
    void aReplyInProgressGoesOnWhenTheRecogniserFails()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        call.delta(2_600, "Hello there, how are you? ");

        assertEquals(List.of(), call.apply(new Event.AsrFailed(S, 2_650, "disconnect: socket closed")));
        assertEquals(1, call.run());
        assertEquals(SessionState.THINKING, call.session.state());
        call.llmDone(2_700);
        call.playAll(2_800);
        assertEquals(List.of(SYSTEM, ChatMessage.user("hello"), ChatMessage.assistant("Hello there, how are you?")),
            call.session.history());
        assertEquals(SessionState.LISTENING, call.session.state());
        assertEquals(1, call.session.asrFailures());
        assertEquals(0, call.session.failures(), "not an LLM/TTS failure: no fallback line");
    }

    @Test
    void afterTheCallEndedItIsIgnored()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.apply(new Event.CallEnded(S, 100, "stop"));

        assertEquals(List.of(), call.apply(new Event.AsrFailed(S, 200, "disconnect")));
        assertEquals(0, call.session.asrFailures());
        assertEquals(1, call.session.ignoredEvents());
    }
}
