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
 * Behaviour 2: exactly one reply per user turn, whatever the ASR sends: several finals, late finals, duplicates.
 */
class ReplyPerTurnTest
{
    @Test
    void severalFinalsMakeOneUserMessageAndOneReply()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);
        call.transcript(1_400, "I need");
        call.transcript(1_900, "a taxi");
        call.speechStopped(2_000);

        final List<Command> commands = call.fire(2_500, TimerKind.ENDPOINTING);

        assertEquals(List.of(
            new Command.StartLlm(S, 1, 1, 0,
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("I need a taxi"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 10_500)), commands);
    }

    @Test
    void lateFinalJoinsTheTurnAndRestartsTheStillSilentRequestAsTheNextStep()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "what time");

        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "is it", true),
            new Command.CancelLlm(S, 1, 1),
            new Command.StartLlm(S, 1, 1, 1,
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("what time is it"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 5, 10_700)), call.transcript(2_700, "is it"));
        assertEquals(List.of(), call.transcript(2_800, " "));
        assertEquals(List.of(), call.apply(new Event.LlmDelta(S, 2_900, 1, 1, 0, "It is noon. ")));
        assertEquals(SessionState.THINKING, call.session.state());
        assertEquals(1, call.session.turn());
        assertEquals(1, call.all.stream()
            .filter(c -> c instanceof Command.StartLlm start && start.step() == 0).count());
    }

    @Test
    void lateFinalAfterTheReplyStartedOnlyJoinsTheHistory()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "what time");
        call.delta(2_600, "It is noon. ");

        assertEquals(List.of(new Command.SendTranscript(S, 1, "is it", true)), call.transcript(2_700, "is it"));
        assertEquals(List.of(ChatMessage.system("Be brief."), ChatMessage.user("what time is it")),
            call.session.history());
        assertEquals(1, call.all.stream().filter(c -> c instanceof Command.StartLlm).count());
    }

    @Test
    void duplicateEndOfTurnTimerFiringIsStale()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        final long endpointing = call.timerId(TimerKind.ENDPOINTING);

        assertEquals(List.of(), call.apply(new Event.TimerFired(S, 2_600, TimerKind.ENDPOINTING, endpointing)));
        assertEquals(1, call.session.staleEvents());
        assertEquals(1, call.all.stream().filter(c -> c instanceof Command.StartLlm).count());
    }

    @Test
    void secondTurnGetsItsOwnSingleReplyAfterTheFirstCompletes()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hello");
        call.delta(2_600, "Hi there, how can I help?");
        call.llmDone(2_700);
        call.playAll(2_800);
        assertEquals(SessionState.LISTENING, call.session.state());

        call.userTurn(5_000, "book a room");

        final List<Command.StartLlm> starts = call.all.stream()
            .filter(c -> c instanceof Command.StartLlm).map(c -> (Command.StartLlm)c).toList();
        assertEquals(2, starts.size());
        assertEquals(List.of(1, 2), starts.stream().map(Command.StartLlm::turn).toList());
        assertEquals(List.of(
            ChatMessage.system("Be brief."), ChatMessage.user("hello"),
            ChatMessage.assistant("Hi there, how can I help?"),
            ChatMessage.user("book a room")), starts.get(1).context());
    }
}
