package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model ends the call with the built-in {@code end_call} tool: the step's words play to their end (the caller
 * cannot interrupt them), then {@code HangUp("end_call")}; the tool is never executed and does not enter the
 * history; a goodbye that does not finish within {@code goodbyeGraceMs} is cut short.
 */
class EndCallTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");
    private static final ToolCall END_CALL = new ToolCall("call_9", ToolCall.END_CALL, "{}");

    /** Turn 1 says goodbye; the model speaks and calls end_call (timers 1-4 used, run 1). */
    private static ScriptedCall sayingGoodbye()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "that is all, bye");
        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 0, "Thank you for calling.")),
            call.delta(2_600, "Thank you for calling. Goodbye!"));
        assertEquals(List.of(), call.toolCall(2_650, END_CALL));
        return call;
    }

    @Test
    void theGoodbyePlaysToItsEndThenTheCallIsHungUp()
    {
        final ScriptedCall call = sayingGoodbye();
        assertEquals(List.of(
            new Command.SynthesizeSegment(S, 1, 1, 1, "Goodbye!"),
            new Command.StartTimer(S, TimerKind.HANGUP, 5, 12_700)), call.llmDone(2_700));

        // Talking over the goodbye changes nothing.
        assertEquals(List.of(), call.speechStarted(2_750));
        final byte[] audio = ScriptedCall.pcm(100);
        assertEquals(List.of(
            new Command.PlayAudio(S, 1, 1, 0, 16_000, audio, 100),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4)), call.audio(2_800, 0, audio));
        call.ttsDone(2_800, 0);
        assertFalse(call.session.isTimerPending(TimerKind.INTERRUPTION), "no barge-in candidate");
        call.audio(2_900, 1, audio);
        call.ttsDone(2_900, 1);
        assertEquals(List.of(), call.played(3_000, 0, 100));
        assertEquals(SessionState.SPEAKING, call.session.state());

        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 1, 1, "Thank you for calling. Goodbye!", false),
            new Command.CancelTimer(S, TimerKind.MAX_DURATION, 1),
            new Command.CancelTimer(S, TimerKind.HANGUP, 5),
            new Command.StopAsr(S),
            new Command.HangUp(S, "end_call")), call.played(3_100, 1, 100));
        assertEquals(SessionState.ENDED, call.session.state());
        assertEquals(0, call.session.bargeIns());
        assertEquals(List.of(SYSTEM, ChatMessage.user("that is all, bye"),
            ChatMessage.assistant("Thank you for calling. Goodbye!")), call.session.history());
        assertTrue(call.all.stream().noneMatch(Command.ExecuteTool.class::isInstance), "end_call is not executed");
    }

    @Test
    void endCallWithoutWordsHangsUpAtOnceAndOtherCallsOfTheStepDoNotRun()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "stop");
        call.toolCall(2_600, new ToolCall("call_1", "get_weather", "{}"));
        call.toolCall(2_610, END_CALL);

        assertEquals(List.of(
            new Command.StartTimer(S, TimerKind.HANGUP, 5, 12_700),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.CancelTimer(S, TimerKind.MAX_DURATION, 1),
            new Command.CancelTimer(S, TimerKind.HANGUP, 5),
            new Command.StopAsr(S),
            new Command.HangUp(S, "end_call")), call.llmDone(2_700));
        assertEquals(List.of(SYSTEM, ChatMessage.user("stop")), call.session.history());
    }

    @Test
    void aGoodbyeThatDoesNotFinishInTimeIsCutShort()
    {
        final ScriptedCall call = sayingGoodbye();
        call.llmDone(2_700);

        assertEquals(List.of(
            new Command.CancelTts(S, 1, 1),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.CancelTimer(S, TimerKind.MAX_DURATION, 1),
            new Command.StopAsr(S),
            new Command.HangUp(S, "end_call")), call.fire(12_700, TimerKind.HANGUP));
        assertEquals(SessionState.ENDED, call.session.state());
    }

    @Test
    void anOpenBargeInCandidateIsDroppedWhenTheModelEndsTheCall()
    {
        final ScriptedCall call = sayingGoodbye();
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.INTERRUPTION, 5, 2_980)),
            call.speechStarted(2_680));

        assertEquals(List.of(
            new Command.SynthesizeSegment(S, 1, 1, 1, "Goodbye!"),
            new Command.CancelTimer(S, TimerKind.INTERRUPTION, 5),
            new Command.StartTimer(S, TimerKind.HANGUP, 6, 12_700)), call.llmDone(2_700));
        assertEquals(List.of(), call.fire(2_980, TimerKind.INTERRUPTION));
        assertEquals(1, call.session.staleEvents(), "the cancelled interruption timer");
        call.playAll(3_000);
        assertEquals(SessionState.ENDED, call.session.state());
        assertEquals(0, call.session.bargeIns());
    }
}
