package io.voxgate.orchestrator.provider.scripted;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.AssistantConfigReader;
import io.voxgate.orchestrator.provider.config.ScriptConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptedLlmTest
{
    private static final AssistantConfig CONCIERGE =
        new AssistantConfigReader().read(Path.of("..", "config", "assistants"), "concierge");

    private final RecordingSink sink = new RecordingSink();
    private final LlmSession session = new ScriptedLlm(CONCIERGE.script())
        .open(new CallContext("s", sink, CONCIERGE.variablesFor(Map.of())));

    @Test
    void keywordIntentRepliesWithTemplatedTextInWordDeltasThenDone()
    {
        sink.nowMs(5);
        session.start(start(3, 1, 0, ChatMessage.user("When is breakfast?")));
        assertEquals(List.of(
            delta(3, 1, "Breakfast "), delta(3, 1, "is "), delta(3, 1, "served "), delta(3, 1, "from "),
            delta(3, 1, "seven "), delta(3, 1, "to "), delta(3, 1, "ten "), delta(3, 1, "in "), delta(3, 1, "the "),
            delta(3, 1, "Lighthouse "), delta(3, 1, "Restaurant."),
            new Event.LlmDone("s", 5, 3, 1, 0)), sink.drain());
    }

    @Test
    void regexGroupBecomesTheToolArgument()
    {
        session.start(start(4, 2, 0, ChatMessage.user("Is a room free on Friday?")));
        assertEquals(List.of(
            new Event.LlmToolCall("s", 0, 4, 2, 0,
                new ToolCall("call_4_0", "check_availability", "{\"day\":\"friday\"}")),
            new Event.LlmDone("s", 0, 4, 2, 0)), sink.drain());
    }

    @Test
    void keywordWithoutDayUsesTheDefaultVariable()
    {
        session.start(start(4, 2, 0, ChatMessage.user("Do you have a room?")));
        assertEquals(new ToolCall("call_4_0", "check_availability", "{\"day\":\"tonight\"}"),
            ((Event.LlmToolCall)sink.drain().getFirst()).call());
    }

    @Test
    void toolResultFieldsFillTheToolReply()
    {
        final ToolCall call = new ToolCall("call_4_0", "check_availability", "{\"day\":\"friday\"}");
        session.start(new Command.StartLlm("s", 4, 2, 1, List.of(ChatMessage.user("A room on Friday?"),
            ChatMessage.assistant(null, List.of(call)),
            ChatMessage.tool("call_4_0",
                "{\"available\":true,\"message\":\"We have 3 rooms available on friday.\"}"))));
        assertEquals("We have 3 rooms available on friday. Shall I reserve one for you?", text(sink.drain(), 4));
        assertEquals(new Event.LlmDone("s", 0, 4, 2, 1), sink.events().getLast());
    }

    @Test
    void failedToolGetsTheFallbackLine()
    {
        final ToolCall call = new ToolCall("call_4_0", "check_availability", "{}");
        session.start(new Command.StartLlm("s", 4, 2, 1, List.of(ChatMessage.user("A room?"),
            ChatMessage.assistant(null, List.of(call)), ChatMessage.tool("call_4_0", "{\"error\":\"boom\"}"))));
        assertEquals("I am sorry, I did not catch that. Could you say it again?", text(sink.drain(), 4));
    }

    @Test
    void transcriptLessTurnsFollowTheSequenceThenTheFallback()
    {
        final List<ChatMessage> context = new ArrayList<>(List.of(ChatMessage.system("prompt")));
        context.add(ChatMessage.user(""));
        session.start(new Command.StartLlm("s", 1, 1, 0, List.copyOf(context)));
        assertEquals(new ToolCall("call_1_0", "check_availability", "{\"day\":\"tomorrow\"}"),
            ((Event.LlmToolCall)sink.drain().getFirst()).call());
        context.add(ChatMessage.assistant("We have 3 rooms available tomorrow."));
        context.add(ChatMessage.user(""));
        session.start(new Command.StartLlm("s", 2, 2, 0, List.copyOf(context)));
        assertEquals("Wonderful. The room is reserved under this phone number. Is there anything else I can do " +
            "for you?", text(sink.drain(), 2));
        context.add(ChatMessage.user(""));
        session.start(new Command.StartLlm("s", 3, 3, 0, List.copyOf(context)));
        assertEquals("Thank you for calling Harbor View Hotel. Goodbye!", text(sink.drain(), 3));
        context.add(ChatMessage.user(""));
        session.start(new Command.StartLlm("s", 4, 4, 0, List.copyOf(context)));
        assertEquals("I am sorry, I did not catch that. Could you say it again?", text(sink.drain(), 4));
    }

    @Test
    void endCallIntentSaysItsReplyThenCallsEndCallInTheSameStep()
    {
        sink.nowMs(5);
        session.start(start(8, 4, 0, ChatMessage.user("No thanks, bye.")));
        final List<Event> events = sink.drain();
        assertEquals("Thank you for calling Harbor View Hotel. Goodbye!", text(events, 8));
        assertEquals(List.of(
            new Event.LlmToolCall("s", 5, 8, 4, 0, new ToolCall("call_8_0", ToolCall.END_CALL, "{}")),
            new Event.LlmDone("s", 5, 8, 4, 0)), events.subList(events.size() - 2, events.size()));
    }

    @Test
    void endCallAfterAToolEndsTheCallOnceTheToolReplyIsSaid()
    {
        final ScriptConfig script = new ScriptConfig(List.of(new ScriptConfig.Intent("checkout", List.of("checkout"),
            null, null, new ScriptConfig.ToolInvocation("check_out", Map.of()), "{{result.message}} Goodbye!", true)),
            List.of(), null);
        final LlmSession checkout = new ScriptedLlm(script).open(new CallContext("s", sink, Map.of()));
        checkout.start(start(2, 1, 0, ChatMessage.user("checkout please")));
        assertEquals(List.of(new Event.LlmToolCall("s", 0, 2, 1, 0, new ToolCall("call_2_0", "check_out", "{}")),
            new Event.LlmDone("s", 0, 2, 1, 0)), sink.drain(), "the intent's own tool first, no end_call yet");

        final ToolCall call = new ToolCall("call_2_0", "check_out", "{}");
        checkout.start(new Command.StartLlm("s", 2, 1, 1, List.of(ChatMessage.user("checkout please"),
            ChatMessage.assistant(null, List.of(call)), ChatMessage.tool("call_2_0", "{\"message\":\"Done.\"}"))));
        final List<Event> events = sink.drain();
        assertEquals("Done. Goodbye!", text(events, 2));
        assertEquals(List.of(
            new Event.LlmToolCall("s", 0, 2, 1, 1, new ToolCall("call_2_1", ToolCall.END_CALL, "{}")),
            new Event.LlmDone("s", 0, 2, 1, 1)), events.subList(events.size() - 2, events.size()));
    }

    @Test
    void intentsWithoutEndCallNeverCallIt()
    {
        session.start(start(3, 1, 0, ChatMessage.user("When is breakfast?")));
        session.start(start(4, 2, 0, ChatMessage.user("What is the meaning of life?")));
        assertTrue(sink.drain().stream().noneMatch(Event.LlmToolCall.class::isInstance));
    }

    @Test
    void unmatchedWordsGetTheFallback()
    {
        session.start(start(9, 5, 0, ChatMessage.user("What is the meaning of life?")));
        assertEquals("I am sorry, I did not catch that. Could you say it again?", text(sink.drain(), 9));
    }

    @Test
    void cancelledRunPublishesNothing()
    {
        session.cancel(6);
        session.start(start(6, 1, 0, ChatMessage.user("goodbye")));
        session.start(start(7, 2, 0, ChatMessage.user("goodbye")));
        assertEquals(List.of(7L), sink.drain().stream().map((e) -> ((Event.RunEvent)e).runId()).distinct().toList());
    }

    private static Command.StartLlm start(final long runId, final int turn, final int step, final ChatMessage user)
    {
        return new Command.StartLlm("s", runId, turn, step, List.of(ChatMessage.system("prompt"), user));
    }

    private static Event.LlmDelta delta(final long runId, final int turn, final String text)
    {
        return new Event.LlmDelta("s", 5, runId, turn, 0, text);
    }

    private static String text(final List<Event> events, final long runId)
    {
        final StringBuilder out = new StringBuilder();
        for (final Event event : events)
        {
            if (event instanceof Event.LlmDelta delta && delta.runId() == runId)
            {
                out.append(delta.text());
            }
        }
        return out.toString();
    }
}
