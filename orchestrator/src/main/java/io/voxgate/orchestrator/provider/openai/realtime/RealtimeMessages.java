package io.voxgate.orchestrator.provider.openai.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.provider.config.ToolSpec;

import java.util.Arrays;
import java.util.Base64;

/**
 * The client events this adapter sends, in the GA shape (protocols.md sections 5.1 and 5.2). Stateless.
 */
final class RealtimeMessages
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealtimeMessages()
    {
    }

    /**
     * {@code session.update}: μ-law in and out, caller transcription, turn detection as configured (never creating
     * or interrupting responses on its own: the reducer decides when to answer and when the caller barged in).
     */
    static String sessionUpdate(final RealtimeSettings settings)
    {
        final ObjectNode root = JSON.createObjectNode().put("type", "session.update");
        final ObjectNode session = root.putObject("session");
        session.put("type", "realtime").put("model", settings.model());
        if (null != settings.instructions())
        {
            session.put("instructions", settings.instructions());
        }
        session.putArray("output_modalities").add("audio");
        final ObjectNode audio = session.putObject("audio");
        final ObjectNode input = audio.putObject("input");
        input.putObject("format").put("type", "audio/pcmu");
        if (null != settings.transcriptionModel())
        {
            input.putObject("transcription").put("model", settings.transcriptionModel());
        }
        if (settings.serverVad())
        {
            input.putObject("turn_detection").put("type", "server_vad").put("threshold", settings.vadThreshold())
                .put("prefix_padding_ms", settings.prefixPaddingMs())
                .put("silence_duration_ms", settings.silenceDurationMs())
                .put("create_response", false).put("interrupt_response", false);
        }
        else
        {
            input.putNull("turn_detection");
        }
        audio.putObject("output").put("voice", settings.voice()).putObject("format").put("type", "audio/pcmu");
        if (!settings.tools().isEmpty())
        {
            final ArrayNode tools = session.putArray("tools");
            for (final ToolSpec tool : settings.tools())
            {
                final ObjectNode function = tools.addObject().put("type", "function").put("name", tool.name());
                if (null != tool.description())
                {
                    function.put("description", tool.description());
                }
                function.set("parameters", JSON.valueToTree(tool.parameters()));
            }
            session.put("tool_choice", "auto");
        }
        return root.toString();
    }

    /** {@code session.update} changing only the instructions. */
    static String instructions(final String instructions)
    {
        final ObjectNode root = JSON.createObjectNode().put("type", "session.update");
        root.putObject("session").put("type", "realtime").put("instructions", instructions);
        return root.toString();
    }

    /** {@code input_audio_buffer.append} with base64 μ-law. */
    static String append(final byte[] muLaw, final int length)
    {
        final byte[] exact = length == muLaw.length ? muLaw : Arrays.copyOf(muLaw, length);
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(exact) +
            "\"}";
    }

    /** {@code input_audio_buffer.commit}. */
    static String commit()
    {
        return "{\"type\":\"input_audio_buffer.commit\"}";
    }

    /** {@code response.create}. */
    static String responseCreate()
    {
        return "{\"type\":\"response.create\"}";
    }

    /** {@code response.cancel} of one response. */
    static String responseCancel(final String responseId)
    {
        final ObjectNode root = JSON.createObjectNode().put("type", "response.cancel");
        if (null != responseId)
        {
            root.put("response_id", responseId);
        }
        return root.toString();
    }

    /** {@code conversation.item.truncate} of an assistant audio item at what the caller heard. */
    static String truncate(final String itemId, final long audioEndMs)
    {
        return JSON.createObjectNode().put("type", "conversation.item.truncate").put("item_id", itemId)
            .put("content_index", 0).put("audio_end_ms", audioEndMs).toString();
    }

    /** {@code conversation.item.create} of a tool result. */
    static String functionOutput(final String callId, final String output)
    {
        final ObjectNode root = JSON.createObjectNode().put("type", "conversation.item.create");
        root.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", output);
        return root.toString();
    }
}
