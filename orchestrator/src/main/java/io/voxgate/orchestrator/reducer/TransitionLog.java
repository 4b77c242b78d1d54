package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structured logs of state transitions and run lifecycle events (session, run ID, turn, from → to, event kind),
 * at DEBUG on the loggers {@code io.voxgate.orchestrator.transitions} and {@code io.voxgate.orchestrator.runs}.
 * Every call is guarded by {@code isDebugEnabled()}, so when the level is off nothing is formatted, boxed or
 * allocated. Called on the session's owning thread.
 */
final class TransitionLog
{
    private static final Logger TRANSITIONS = LoggerFactory.getLogger("io.voxgate.orchestrator.transitions");
    private static final Logger RUNS = LoggerFactory.getLogger("io.voxgate.orchestrator.runs");

    private TransitionLog()
    {
    }

    static void transition(final Session session, final SessionState from, final Event event)
    {
        if (TRANSITIONS.isDebugEnabled())
        {
            TRANSITIONS.debug("session={} run={} turn={} from={} to={} event={}", session.id,
                session.currentRunId(), session.turn, from, session.state, event.getClass().getSimpleName());
        }
    }

    static void run(final Session session, final String lifecycle, final Run run)
    {
        if (RUNS.isDebugEnabled())
        {
            RUNS.debug("session={} run={} turn={} kind={} step={} lifecycle={}", session.id, run.id, run.turn,
                run.kind, run.step, lifecycle);
        }
    }
}
