package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.TimerKind;

/**
 * The session's pending timers: at most one per {@link TimerKind}, each with a fresh ID so that a firing of a
 * cancelled or restarted timer is recognised as stale. Owned by the session's thread.
 */
final class TimerTable
{
    private static final TimerKind[] KINDS = TimerKind.values();

    private final long[] pending = new long[KINDS.length];
    private long lastTimerId;

    void start(final String sessionId, final TimerKind kind, final long dueAtMs, final CommandSink sink)
    {
        final long id = ++lastTimerId;
        pending[kind.ordinal()] = id;
        sink.accept(new Command.StartTimer(sessionId, kind, id, dueAtMs));
    }

    void cancel(final String sessionId, final TimerKind kind, final CommandSink sink)
    {
        final long id = pending[kind.ordinal()];
        if (id != 0)
        {
            pending[kind.ordinal()] = 0;
            sink.accept(new Command.CancelTimer(sessionId, kind, id));
        }
    }

    void cancelAll(final String sessionId, final CommandSink sink)
    {
        for (final TimerKind kind : KINDS)
        {
            cancel(sessionId, kind, sink);
        }
    }

    /** Consumes a firing: true when it is the pending timer of its kind (which is then no longer pending). */
    boolean consume(final TimerKind kind, final long timerId)
    {
        if (timerId != 0 && pending[kind.ordinal()] == timerId)
        {
            pending[kind.ordinal()] = 0;
            return true;
        }
        return false;
    }

    boolean isPending(final TimerKind kind)
    {
        return pending[kind.ordinal()] != 0;
    }

    boolean anyPending()
    {
        for (final long id : pending)
        {
            if (id != 0)
            {
                return true;
            }
        }
        return false;
    }
}
