package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 1: the end of the caller's turn comes {@code minEndpointingDelayMs} after speech stopped once a final
 * transcript exists, and at most {@code maxEndpointingDelayMs} after it without one.
 */
class TurnDetectionTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    @Test
    void callStartOpensAsrAndArmsDurationAndIdleTimers()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());

        assertEquals(List.of(
            new Command.StartAsr(S),
            new Command.StartTimer(S, TimerKind.MAX_DURATION, 1, 1_800_000),
            new Command.StartTimer(S, TimerKind.IDLE, 2, 10_000)), call.start(0));
        assertEquals(SessionState.LISTENING, call.session.state());
    }

    @Test
    void turnEndsMinDelayAfterSpeechStopsWhenFinalTranscriptExists()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);

        assertEquals(List.of(new Command.CancelTimer(S, TimerKind.IDLE, 2)), call.speechStarted(1_000));
        assertEquals(SessionState.USER_SPEAKING, call.session.state());
        assertEquals(List.of(new Command.SendTranscript(S, 1, "hello there", true)),
            call.transcript(1_800, "hello there"));
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 3, 2_500)), call.speechStopped(2_000));
        assertEquals(SessionState.LISTENING, call.session.state());

        assertEquals(List.of(
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("hello there"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 10_500)), call.fire(2_500, TimerKind.ENDPOINTING));
        assertEquals(SessionState.THINKING, call.session.state());
        assertEquals(1, call.session.turn());
    }

    @Test
    void turnEndsMaxDelayAfterSpeechStopsWithoutTranscript()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 3, 5_000)), call.speechStopped(2_000));
        assertEquals(List.of(
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user(""))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 13_000)), call.fire(5_000, TimerKind.ENDPOINTING));
    }

    @Test
    void lateFinalWithinTheWindowShortensTheWaitToMinDelay()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);
        call.speechStopped(2_000);

        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "book a table", true),
            new Command.StartTimer(S, TimerKind.ENDPOINTING, 4, 2_500)), call.transcript(2_300, "book a table"));
        assertEquals(List.of(), call.apply(new io.voxgate.orchestrator.model.Event.TimerFired(S, 5_000,
            TimerKind.ENDPOINTING, 3)));
        assertEquals(1, call.session.staleEvents());
        assertEquals(2, call.fire(2_500, TimerKind.ENDPOINTING).size());
    }

    @Test
    void finalAfterMinSilenceEndsTheTurnAtOnce()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);
        call.speechStopped(2_000);

        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "yes", true),
            new Command.CancelTimer(S, TimerKind.ENDPOINTING, 3),
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("yes"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 10_700)), call.transcript(2_700, "yes"));
    }

    @Test
    void speakingAgainWithinTheWindowKeepsTheTurnOpen()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);
        call.transcript(1_500, "I would like");
        call.speechStopped(2_000);

        assertEquals(List.of(new Command.CancelTimer(S, TimerKind.ENDPOINTING, 3)), call.speechStarted(2_300));
        assertEquals(List.of(new Command.SendTranscript(S, 1, "a pizza", true)), call.transcript(2_800, "a pizza"));
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 4, 3_500)), call.speechStopped(3_000));
        assertEquals(List.of(
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("I would like a pizza"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 5, 11_500)), call.fire(3_500, TimerKind.ENDPOINTING));
    }

    @Test
    void endpointingDelaysAreConfigurablePerAssistant()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings()
            .minEndpointingDelayMs(200).maxEndpointingDelayMs(1_000).build());
        call.start(0);
        call.speechStarted(1_000);

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 3, 3_000)), call.speechStopped(2_000));
        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "hi", true),
            new Command.StartTimer(S, TimerKind.ENDPOINTING, 4, 2_200)), call.transcript(2_100, "hi"));
    }

    @Test
    void dtmfHashEndsTheTurnWithTheDigits()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);

        assertEquals(List.of(
            new Command.CancelTimer(S, TimerKind.IDLE, 2),
            new Command.StartTimer(S, TimerKind.ENDPOINTING, 3, 4_000)),
            call.apply(new io.voxgate.orchestrator.model.Event.Dtmf(S, 1_000, "4")));
        assertEquals(List.of(
            new Command.CancelTimer(S, TimerKind.ENDPOINTING, 3),
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("[DTMF 4#]"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 9_500)),
            call.apply(new io.voxgate.orchestrator.model.Event.Dtmf(S, 1_500, "#")));
    }
}
