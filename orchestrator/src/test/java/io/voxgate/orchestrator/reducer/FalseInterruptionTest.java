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
 * Behaviour 4: a barge-in whose speech stops within {@code falseInterruptionTimeoutMs} without words resumes the
 * interrupted reply from where playback stopped.
 */
class FalseInterruptionTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    /** Two segments generated, the first heard, the caller coughs over the second: barge-in at 3300. */
    private static ScriptedCall interruptedAfterFirstSentence(final ScriptedCall call)
    {
        call.start(0);
        call.userTurn(1_000, "tell me");
        call.delta(2_600, "First sentence here. Second sentence here.");
        call.llmDone(2_700);
        call.audio(2_800, 0, ScriptedCall.pcm(100));
        call.ttsDone(2_800, 0);
        call.audio(2_850, 1, ScriptedCall.pcm(100));
        call.ttsDone(2_850, 1);
        call.played(2_900, 0, 100);
        call.speechStarted(3_000);
        assertEquals(List.of(
            new Command.ClearPlayback(S, 1, 1),
            new Command.SendAssistantMessage(S, 1, 1, "First sentence here.", true)),
            call.fire(3_300, TimerKind.INTERRUPTION));
        return call;
    }

    @Test
    void shortWordlessInterruptionResumesTheUnheardRest()
    {
        final ScriptedCall call = interruptedAfterFirstSentence(new ScriptedCall(ScriptedCall.settings().build()));

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 6, 4_000)), call.speechStopped(3_500));
        assertEquals(List.of(
            new Command.SynthesizeSegment(S, 2, 1, 0, "Second sentence here."),
            new Command.StartTimer(S, TimerKind.RESPONSE, 7, 12_000)), call.fire(4_000, TimerKind.ENDPOINTING));
        assertEquals(SessionState.THINKING, call.session.state());
        assertEquals(1, call.session.falseInterruptions());
        assertEquals(1, call.session.turn());

        call.playAll(4_100);
        assertEquals(List.of(SYSTEM, ChatMessage.user("tell me"), ChatMessage.assistant("First sentence here."),
            ChatMessage.assistant("Second sentence here.")), call.session.history());
        assertEquals(SessionState.LISTENING, call.session.state());
    }

    @Test
    void resumeCanBeSwitchedOff()
    {
        final ScriptedCall call = interruptedAfterFirstSentence(
            new ScriptedCall(ScriptedCall.settings().resumeFalseInterruption(false).build()));

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 6, 6_500)), call.speechStopped(3_500));
        assertEquals(List.of(
            new Command.StartLlm(S, 2, 2, 0, List.of(SYSTEM, ChatMessage.user("tell me"),
                ChatMessage.assistant("First sentence here."), ChatMessage.user(""))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 7, 14_500)), call.fire(6_500, TimerKind.ENDPOINTING));
    }

    @Test
    void longSpeechIsARealTurnEvenWithoutWords()
    {
        final ScriptedCall call = interruptedAfterFirstSentence(new ScriptedCall(ScriptedCall.settings().build()));

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 6, 8_500)), call.speechStopped(5_500));
        assertEquals(2, call.fire(8_500, TimerKind.ENDPOINTING).size());
        assertEquals(2, call.session.turn());
        assertEquals(0, call.session.falseInterruptions());
    }

    @Test
    void aLongWordlessInterruptionFollowedByABlipIsStillARealTurn()
    {
        final ScriptedCall call = interruptedAfterFirstSentence(new ScriptedCall(ScriptedCall.settings().build()));
        call.speechStopped(5_500);
        call.speechStarted(5_700);

        // The blip alone is 40 ms, but the interruption spoke for 2.54 s in all.
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 7, 8_740)), call.speechStopped(5_740));
        assertEquals(2, call.fire(8_740, TimerKind.ENDPOINTING).size());
        assertEquals(2, call.session.turn());
        assertEquals(0, call.session.falseInterruptions());
    }

    @Test
    void wordsMakeItARealTurn()
    {
        final ScriptedCall call = interruptedAfterFirstSentence(new ScriptedCall(ScriptedCall.settings().build()));
        call.transcript(3_400, "actually no");

        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 6, 4_000)), call.speechStopped(3_500));
        assertEquals(List.of(
            new Command.StartLlm(S, 2, 2, 0, List.of(SYSTEM, ChatMessage.user("tell me"),
                ChatMessage.assistant("First sentence here."), ChatMessage.user("actually no"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 7, 12_000)), call.fire(4_000, TimerKind.ENDPOINTING));
    }

    @Test
    void unfinishedReplyResumesByAskingTheLlmToContinueAfterWhatWasHeard()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "tell me");
        call.delta(2_600, "Let me think about that. ");
        call.audio(2_700, 0, ScriptedCall.pcm(100));
        call.ttsDone(2_700, 0);
        call.played(2_800, 0, 100);
        call.speechStarted(3_000);
        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.SendAssistantMessage(S, 1, 1, "Let me think about that.", true)),
            call.fire(3_300, TimerKind.INTERRUPTION));
        call.speechStopped(3_400);

        assertEquals(List.of(
            new Command.StartLlm(S, 2, 1, 1, List.of(SYSTEM, ChatMessage.user("tell me"),
                ChatMessage.assistant("Let me think about that."))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 7, 11_900)), call.fire(3_900, TimerKind.ENDPOINTING));
    }
}
