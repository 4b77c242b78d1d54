package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;

/**
 * An assistant the pipeline can run: its orchestrator settings and, per call, the {@link BackendSession} that
 * executes the reducer's provider commands (ASR, LLM, TTS, tools). The built-in {@link ParrotAssistant} and
 * {@link ToneAssistant} are backends; provider-backed assistants will be too.
 *
 * <p>Immutable and shared by all calls; {@link #open} is called on the orchestrator thread when a call starts.
 */
public interface AssistantBackend
{
    /**
     * @return the name calls select it by (e.g. {@code parrot}).
     */
    String name();

    /**
     * @return the orchestrator settings of its calls.
     */
    AssistantSettings settings();

    /**
     * Opens the backend side of one call.
     *
     * @param sessionId the orchestrator session ID every event must carry.
     * @param events    where the session's answers go.
     * @return the call's backend session.
     */
    BackendSession open(String sessionId, EventPoster events);
}
