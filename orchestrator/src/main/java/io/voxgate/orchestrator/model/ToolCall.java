package io.voxgate.orchestrator.model;

import java.util.Objects;

/**
 * A tool call requested by the LLM.
 *
 * @param id            the provider's call ID (e.g. {@code call_q7}), echoed by results.
 * @param name          the tool's name.
 * @param argumentsJson the arguments, JSON text as the model produced it.
 */
public record ToolCall(String id, String name, String argumentsJson)
{
    /**
     * The built-in tool that ends the call: when the LLM calls it, the reducer lets the text of that step play to
     * its end (uninterruptible, like any goodbye) and then hangs up with reason {@code end_call}; it is never
     * executed. Offer it to the model by listing a tool of this name (no parameters needed).
     */
    public static final String END_CALL = "end_call";

    /**
     * Validates the components.
     *
     * @param id            the call ID, non-null.
     * @param name          the tool name, non-null.
     * @param argumentsJson the arguments, non-null.
     */
    public ToolCall
    {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
}
