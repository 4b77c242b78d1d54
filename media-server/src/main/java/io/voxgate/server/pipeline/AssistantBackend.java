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
     * The orchestrator settings of one call, which may depend on how it started (e.g. templates filled from its
     * custom parameters). Called on the orchestrator thread when the call starts.
     *
     * @param start what the transport learned from the call's start.
     * @return the call's settings; {@link #settings()} unless the backend personalises them.
     */
    default AssistantSettings settingsFor(final CallStart start)
    {
        return settings();
    }

    /**
     * Whether this assistant reads the caller's audio as 16 kHz PCM ({@link IngressSlot#pcm16kOffset()}), e.g. for a
     * linear16 ASR. Only then does the DSP stage upsample a phone call's audio; everyone else reads the 8 kHz μ-law
     * payload (or nothing). Asked once per call, from the DSP thread.
     *
     * @return true if the assistant needs 16 kHz PCM; false by default.
     */
    default boolean needsWidebandAudio()
    {
        return false;
    }

    /**
     * Opens the backend side of one call.
     *
     * @param sessionId the orchestrator session ID every event must carry.
     * @param events    where the session's answers go.
     * @return the call's backend session.
     */
    BackendSession open(String sessionId, EventPoster events);

    /**
     * Opens the backend side of one call, knowing how it started (its custom parameters, e.g. for per-call
     * variables). Called on the orchestrator thread when the call starts.
     *
     * @param start     what the transport learned from the call's start.
     * @param sessionId the orchestrator session ID every event must carry.
     * @param events    where the session's answers go.
     * @return the call's backend session; {@link #open(String, EventPoster)} unless the backend uses the start.
     */
    default BackendSession open(final CallStart start, final String sessionId, final EventPoster events)
    {
        return open(sessionId, events);
    }
}
