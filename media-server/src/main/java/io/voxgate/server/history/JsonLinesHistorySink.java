package io.voxgate.server.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The embedded history store: one JSON-lines file per UTC day, {@code history-YYYY-MM-DD.jsonl} in
 * {@code HISTORY_DIR}, appended to; one line per item or finalization ({@link HistoryJson}'s objects), the day
 * taken from the record's own time (an item's {@code ts}, a finalization's {@code endedAt}). Each line is flushed
 * when written. A write repeated after a failure may leave a line twice; readers keep the first line of each
 * {@code sessionId}/{@code seq} (and of each finalization).
 *
 * <p><b>Threading:</b> the history worker's.
 */
public final class JsonLinesHistorySink implements HistorySink
{
    private final Path directory;
    private LocalDate day;
    private BufferedWriter out;

    /**
     * @param directory where the files go; created if missing.
     * @throws UncheckedIOException if the directory cannot be created.
     */
    public JsonLinesHistorySink(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the history directory " + directory, ex);
        }
    }

    /**
     * The file of a day.
     *
     * @param directory the history directory.
     * @param day       the UTC day.
     * @return {@code directory/history-YYYY-MM-DD.jsonl}.
     */
    public static Path fileOf(final Path directory, final LocalDate day)
    {
        return directory.resolve("history-" + day + ".jsonl");
    }

    @Override
    public void write(final HistoryItem item) throws IOException
    {
        line(item.epochMs(), HistoryJson.item(item));
    }

    @Override
    public void finalizeCall(final Finalization end) throws IOException
    {
        line(end.summary().endedEpochMs(), HistoryJson.finalization(end));
    }

    @Override
    public String describe()
    {
        return "JSON lines in " + directory.toAbsolutePath();
    }

    @Override
    public void close()
    {
        closeFile();
    }

    private void line(final long epochMs, final String json) throws IOException
    {
        final LocalDate lineDay = LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
        if (null == out || !lineDay.equals(day))
        {
            closeFile();
            out = Files.newBufferedWriter(fileOf(directory, lineDay), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            day = lineDay;
        }
        try
        {
            out.write(json);
            out.write('\n');
            out.flush();
        }
        catch (final IOException ex)
        {
            // A fresh writer on the retry: this one's state after a failed flush is unknown.
            closeFile();
            throw ex;
        }
    }

    private void closeFile()
    {
        if (null != out)
        {
            try
            {
                out.close();
            }
            catch (final IOException ignored)
            {
                // Nothing is left to save: every complete line was flushed when written.
            }
            out = null;
        }
    }
}
