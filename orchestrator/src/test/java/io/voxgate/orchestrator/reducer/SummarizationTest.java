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
 * Behaviour 10: beyond the context budget, older turns are sent for summarization, keeping the last turns
 * verbatim; the summary and facts sheet replace them as a system message.
 */
class SummarizationTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    private static List<Command> turn(final ScriptedCall call, final long at, final String text, final String reply)
    {
        call.userTurn(at, text);
        call.delta(at + 1_600, reply);
        call.llmDone(at + 1_610);
        call.audio(at + 1_700, 0, ScriptedCall.pcm(100));
        call.ttsDone(at + 1_700, 0);
        return call.played(at + 1_800, 0, 100);
    }

    @Test
    void olderTurnsAreSummarizedBeyondTheTurnBudget()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings()
            .contextTurnBudget(2).keepLastTurns(1).build());
        call.start(0);
        turn(call, 1_000, "my name is Bob", "Nice to meet you, Bob.");
        turn(call, 5_000, "I want pizza", "Pizza it is, then.");

        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 3, 3, "Anything else for you?", false),
            new Command.StartTimer(S, TimerKind.IDLE, 11, 20_800),
            new Command.SummarizeContext(S, 1, List.of(
                ChatMessage.user("my name is Bob"), ChatMessage.assistant("Nice to meet you, Bob."),
                ChatMessage.user("I want pizza"), ChatMessage.assistant("Pizza it is, then.")))),
            turn(call, 9_000, "large please", "Anything else for you?"));

        assertEquals(List.of(), call.apply(new Event.SummaryReady(S, 11_000, 1, "Bob ordered a pizza.", "name: Bob")));
        assertEquals(List.of(SYSTEM,
            ChatMessage.system("Summary of the earlier conversation: Bob ordered a pizza.\nFacts: name: Bob"),
            ChatMessage.user("large please"), ChatMessage.assistant("Anything else for you?")), call.session.history());

        call.apply(new Event.SummaryReady(S, 11_100, 1, "again", ""));
        assertEquals(1, call.session.staleEvents());
    }

    @Test
    void tokenBudgetAlsoTriggersSummarization()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings()
            .contextTokenBudget(10).keepLastTurns(1).build());
        call.start(0);
        turn(call, 1_000, "hello", "Hello there, how are you?");

        final List<Command> commands = turn(call, 5_000, "fine thanks, and you?", "Very well, thank you.");
        assertEquals(new Command.SummarizeContext(S, 1, List.of(ChatMessage.user("hello"),
            ChatMessage.assistant("Hello there, how are you?"))), commands.get(commands.size() - 1));
    }
}
