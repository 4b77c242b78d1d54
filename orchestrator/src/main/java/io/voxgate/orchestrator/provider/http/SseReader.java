package io.voxgate.orchestrator.provider.http;

import okio.BufferedSource;

import java.io.IOException;

/**
 * Reads server-sent events ({@code text/event-stream}) from a response body: returns each event's {@code data}
 * (several {@code data:} lines joined with newlines), skipping comments and other fields ({@code event:},
 * {@code id:}, {@code retry:}). Every line read, comments included, is reported to the progress callback so a
 * watchdog can tell a stalled stream from a slow one.
 *
 * <p><b>Threading:</b> used by the one thread reading the body.
 */
public final class SseReader
{
    private final BufferedSource source;
    private final Runnable progress;

    /**
     * Reads from a body.
     *
     * @param source   the body.
     * @param progress told of every line.
     */
    public SseReader(final BufferedSource source, final Runnable progress)
    {
        this.source = source;
        this.progress = progress;
    }

    /**
     * The next event's data.
     *
     * @return the data, or {@code null} at the end of the stream (a last event without its blank line included).
     * @throws IOException when reading fails (disconnect, cancel).
     */
    public String next() throws IOException
    {
        StringBuilder data = null;
        while (true)
        {
            final String line = source.readUtf8Line();
            if (null == line)
            {
                return null == data ? null : data.toString();
            }
            progress.run();
            if (line.isEmpty())
            {
                if (null != data)
                {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith("data:"))
            {
                final String value = line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) :
                    line.substring(5);
                if (null == data)
                {
                    data = new StringBuilder(value);
                }
                else
                {
                    data.append('\n').append(value);
                }
            }
        }
    }
}
