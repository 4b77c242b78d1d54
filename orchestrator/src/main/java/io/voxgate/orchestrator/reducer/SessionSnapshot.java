package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.SessionState;

/**
 * The observable summary of a session after an event, recorded in session logs and compared on replay.
 *
 * @param state        the session state.
 * @param turn         the last user turn number.
 * @param runId        the current run ID, 0 when no run is live.
 * @param historySize  messages in the conversation history.
 * @param staleEvents  stale events dropped so far.
 */
public record SessionSnapshot(SessionState state, int turn, long runId, int historySize, long staleEvents)
{
}
