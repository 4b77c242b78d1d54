package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Command;

/**
 * The backend side of one call: executes the reducer's provider commands and answers with events through its
 * {@link EventPoster}.
 *
 * <p><b>Threading:</b> every method is called on the orchestrator thread, synchronously, and must not block. A
 * backend that does I/O starts it here and answers later from its own threads through its {@link EventPoster}; a
 * built-in backend may answer at once (its events are queued and applied after the current event, never
 * re-entrantly).
 */
public interface BackendSession
{
    /**
     * One analysed frame of caller audio (after the DSP stage), e.g. for recording or streaming to an ASR. Called
     * for every media slot of the call: must not allocate.
     *
     * @param slot the slot: μ-law payload, 16 kHz PCM16 and VAD flags; valid only during the call.
     */
    default void onCallerAudio(final IngressSlot slot)
    {
    }

    /**
     * Executes one provider command (ASR, LLM, TTS, tool, transcript, summary commands).
     *
     * @param command the command.
     * @param nowMs   the session clock now, for the timestamps of answers given at once.
     * @return true when the backend handled it, false when it has no use for this kind (counted as ignored).
     */
    boolean execute(Command command, long nowMs);

    /**
     * The call is over: release what the session holds. No further call follows.
     */
    default void close()
    {
    }
}
