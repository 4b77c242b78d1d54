package io.voxgate.orchestrator.provider;

import java.util.Map;
import java.util.Objects;

/**
 * What a provider session knows of its call: the session ID its events carry, where they go, and the call's
 * dynamic variables (assistant defaults overlaid with the transport's custom parameters), for templates.
 *
 * @param sessionId the orchestrator session ID every event must carry.
 * @param events    where the session's events go.
 * @param variables the call's dynamic variables, immutable.
 */
public record CallContext(String sessionId, EventSink events, Map<String, String> variables)
{
    /**
     * Validates and copies.
     *
     * @param sessionId the session ID.
     * @param events    the sink.
     * @param variables the variables ({@code null} for none).
     */
    public CallContext
    {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(events, "events");
        variables = null == variables ? Map.of() : Map.copyOf(variables);
    }
}
