package io.voxgate.orchestrator.model;

import java.util.List;

/**
 * One message of the conversation the LLM sees, shaped like the OpenAI chat format.
 *
 * @param role       who wrote it.
 * @param content    the text; {@code null} for an assistant message that only calls tools.
 * @param toolCalls  the tool calls of an assistant message, otherwise empty.
 * @param toolCallId the call a {@link Role#TOOL} message answers, otherwise {@code null}.
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId)
{
    /**
     * Makes the tool calls immutable.
     *
     * @param role       who wrote it.
     * @param content    the text.
     * @param toolCalls  the tool calls ({@code null} means none).
     * @param toolCallId the answered call.
     */
    public ChatMessage
    {
        toolCalls = null == toolCalls ? List.of() : List.copyOf(toolCalls);
    }

    /**
     * A system message.
     *
     * @param content the text.
     * @return the message.
     */
    public static ChatMessage system(final String content)
    {
        return new ChatMessage(Role.SYSTEM, content, List.of(), null);
    }

    /**
     * A user message.
     *
     * @param content the text.
     * @return the message.
     */
    public static ChatMessage user(final String content)
    {
        return new ChatMessage(Role.USER, content, List.of(), null);
    }

    /**
     * An assistant message without tool calls.
     *
     * @param content the text.
     * @return the message.
     */
    public static ChatMessage assistant(final String content)
    {
        return new ChatMessage(Role.ASSISTANT, content, List.of(), null);
    }

    /**
     * An assistant message with tool calls.
     *
     * @param content   the text spoken before the calls, or {@code null}.
     * @param toolCalls the calls.
     * @return the message.
     */
    public static ChatMessage assistant(final String content, final List<ToolCall> toolCalls)
    {
        return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
    }

    /**
     * A tool result message.
     *
     * @param toolCallId the answered call.
     * @param content    the result (JSON text).
     * @return the message.
     */
    public static ChatMessage tool(final String toolCallId, final String content)
    {
        return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
    }
}
