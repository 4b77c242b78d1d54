package io.voxgate.server.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;

import java.util.HashMap;
import java.util.Map;

/**
 * The orchestrator-side half of a client (browser/app) session: turns what the orchestrator decides into the
 * session's typed events (speech edges, transcripts, assistant text, client tool calls, end of reply audio), queued
 * on the egress ring so they reach the client in order with the reply audio, and turns the client's inputs into
 * reducer events. It remembers which client-side tool calls are awaited, so a result for any other call is refused.
 *
 * <p>Allocates per event (strings), which is fine: these are per turn, not per audio frame; phone calls never have
 * one. <b>Threading:</b> owned by the orchestrator thread, one instance per client session.
 */
final class ClientEvents
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EgressRing egress;
    /** Awaited client tool calls: call ID → {run ID, turn}. */
    private final Map<String, long[]> awaitedCalls = new HashMap<>();

    ClientEvents(final EgressRing egress)
    {
        this.egress = egress;
    }

    void speechEdges(final int index, final int edges, final boolean speechNow)
    {
        final boolean started = (edges & IngressSlot.VAD_STARTED) != 0;
        final boolean stopped = (edges & IngressSlot.VAD_STOPPED) != 0;
        if (started && stopped)
        {
            // Both edges in one slot: the state now tells which came last.
            send(index, speechNow ? "input.speech_stopped" : "input.speech_started", "");
            send(index, speechNow ? "input.speech_started" : "input.speech_stopped", "");
        }
        else
        {
            send(index, started ? "input.speech_started" : "input.speech_stopped", "");
        }
    }

    void assistantDelta(final int index, final Event.LlmDelta delta, final long nowNanos)
    {
        if (!delta.text().isEmpty())
        {
            send(index, "assistant.text.delta", "\"turn\":" + delta.turn() + ",\"text\":" + quote(delta.text()));
        }
    }

    void command(final int index, final Command command, final long nowNanos)
    {
        switch (command)
        {
            case Command.SendTranscript transcript -> send(index,
                transcript.isFinal() ? "transcript.final" : "transcript.delta",
                "\"turn\":" + transcript.turn() + ",\"text\":" + quote(transcript.text()));
            case Command.SendAssistantMessage message ->
            {
                if (!message.interrupted())
                {
                    send(index, "output.audio.end", "\"turn\":" + message.turn());
                }
                send(index, "assistant.text.final", "\"turn\":" + message.turn() + ",\"text\":" +
                    quote(message.text()) + ",\"interrupted\":" + message.interrupted());
            }
            case Command.RequestClientTool request ->
            {
                final ToolCall call = request.call();
                awaitedCalls.put(call.id(), new long[]{request.runId(), request.turn()});
                final String arguments = jsonOrQuoted(call.argumentsJson());
                send(index, "assistant.tool_call", "\"callId\":" + quote(call.id()) + ",\"name\":" +
                    quote(call.name()) + ",\"arguments\":" + arguments);
            }
            case Command.CancelTool cancel -> awaitedCalls.remove(cancel.callId());
            default ->
            {
                // Audio, clear and hang-up reach the client through the egress stage itself.
            }
        }
    }

    /**
     * The reducer event for a client input, or {@code null} when there is none (an unknown tool call, reported to
     * the client as an {@code error}).
     */
    Event toEvent(final int index, final String sessionId, final long atMs, final ClientInput input,
        final long nowNanos)
    {
        return switch (input)
        {
            case ClientInput.Text text -> new Event.UserText(sessionId, atMs, text.text());
            case ClientInput.Cancel ignored -> new Event.CancelResponse(sessionId, atMs);
            case ClientInput.ToolResult result ->
            {
                final long[] runAndTurn = awaitedCalls.remove(result.callId());
                if (null == runAndTurn)
                {
                    send(index, "error", "\"code\":\"unknown_tool_call\",\"message\":" +
                        quote("no tool call " + result.callId() + " is awaited") + ",\"fatal\":false");
                    yield null;
                }
                yield new Event.ClientToolResult(sessionId, atMs, runAndTurn[0], (int)runAndTurn[1],
                    result.callId(), result.resultJson(), result.error());
            }
        };
    }

    private void send(final int index, final String type, final String fields)
    {
        // A full egress ring drops the event; the ring counts it (egress drops).
        egress.tryEvent(index, type, fields, 0L);
    }

    /**
     * The model's arguments as they stand when they are JSON, else as a JSON string: a model can stream malformed
     * arguments, and pasting them in would make the whole event unreadable for the client.
     */
    static String jsonOrQuoted(final String argumentsJson)
    {
        if (null == argumentsJson || argumentsJson.isBlank())
        {
            return "{}";
        }
        try
        {
            JSON.readTree(argumentsJson);
            return argumentsJson;
        }
        catch (final JsonProcessingException ex)
        {
            return quote(argumentsJson);
        }
    }

    static String quote(final String text)
    {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
