package io.voxgate.orchestrator.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.config.ToolSpec;

import java.util.List;
import java.util.Locale;

/**
 * The JSON body of a streaming {@code POST /chat/completions}: {@code model}, {@code stream: true},
 * {@code stream_options.include_usage}, the messages in the chat format (assistant tool calls as
 * {@code tool_calls}, results as {@code role: "tool"} with {@code tool_call_id}) and the tools as functions.
 */
final class ChatRequestBody
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestBody()
    {
    }

    static String of(final String model, final Double temperature, final List<ChatMessage> context,
        final List<ToolSpec> tools)
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (null != temperature)
        {
            body.put("temperature", temperature);
        }
        final ArrayNode messages = body.putArray("messages");
        for (final ChatMessage message : context)
        {
            final ObjectNode out = messages.addObject();
            out.put("role", message.role().name().toLowerCase(Locale.ROOT));
            out.put("content", message.content());
            if (!message.toolCalls().isEmpty())
            {
                final ArrayNode calls = out.putArray("tool_calls");
                for (final ToolCall call : message.toolCalls())
                {
                    final ObjectNode c = calls.addObject();
                    c.put("id", call.id());
                    c.put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                }
            }
            if (null != message.toolCallId())
            {
                out.put("tool_call_id", message.toolCallId());
            }
        }
        if (!tools.isEmpty())
        {
            final ArrayNode functions = body.putArray("tools");
            for (final ToolSpec tool : tools)
            {
                final ObjectNode function = functions.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                function.put("description", tool.description());
                function.set("parameters", JSON.valueToTree(tool.parameters()));
            }
        }
        return body.toString();
    }
}
