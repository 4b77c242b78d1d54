package io.voxgate.orchestrator.model;

/**
 * The author of a {@link ChatMessage}, as in the OpenAI chat format.
 */
public enum Role
{
    /** Instructions, and summaries of older turns. */
    SYSTEM,
    /** The caller. */
    USER,
    /** The agent: what the caller heard, and the tool calls it made. */
    ASSISTANT,
    /** A tool's result, answering one tool call. */
    TOOL
}
