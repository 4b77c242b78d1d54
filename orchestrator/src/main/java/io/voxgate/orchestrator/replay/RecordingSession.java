package io.voxgate.orchestrator.replay;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandBuffer;
import io.voxgate.orchestrator.reducer.CommandSink;
import io.voxgate.orchestrator.reducer.Session;

import java.util.List;

/**
 * A session whose every applied event is recorded in a session log: applies the event, hands the commands to the
 * downstream sink and writes the line. For tests and tools; the server records off its orchestrator thread.
 * Owned by one thread, like the session.
 */
public final class RecordingSession
{
    private final CallReducer reducer = new CallReducer();
    private final CommandBuffer buffer = new CommandBuffer();
    private final Session session;
    private final SessionLogWriter log;

    /**
     * Wraps a session.
     *
     * @param session the session (not started yet, so the log holds the whole call).
     * @param log     the log writer, header already written.
     */
    public RecordingSession(final Session session, final SessionLogWriter log)
    {
        this.session = session;
        this.log = log;
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
        buffer.clear();
        reducer.apply(session, event, buffer);
        final List<Command> commands = buffer.commands();
        for (int i = 0; i < commands.size(); i++)
        {
            sink.accept(commands.get(i));
        }
        log.record(event, commands, session.snapshot());
        return commands;
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
