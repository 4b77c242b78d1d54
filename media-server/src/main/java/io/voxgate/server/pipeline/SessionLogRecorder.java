package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.Session;
import io.voxgate.orchestrator.replay.RecordingSession;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The orchestrator thread's half of session logging: around each applied event it collects the commands, and
 * hands the event, the commands and the state after it as one immutable {@link SessionLogEntry.Line} to a bounded
 * single-producer queue that the {@link SessionLogThread} drains. It never blocks and never does I/O.
 *
 * <p>Overflow: a line that does not fit (queue full) is dropped, and so is every later line of that call, because a
 * log with a hole would replay as a false difference; the call's log is marked incomplete, counted
 * ({@link PipelineCounters#sessionLogsIncomplete()}, {@link PipelineCounters#sessionLogEventsDropped()}) and closed
 * with an incomplete trailer, which replay reports. Opens and closes are never lost: when they do not fit they wait
 * in a small backlog (at most two per call) that {@link #retryBacklog()} offers again from housekeeping; lines are
 * refused while it is non-empty so order is kept. No-op audio frames are left out as {@link RecordingSession} does.
 *
 * <p>Allocation: per logged event the line record, a copy of the command list and a state snapshot; only when
 * session logging is on.
 *
 * <p><b>Threading:</b> orchestrator thread only. The queue's ordered offer publishes each immutable entry to the
 * writer thread.
 */
final class SessionLogRecorder
{
    private final OneToOneConcurrentArrayQueue<SessionLogEntry> queue;
    private final PipelineCounters counters;
    private final int maxBacklog;
    private final ArrayDeque<SessionLogEntry> backlog = new ArrayDeque<>();
    private final long[] logIds;
    private final long[] dropped;
    private final ArrayList<Command> commands = new ArrayList<>();
    private long nextLogId;
    private int applyingIndex = -1;
    private long runIdBefore;

    SessionLogRecorder(
        final OneToOneConcurrentArrayQueue<SessionLogEntry> queue, final int maxCalls, final PipelineCounters counters)
    {
        this.queue = queue;
        this.counters = counters;
        this.maxBacklog = 2 * maxCalls;
        this.logIds = new long[maxCalls];
        this.dropped = new long[maxCalls];
    }

    /**
     * Starts a call's log.
     *
     * @param index   the session index.
     * @param start   the call's identifiers.
     * @param session the new session (before its first event).
     */
    void open(final int index, final CallStart start, final Session session)
    {
        final long logId = ++nextLogId;
        logIds[index] = logId;
        dropped[index] = 0;
        PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_OPENED, 1);
        control(index, new SessionLogEntry.Open(logId, start.streamSid(), start.callSid(), System.currentTimeMillis(),
            session.settings()));
    }

    /**
     * Called before the reducer applies an event to a session.
     *
     * @param index   the session index.
     * @param session the session.
     */
    void beforeApply(final int index, final Session session)
    {
        applyingIndex = 0 != logIds[index] ? index : -1;
        if (applyingIndex >= 0)
        {
            commands.clear();
            runIdBefore = session.currentRunId();
        }
    }

    /**
     * A command the reducer emitted for the event being applied.
     *
     * @param command the command.
     */
    void command(final Command command)
    {
        if (applyingIndex >= 0)
        {
            commands.add(command);
        }
    }

    /**
     * Called after the reducer applied an event: queues its line.
     *
     * @param index   the session index.
     * @param session the session.
     * @param event   the applied event.
     */
    void afterApply(final int index, final Session session, final Event event)
    {
        if (applyingIndex != index)
        {
            return;
        }
        applyingIndex = -1;
        if (RecordingSession.isNoOpFrame(event, commands, runIdBefore, session.currentRunId()))
        {
            return;
        }
        if (0 == dropped[index] && backlog.isEmpty() &&
            queue.offer(new SessionLogEntry.Line(logIds[index], event, List.copyOf(commands), session.snapshot())))
        {
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_LINES_QUEUED, 1);
            return;
        }
        if (0 == dropped[index]++)
        {
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_INCOMPLETE, 1);
        }
        PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_EVENTS_DROPPED, 1);
    }

    /**
     * Ends a call's log (after its last event).
     *
     * @param index the session index.
     */
    void close(final int index)
    {
        final long logId = logIds[index];
        if (0 != logId)
        {
            logIds[index] = 0;
            control(index, new SessionLogEntry.Close(logId, dropped[index]));
        }
    }

    /** Offers backlogged opens and closes again, in order (housekeeping). */
    void retryBacklog()
    {
        while (!backlog.isEmpty() && queue.offer(backlog.peekFirst()))
        {
            backlog.pollFirst();
        }
    }

    /**
     * Opens and closes waiting for room in the queue.
     *
     * @return the backlog's length.
     */
    int backlog()
    {
        return backlog.size();
    }

    private void control(final int index, final SessionLogEntry entry)
    {
        if (backlog.isEmpty() && queue.offer(entry))
        {
            return;
        }
        if (entry instanceof SessionLogEntry.Open && backlog.size() >= maxBacklog)
        {
            // The writer has been stuck for thousands of calls: stop opening logs rather than grow without bound.
            logIds[index] = 0;
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_NOT_OPENED, 1);
            return;
        }
        backlog.addLast(entry);
    }
}
