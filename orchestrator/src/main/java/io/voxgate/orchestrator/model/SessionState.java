package io.voxgate.orchestrator.model;

/**
 * Where a call is in its turn-taking; changed only by the reducer.
 */
public enum SessionState
{
    /** Created, call not started yet. */
    IDLE,
    /** The agent is silent and waits for the caller (possibly within the endpointing window of a turn). */
    LISTENING,
    /** The caller is speaking (VAD) and the agent is silent. */
    USER_SPEAKING,
    /** A run is live and has no audio out for its current step yet (LLM before first audio). */
    THINKING,
    /** A run is live and its audio is being played to the caller. */
    SPEAKING,
    /** A run is live and waits for tool results, all its audio played. */
    TOOL_CALLING,
    /** The call is over; every further event is ignored. */
    ENDED
}
