package io.voxgate.orchestrator.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the {@code chat.completion.chunk} objects of one streamed completion (choice 0): text deltas (content
 * and refusal), tool-call fragments accumulated by {@code index} (id, type and name on the first fragment,
 * argument strings concatenated), {@code finish_reason} and {@code usage}. Unknown fields are ignored.
 *
 * <p><b>Threading:</b> used by the one thread reading the stream.
 */
final class ChatStreamDecoder
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, PartialCall> calls = new TreeMap<>();
    private String finishReason;
    private long promptTokens = -1;
    private long completionTokens = -1;

    /**
     * Decodes one chunk.
     *
     * @param data the event's data (JSON).
     * @return the chunk's text delta, or {@code null} when it has none.
     * @throws ProviderException {@link ErrorKind#MALFORMED} when it is not a chunk; the vendor's error when the
     *                           stream carries an error object.
     */
    String accept(final String data) throws ProviderException
    {
        final JsonNode chunk;
        try
        {
            chunk = JSON.readTree(data);
        }
        catch (final IOException ex)
        {
            throw new ProviderException(ErrorKind.MALFORMED, "bad chunk JSON: " + abbreviate(data));
        }
        if (null == chunk || !chunk.isObject())
        {
            throw new ProviderException(ErrorKind.MALFORMED, "chunk is not an object: " + abbreviate(data));
        }
        if (chunk.has("error"))
        {
            throw new ProviderException(ErrorKind.SERVER, "error in stream: " +
                chunk.path("error").path("message").asText(abbreviate(data)));
        }
        final JsonNode usage = chunk.path("usage");
        if (usage.isObject())
        {
            promptTokens = usage.path("prompt_tokens").asLong(-1);
            completionTokens = usage.path("completion_tokens").asLong(-1);
        }
        final JsonNode choices = chunk.path("choices");
        if (!choices.isArray())
        {
            throw new ProviderException(ErrorKind.MALFORMED, "chunk without choices: " + abbreviate(data));
        }
        String text = null;
        for (final JsonNode choice : choices)
        {
            if (choice.path("index").asInt(0) != 0)
            {
                continue;
            }
            final JsonNode delta = choice.path("delta");
            text = join(textOf(delta.path("content")), textOf(delta.path("refusal")));
            for (final JsonNode fragment : delta.path("tool_calls"))
            {
                accumulate(fragment, data);
            }
            final JsonNode finish = choice.path("finish_reason");
            if (finish.isTextual())
            {
                finishReason = finish.asText();
            }
        }
        return text;
    }

    /**
     * The {@code finish_reason} of choice 0 once it arrived.
     *
     * @return {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}, {@code function_call}, or
     *     {@code null} while unfinished.
     */
    String finishReason()
    {
        return finishReason;
    }

    /**
     * The accumulated tool calls, in index order.
     *
     * @return the calls.
     * @throws ProviderException {@link ErrorKind#MALFORMED} when a call never got its id or name.
     */
    List<ToolCall> toolCalls() throws ProviderException
    {
        final List<ToolCall> out = new ArrayList<>(calls.size());
        for (final Map.Entry<Integer, PartialCall> entry : calls.entrySet())
        {
            final PartialCall call = entry.getValue();
            if (null == call.id || null == call.name)
            {
                throw new ProviderException(ErrorKind.MALFORMED, "tool call " + entry.getKey() +
                    " without id or name");
            }
            out.add(new ToolCall(call.id, call.name, call.arguments.toString()));
        }
        return out;
    }

    long promptTokens()
    {
        return promptTokens;
    }

    long completionTokens()
    {
        return completionTokens;
    }

    private void accumulate(final JsonNode fragment, final String data) throws ProviderException
    {
        if (!fragment.path("index").canConvertToInt())
        {
            throw new ProviderException(ErrorKind.MALFORMED, "tool call fragment without index: " +
                abbreviate(data));
        }
        final PartialCall call = calls.computeIfAbsent(fragment.path("index").asInt(), (i) -> new PartialCall());
        if (fragment.path("id").isTextual())
        {
            call.id = fragment.path("id").asText();
        }
        final JsonNode function = fragment.path("function");
        if (function.path("name").isTextual())
        {
            call.name = function.path("name").asText();
        }
        if (function.path("arguments").isTextual())
        {
            call.arguments.append(function.path("arguments").asText());
        }
    }

    private static String textOf(final JsonNode node)
    {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static String join(final String a, final String b)
    {
        return null == a ? b : null == b ? a : a + b;
    }

    private static String abbreviate(final String data)
    {
        return data.length() <= 120 ? data : data.substring(0, 120) + "...";
    }

    /** A tool call being accumulated. */
    private static final class PartialCall
    {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
