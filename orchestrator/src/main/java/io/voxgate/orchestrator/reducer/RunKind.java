package io.voxgate.orchestrator.reducer;

/**
 * Why a run was started. Only {@link #REPLY} runs answer a user turn with a fresh LLM request (step 0); the others
 * speak a fixed line or continue an interrupted reply.
 */
public enum RunKind
{
    /** The answer to a user turn: LLM, TTS and tools. */
    REPLY,
    /** The greeting at call start (turn 0). */
    GREETING,
    /** "Are you still there?" after caller silence. */
    REPROMPT,
    /** The fallback line after an LLM/TTS failure or timeout. */
    FALLBACK,
    /** The continuation of a reply after a false interruption. */
    RESUME,
    /** The last line before hanging up (idle or maximum duration); not interruptible. */
    GOODBYE
}
