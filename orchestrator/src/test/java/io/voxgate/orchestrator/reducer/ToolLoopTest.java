package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 7: tool calls continue the same turn with their results; speech before the call is kept; barge-in
 * cancels the continuation; the number of tool steps is bounded and ends in a spoken fallback.
 */
class ToolLoopTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");
    private static final ToolCall WEATHER = new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}");

    /** Turn 1 asks for the weather; step 0 says "Let me check." and calls the tool (timers 1-5 used). */
    private static ScriptedCall callingTool(final ScriptedCall call, final ToolCall tool, final List<Command> expected)
    {
        call.start(0);
        call.userTurn(1_000, "weather in Oslo?");
        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 0, "Let me check.")),
            call.delta(2_600, "Let me check. "));
        assertEquals(List.of(), call.toolCall(2_650, tool));
        assertEquals(expected, call.llmDone(2_700));
        assertEquals(SessionState.TOOL_CALLING, call.session.state());
        return call;
    }

    private static ScriptedCall callingWeather()
    {
        return callingTool(new ScriptedCall(ScriptedCall.settings().build()), WEATHER, List.of(
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.ExecuteTool(S, 1, 1, WEATHER, 10_000),
            new Command.StartTimer(S, TimerKind.TOOL, 5, 12_700)));
    }

    @Test
    void serverSideResultContinuesTheSameTurnAndKeepsEarlierSpeech()
    {
        final ScriptedCall call = callingWeather();
        final byte[] audio = ScriptedCall.pcm(100);
        assertEquals(List.of(new Command.PlayAudio(S, 1, 1, 0, 16_000, audio, 100)), call.audio(2_750, 0, audio));
        assertEquals(SessionState.SPEAKING, call.session.state());

        assertEquals(List.of(
            new Command.CancelTimer(S, TimerKind.TOOL, 5),
            new Command.StartLlm(S, 1, 1, 1, List.of(SYSTEM, ChatMessage.user("weather in Oslo?"),
                ChatMessage.assistant("Let me check.", List.of(WEATHER)), ChatMessage.tool("call_1", "{\"temp\":21}"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 6, 10_900)),
            call.apply(new Event.ToolResult(S, 2_900, 1, 1, "call_1", "{\"temp\":21}", false)));

        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 1, "It is 21 degrees in Oslo.")),
            call.delta(3_000, "It is 21 degrees in Oslo. "));
        call.llmDone(3_050);
        call.playAll(3_100);
        assertEquals(List.of(SYSTEM, ChatMessage.user("weather in Oslo?"),
            ChatMessage.assistant("Let me check.", List.of(WEATHER)), ChatMessage.tool("call_1", "{\"temp\":21}"),
            ChatMessage.assistant("It is 21 degrees in Oslo.")), call.session.history());
        assertEquals(SessionState.LISTENING, call.session.state());
    }

    @Test
    void clientSideToolIsRequestedFromTheClientAndAnsweredByIt()
    {
        final ToolCall map = new ToolCall("call_9", "show_map", "{}");
        final ScriptedCall call = callingTool(new ScriptedCall(ScriptedCall.settings()
            .clientTools(List.of("show_map")).build()), map, List.of(
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.RequestClientTool(S, 1, 1, map, 15_000),
            new Command.StartTimer(S, TimerKind.TOOL, 5, 17_700)));

        assertEquals(List.of(), call.apply(new Event.ToolResult(S, 2_800, 1, 1, "call_9", "{}", false)));
        assertEquals(1, call.session.staleEvents());
        assertEquals(3, call.apply(new Event.ClientToolResult(S, 2_900, 1, 1, "call_9", "{\"ok\":true}", false))
            .size());
        assertEquals(SessionState.THINKING, call.session.state());
    }

    @Test
    void toolTimeoutCancelsTheCallAndContinuesWithAnErrorResult()
    {
        final ScriptedCall call = callingWeather();

        assertEquals(List.of(
            new Command.CancelTool(S, 1, 1, "call_1"),
            new Command.StartLlm(S, 1, 1, 1, List.of(SYSTEM, ChatMessage.user("weather in Oslo?"),
                ChatMessage.assistant("Let me check.", List.of(WEATHER)),
                ChatMessage.tool("call_1", "{\"error\":\"timeout\"}"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 6, 20_700)), call.fire(12_700, TimerKind.TOOL));
        assertEquals(List.of(), call.apply(new Event.ToolResult(S, 12_800, 1, 1, "call_1", "{}", false)));
    }

    @Test
    void severalCallsOfOneStepContinueWhenAllHaveAnswered()
    {
        final ToolCall second = new ToolCall("call_2", "get_time", "{}");
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "weather and time?");
        call.toolCall(2_600, WEATHER);
        call.toolCall(2_610, second);
        assertEquals(List.of(
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.ExecuteTool(S, 1, 1, WEATHER, 10_000),
            new Command.ExecuteTool(S, 1, 1, second, 10_000),
            new Command.StartTimer(S, TimerKind.TOOL, 5, 12_700)), call.llmDone(2_700));

        assertEquals(List.of(), call.apply(new Event.ToolResult(S, 2_800, 1, 1, "call_2", "\"noon\"", false)));
        final List<Command> next = call.apply(new Event.ToolResult(S, 2_900, 1, 1, "call_1", "{\"temp\":3}", false));
        assertEquals(new Command.StartLlm(S, 1, 1, 1, List.of(SYSTEM, ChatMessage.user("weather and time?"),
            ChatMessage.assistant(null, List.of(WEATHER, second)), ChatMessage.tool("call_1", "{\"temp\":3}"),
            ChatMessage.tool("call_2", "\"noon\""))), next.get(1));
    }

    @Test
    void toolStepsAreBoundedThenAFallbackIsSpoken()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxToolSteps(1).build());
        call.start(0);
        call.userTurn(1_000, "loop");
        call.toolCall(2_600, WEATHER);
        call.llmDone(2_700);
        call.apply(new Event.ToolResult(S, 2_800, 1, 1, "call_1", "{}", false));
        call.toolCall(2_900, new ToolCall("call_2", "get_weather", "{}"));

        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 0,
            "Sorry, I could not finish that. Is there anything else I can help with?")), call.llmDone(3_000));
        call.playAll(3_100);
        assertEquals(List.of(SYSTEM, ChatMessage.user("loop"), ChatMessage.assistant(null, List.of(WEATHER)),
            ChatMessage.tool("call_1", "{}"),
            ChatMessage.assistant("Sorry, I could not finish that. Is there anything else I can help with?")),
            call.session.history());
    }

    @Test
    void bargeInDuringAToolCallCancelsTheContinuation()
    {
        final ScriptedCall call = callingWeather();
        call.audio(2_750, 0, ScriptedCall.pcm(100));
        call.ttsDone(2_760, 0);
        call.played(2_850, 0, 100);
        assertEquals(SessionState.TOOL_CALLING, call.session.state());
        call.speechStarted(3_000);

        assertEquals(List.of(
            new Command.CancelTool(S, 1, 1, "call_1"),
            new Command.CancelTimer(S, TimerKind.TOOL, 5),
            new Command.SendAssistantMessage(S, 1, 1, "Let me check.", true)),
            call.fire(3_300, TimerKind.INTERRUPTION));
        assertEquals(List.of(), call.apply(new Event.ToolResult(S, 3_400, 1, 1, "call_1", "{}", false)));
        assertEquals(List.of(SYSTEM, ChatMessage.user("weather in Oslo?"), ChatMessage.assistant("Let me check.")),
            call.session.history());
    }
}
