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
