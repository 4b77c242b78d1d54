package io.voxgate.server.history;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The JSON objects of the history API (one per item, one per finalization), shared by the HTTP and the JSON-lines
 * sinks; {@code docs/HISTORY.md} is their schema. Every object carries {@code type} and {@code sessionId}; items
 * also {@code seq}. Tool arguments and results stay JSON <em>text</em> in a string field: models write invalid
 * JSON at times, and history must not lose it.
 *
 * <p>Stateless and thread-safe (called on the history worker).
 */
public final class HistoryJson
{
    /** {@code type} of item 0. */
    public static final String CALL_STARTED = "call.started";
    /** {@code type} of a user transcript or typed text. */
    public static final String USER_TRANSCRIPT = "transcript.user";
    /** {@code type} of an assistant message. */
    public static final String ASSISTANT_MESSAGE = "message.assistant";
    /** {@code type} of a tool call. */
    public static final String TOOL_CALL = "tool.call";
    /** {@code type} of a tool result. */
    public static final String TOOL_RESULT = "tool.result";
    /** {@code type} of a finalization. */
    public static final String CALL_FINALIZED = "call.finalized";

    private static final JsonFactory FACTORY = new JsonFactory();

    private HistoryJson()
    {
    }

    /**
     * Encodes an item.
     *
     * @param item the item.
     * @return one JSON object, no line breaks.
     */
    public static String item(final HistoryItem item)
    {
        final StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out))
        {
            json.writeStartObject();
            switch (item)
            {
                case HistoryItem.CallStarted start ->
                {
                    head(json, CALL_STARTED, item);
                    json.writeStringField("callSid", start.callSid());
                    json.writeStringField("accountSid", start.accountSid());
                    json.writeStringField("assistant", start.assistant());
                    parameters(json, start.customParameters());
                }
                case HistoryItem.UserTranscript user ->
                {
                    head(json, USER_TRANSCRIPT, item);
                    json.writeNumberField("turn", user.turn());
                    json.writeStringField("text", user.text());
                }
                case HistoryItem.AssistantMessage message ->
                {
                    head(json, ASSISTANT_MESSAGE, item);
                    json.writeNumberField("turn", message.turn());
                    json.writeNumberField("runId", message.runId());
                    json.writeStringField("text", message.text());
                    json.writeBooleanField("interrupted", message.interrupted());
                }
                case HistoryItem.ToolCalled call ->
                {
                    head(json, TOOL_CALL, item);
                    json.writeNumberField("turn", call.turn());
                    json.writeNumberField("runId", call.runId());
                    json.writeStringField("callId", call.callId());
                    json.writeStringField("name", call.name());
                    json.writeStringField("argumentsJson", call.argumentsJson());
                    json.writeStringField("side", call.clientSide() ? "client" : "server");
                }
                case HistoryItem.ToolResulted result ->
                {
                    head(json, TOOL_RESULT, item);
                    json.writeNumberField("turn", result.turn());
                    json.writeNumberField("runId", result.runId());
                    json.writeStringField("callId", result.callId());
                    json.writeStringField("resultJson", result.resultJson());
                    json.writeBooleanField("error", result.error());
                    json.writeStringField("side", result.clientSide() ? "client" : "server");
                }
            }
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("a StringWriter does not fail", ex);
        }
        return out.toString();
    }

    /**
     * Encodes a finalization.
     *
     * @param end the finalization.
     * @return one JSON object, no line breaks.
     */
    public static String finalization(final Finalization end)
    {
        final CallSummary call = end.summary();
        final StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out))
        {
            json.writeStartObject();
            json.writeStringField("type", CALL_FINALIZED);
            json.writeStringField("sessionId", call.sessionId());
            json.writeStringField("callSid", call.callSid());
            json.writeStringField("accountSid", call.accountSid());
            json.writeStringField("assistant", call.assistant());
            parameters(json, call.customParameters());
            json.writeNumberField("startedAt", call.startedEpochMs());
            json.writeNumberField("endedAt", call.endedEpochMs());
            json.writeStringField("endReason", call.endReason());
            json.writeNumberField("items", call.items());
            json.writeNumberField("dropped", call.dropped());
            json.writeNumberField("failed", end.failed());
            json.writeNumberField("missing", end.missing());
            json.writeNumberField("delivered", end.delivered());
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("a StringWriter does not fail", ex);
        }
        return out.toString();
    }

    private static void head(final JsonGenerator json, final String type, final HistoryItem item) throws IOException
    {
        json.writeStringField("type", type);
        json.writeStringField("sessionId", item.sessionId());
        json.writeNumberField("seq", item.seq());
        json.writeNumberField("ts", item.epochMs());
    }

    private static void parameters(final JsonGenerator json, final Map<String, String> parameters) throws IOException
    {
        json.writeObjectFieldStart("customParameters");
        for (final Map.Entry<String, String> parameter : parameters.entrySet())
        {
            json.writeStringField(parameter.getKey(), parameter.getValue());
        }
        json.writeEndObject();
    }
}
