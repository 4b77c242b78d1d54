package io.voxgate.orchestrator.replay;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.SessionSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a session log (see {@link SessionLogCodec}) to a {@link Writer}: the header first, then one line per
 * applied event. Not thread-safe; the server writes logs off the orchestrator thread, this class is the format.
 */
public final class SessionLogWriter implements AutoCloseable
{
    private final SessionLogCodec codec;
    private final Writer out;
    private long seq;

    /**
     * Starts a log by writing its header.
     *
     * @param codec     the format.
     * @param out       where lines go; closed by {@link #close()}.
     * @param sessionId the session.
     * @param settings  the assistant's settings.
     */
    public SessionLogWriter(final SessionLogCodec codec, final Writer out, final String sessionId,
        final AssistantSettings settings)
    {
        this.codec = codec;
        this.out = out;
        writeLine(codec.header(sessionId, settings));
    }

    /**
     * Records one applied event.
     *
     * @param event    the event.
     * @param commands the commands it produced.
     * @param state    the state after it.
     */
    public void record(final Event event, final List<Command> commands, final SessionSnapshot state)
    {
        writeLine(codec.line(++seq, event, commands, state));
    }

    /**
     * Events recorded so far.
     *
     * @return the count.
     */
    public long recorded()
    {
        return seq;
    }

    private void writeLine(final String line)
    {
        try
        {
            out.write(line);
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
