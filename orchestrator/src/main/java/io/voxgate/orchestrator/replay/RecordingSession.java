package io.voxgate.orchestrator.replay;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandBuffer;
import io.voxgate.orchestrator.reducer.CommandSink;
import io.voxgate.orchestrator.reducer.Session;

import java.util.List;

/**
 * A session whose applied events are recorded in a session log: applies the event, hands the commands to the
 * downstream sink and writes the line. Audio-level frames that changed nothing ({@link #isNoOpFrame}) are left out
 * when asked: they are three quarters of a call's events, and a replay without them is identical. For tests and
 * tools; the server records off its orchestrator thread with the same rule. Owned by one thread, like the session.
 */
public final class RecordingSession
{
    private final CallReducer reducer = new CallReducer();
    private final CommandBuffer buffer = new CommandBuffer();
    private final Session session;
    private final SessionLogWriter log;
    private final boolean skipNoOpFrames;
    private long skipped;

    /**
     * Wraps a session, recording every event.
     *
     * @param session the session (not started yet, so the log holds the whole call).
     * @param log     the log writer, header already written.
     */
    public RecordingSession(final Session session, final SessionLogWriter log)
    {
        this(session, log, false);
    }

    /**
     * Wraps a session.
     *
     * @param session        the session (not started yet, so the log holds the whole call).
     * @param log            the log writer, header already written.
     * @param skipNoOpFrames whether audio-level frames that changed nothing are left out of the log.
     */
    public RecordingSession(final Session session, final SessionLogWriter log, final boolean skipNoOpFrames)
    {
        this.session = session;
        this.log = log;
        this.skipNoOpFrames = skipNoOpFrames;
    }

    /**
     * Whether an applied event was an audio-level frame that changed nothing, so a log may leave it out: it emitted
     * no command and the run did not change (a frame acts only by completing a barge-in, which always ends the run).
     *
     * @param event       the applied event.
     * @param commands    the commands it produced.
     * @param runIdBefore the session's run ID before the event.
     * @param runIdAfter  the session's run ID after it.
     * @return true when the frame may be left out of a session log.
     */
    public static boolean isNoOpFrame(final Event event, final List<Command> commands, final long runIdBefore,
        final long runIdAfter)
    {
        return event instanceof Event.AudioLevel && commands.isEmpty() && runIdBefore == runIdAfter;
    }

    /**
     * Applies and records one event.
     *
     * @param event the event.
     * @param sink  receives the commands.
     * @return the commands (valid until the next call).
     */
    public List<Command> apply(final Event event, final CommandSink sink)
    {
        final long runIdBefore = session.currentRunId();
        buffer.clear();
        reducer.apply(session, event, buffer);
        final List<Command> commands = buffer.commands();
        for (int i = 0; i < commands.size(); i++)
        {
            sink.accept(commands.get(i));
        }
        if (skipNoOpFrames && isNoOpFrame(event, commands, runIdBefore, session.currentRunId()))
        {
            skipped++;
        }
        else
        {
            log.record(event, commands, session.snapshot());
        }
        return commands;
    }

    /**
     * Audio-level frames left out of the log.
     *
     * @return the count.
     */
    public long skippedFrames()
    {
        return skipped;
    }

    /**
     * The recorded session.
     *
     * @return the session.
     */
    public Session session()
    {
        return session;
    }
}
