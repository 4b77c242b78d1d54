package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 5: the assistant message kept in the history is what the caller heard (confirmed by playout marks),
 * cut at the barge-in point; the next LLM run sees exactly that.
 */
class HeardHistoryTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    @Test
    void historyIsCutAtTheBargeInPointWithinASegment()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "count");
        call.delta(2_600, "one two three four five six seven eight nine ten.");
        call.llmDone(2_700);
        final byte[] first = ScriptedCall.pcm(500);
        final byte[] second = ScriptedCall.pcm(500);
        assertEquals(List.of(
            new Command.PlayAudio(S, 1, 1, 0, 16_000, first, 500),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4)), call.audio(2_800, 0, first));
        assertEquals(List.of(new Command.PlayAudio(S, 1, 1, 0, 16_000, second, 1_000)), call.audio(2_810, 0, second));
        call.ttsDone(2_820, 0);
        assertEquals(List.of(), call.played(3_300, 0, 500));
        call.speechStarted(3_400);

        assertEquals(List.of(
            new Command.ClearPlayback(S, 1, 1),
            new Command.SendAssistantMessage(S, 1, 1, "one two three four five", true)),
            call.fire(3_700, TimerKind.INTERRUPTION));
        assertEquals(List.of(), call.apply(new Event.PlayoutProgress(S, 3_710, 1, 1, 0, 1_000)));

        call.transcript(3_800, "stop");
        call.speechStopped(3_900);
        final List<Command> next = call.fire(4_400, TimerKind.ENDPOINTING);
        assertEquals(new Command.StartLlm(S, 2, 2, 0, List.of(SYSTEM, ChatMessage.user("count"),
            ChatMessage.assistant("one two three four five"), ChatMessage.user("stop"))), next.get(0));
    }

    @Test
    void unplayedAndUnsynthesizedTextIsDropped()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "directions");
        call.delta(2_600, "Go north for two blocks. Then turn left at the bank");
        call.audio(2_700, 0, ScriptedCall.pcm(300));
        call.ttsDone(2_710, 0);
        call.speechStarted(2_800);

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1)), call.fire(3_100, TimerKind.INTERRUPTION));
        assertEquals(List.of(SYSTEM, ChatMessage.user("directions")), call.session.history());
    }

    @Test
    void completedReplyIsKeptWhole()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hi");
        call.delta(2_600, "Hello! How can I help you today?");
        call.llmDone(2_650);
        call.audio(2_700, 0, ScriptedCall.pcm(100));
        call.ttsDone(2_710, 0);

        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 1, 1, "Hello! How can I help you today?", false),
            new Command.StartTimer(S, TimerKind.IDLE, 5, 12_800)), call.played(2_800, 0, 100));
        assertEquals(List.of(SYSTEM, ChatMessage.user("hi"), ChatMessage.assistant("Hello! How can I help you today?")),
            call.session.history());
    }

    @Test
    void aSegmentWhoseSynthesisEndedWithoutAudioWasNotHeard()
    {
        // A TTS that gives up mid-reply with an empty stream (done, no audio): the run still completes once the
        // audio it did send has played, but only the played segment's text enters the history as heard.
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "book it");
        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 0, "Hello there.")),
            call.delta(2_600, "Hello there. Your table is booked."));
        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 1, "Your table is booked.")),
            call.llmDone(2_650));
        final byte[] pcm = ScriptedCall.pcm(300);
        assertEquals(List.of(
            new Command.PlayAudio(S, 1, 1, 0, 16_000, pcm, 300),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4)), call.audio(2_700, 0, pcm));
        assertEquals(List.of(), call.ttsDone(2_710, 0));
        assertEquals(List.of(), call.ttsDone(2_720, 1));

        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 1, 1, "Hello there.", false),
            new Command.StartTimer(S, TimerKind.IDLE, 5, 13_000)), call.played(3_000, 0, 300));
        assertEquals(List.of(SYSTEM, ChatMessage.user("book it"), ChatMessage.assistant("Hello there.")),
            call.session.history());
    }
}
