package io.voxgate.orchestrator.model;

/**
 * The timers a session uses; at most one of each kind is pending at a time.
 */
public enum TimerKind
{
    /** End of the caller's turn: silence after speech, min/max endpointing delay. */
    ENDPOINTING,
    /** Caller speech over the agent has lasted {@code minInterruptionDurationMs}: barge-in. */
    INTERRUPTION,
    /** An LLM step or a synthesis has produced no audio in time: spoken fallback. */
    RESPONSE,
    /** Tool calls of a step have not all answered in time: they are cancelled and answered with an error. */
    TOOL,
    /** The caller has been silent for {@code idleTimeoutMs}: re-prompt or hang up. */
    IDLE,
    /** Maximum call duration reached: goodbye and hang up. */
    MAX_DURATION,
    /** The goodbye line did not finish playing in time: hang up anyway. */
    HANGUP
}
