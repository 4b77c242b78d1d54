package io.voxgate.orchestrator.provider.config;

import java.util.Map;
import java.util.Objects;

/**
 * A tool the assistant's LLM may call, described as in the OpenAI function-calling format, and where it runs: on the
 * server (an in-process tool by name, or an HTTP endpoint when {@code url} is set) or on the client
 * ({@code execution: client}; the orchestrator then waits {@code clientToolTimeoutMs} for the client's result).
 *
 * <pre>
 * tools:
 *   - {name: check_availability, description: ..., parameters: {type: object, properties: {...}}}
 *   - {name: book_room, url: "https://api.example.com/rooms/{{day}}", method: POST, timeoutMs: 5000,
 *      headers: {Authorization: "Bearer ..."}}
 *   - {name: show_map, execution: client}
 * </pre>
 *
 * @param name        the function name.
 * @param description what it does, for the model.
 * @param parameters  its JSON Schema ({@code {type: object, properties: ...}}), immutable.
 * @param execution   {@link #SERVER} or {@link #CLIENT}.
 * @param url         the HTTP endpoint of a server-side HTTP tool, or {@code null} for an in-process or client tool.
 * @param method      the HTTP method of an HTTP tool ({@code POST} by default).
 * @param timeoutMs   an HTTP tool's own timeout; 0 for the assistant's {@code toolTimeoutMs}.
 * @param headers     extra HTTP headers of an HTTP tool, immutable.
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters, String execution, String url,
    String method, long timeoutMs, Map<String, String> headers)
{
    /** Runs on the server. */
    public static final String SERVER = "server";
    /** Runs on the client (e.g. the browser), which sends back its result. */
    public static final String CLIENT = "client";

    /**
     * Validates and copies.
     *
     * @param name        required.
     * @param description {@code null} for none.
     * @param parameters  {@code null} for an empty object schema.
     * @param execution   {@code null} for {@link #SERVER}.
     * @param url         {@code null} unless an HTTP tool.
     * @param method      {@code null} for {@code POST}.
     * @param timeoutMs   0 for the assistant's tool timeout.
     * @param headers     {@code null} for none.
     */
    public ToolSpec
    {
        Objects.requireNonNull(name, "tool name");
        description = null == description ? "" : description;
        parameters = null == parameters ? Map.of("type", "object", "properties", Map.of()) : Map.copyOf(parameters);
        execution = null == execution ? SERVER : execution;
        if (!SERVER.equals(execution) && !CLIENT.equals(execution))
        {
            throw new IllegalArgumentException("tool " + name + ": execution must be server or client");
        }
        method = null == method ? "POST" : method;
        headers = null == headers ? Map.of() : Map.copyOf(headers);
    }

    /**
     * A server-side tool without an HTTP endpoint (an in-process tool).
     *
     * @param name        required.
     * @param description {@code null} for none.
     * @param parameters  {@code null} for an empty object schema.
     */
    public ToolSpec(final String name, final String description, final Map<String, Object> parameters)
    {
        this(name, description, parameters, SERVER, null, null, 0, null);
    }

    /**
     * @return whether the client executes it.
     */
    public boolean isClientSide()
    {
        return CLIENT.equals(execution);
    }

    /**
     * @return whether it is a server-side HTTP tool.
     */
    public boolean isHttp()
    {
        return null != url && !isClientSide();
    }
}
