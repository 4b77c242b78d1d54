package io.voxgate.server.assistant;

import io.voxgate.orchestrator.provider.config.AssistantConfig;

/**
 * Where assistant configurations come from, as the call side sees it (the port of the control plane): the local
 * directory ({@link LocalAssistantSource}) or a backend over HTTP ({@link HttpAssistantSource}). Calls never depend on
 * how a configuration is fetched, only on this interface; {@link AssistantDirectory} caches what it returns.
 *
 * <p><b>Threading:</b> {@link #fetch} may block on I/O and is only called on I/O threads (never on a Netty event loop
 * or the orchestrator thread); implementations are thread-safe.
 */
public interface AssistantConfigSource
{
    /**
     * Fetches one assistant's configuration, validated.
     *
     * @param id the assistant's ID.
     * @return the configuration, or {@code null} when the source has no assistant of that ID.
     * @throws AssistantFetchException when the source failed (unreachable, timed out, an error status, or a body
     *                                 that is not a valid assistant).
     */
    AssistantConfig fetch(String id) throws AssistantFetchException;

    /**
     * @return what the source is, for logs (e.g. {@code http://backend:8000/assistants}).
     */
    String describe();
}
