package io.voxgate.orchestrator.provider.config;

import java.util.Map;
import java.util.Objects;

/**
 * A tool the assistant's LLM may call, described as in the OpenAI function-calling format.
 *
 * @param name        the function name.
 * @param description what it does, for the model.
 * @param parameters  its JSON Schema ({@code {type: object, properties: ...}}), immutable.
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters)
{
    /**
     * Validates and copies.
     *
     * @param name        required.
     * @param description {@code null} for none.
     * @param parameters  {@code null} for an empty object schema.
     */
    public ToolSpec
    {
        Objects.requireNonNull(name, "tool name");
        description = null == description ? "" : description;
        parameters = null == parameters ? Map.of("type", "object", "properties", Map.of()) : Map.copyOf(parameters);
    }
}
