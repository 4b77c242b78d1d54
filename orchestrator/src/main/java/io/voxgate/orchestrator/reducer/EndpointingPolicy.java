package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.AssistantSettings;

/**
 * When the caller's turn ends: {@code minEndpointingDelayMs} of silence once a final transcript (or a DTMF digit)
 * exists, at most {@code maxEndpointingDelayMs} of silence without one. A short, wordless barge-in (a possible
 * false interruption) is also decided after the minimum delay, so the interrupted reply resumes quickly.
 */
final class EndpointingPolicy
{
    private EndpointingPolicy()
    {
    }

    /**
     * The due time of the end of turn.
     *
     * @param settings          the assistant's settings.
     * @param speechStopMs      when the caller's speech stopped.
     * @param hasFinal          whether the turn has final text.
     * @param falseInterruption whether the turn may be a false interruption.
     * @return the session time at which the turn ends if the caller stays silent.
     */
    static long dueAt(final AssistantSettings settings, final long speechStopMs, final boolean hasFinal,
        final boolean falseInterruption)
    {
        return speechStopMs + (hasFinal || falseInterruption ?
            settings.minEndpointingDelayMs() : settings.maxEndpointingDelayMs());
    }

    /**
     * Whether a wordless turn after a barge-in is a false interruption: speech stopped within
     * {@code falseInterruptionTimeoutMs} of its start.
     *
     * @param session the session.
     * @return true when resuming applies.
     */
    static boolean isFalseInterruption(final Session session)
    {
        return null != session.resume && session.userWords == 0 && !session.userFinal &&
            session.interruptionSpeechMs < session.settings.falseInterruptionTimeoutMs();
    }
}
