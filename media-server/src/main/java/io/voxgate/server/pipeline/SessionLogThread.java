package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.replay.SessionLogCodec;
import io.voxgate.orchestrator.replay.SessionLogWriter;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * The session log writer thread: drains the {@link SessionLogRecorder}'s queue, encodes each entry with the
 * orchestrator's {@link SessionLogCodec} (the format {@code voxgate replay} reads) and writes one file per call,
 * {@code <streamSid>_<callSid>_<start, UTC>.jsonl}. A log whose events were dropped ends with a
 * {@link SessionLogTrailer}; so does one still open when the pipeline stops.
 *
 * <p>I/O failures are counted ({@link PipelineCounters#sessionLogWriteErrors()}) and end that call's log; the thread
 * goes on. Files are flushed when a call ends and, while the queue is idle, once a second.
 *
 * <p><b>Threading:</b> its own thread; the queue's poll is the crossing from the orchestrator thread (entries are
 * immutable). {@link #close()} may be called from any thread once the orchestrator has stopped.
 */
final class SessionLogThread implements Runnable, AutoCloseable
{
    private static final DateTimeFormatter FILE_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long FLUSH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int DRAIN_LIMIT = 256;

    private final Path directory;
    private final OneToOneConcurrentArrayQueue<SessionLogEntry> queue;
    private final PipelineCounters counters;
    private final SessionLogCodec codec = new SessionLogCodec();
    private final Long2ObjectHashMap<OpenLog> open = new Long2ObjectHashMap<>();
    private final IdleStrategy idle = new SleepingMillisIdleStrategy(2);
    private final Thread thread;
    private volatile boolean running = true;
    private long lastFlushNanos;

    SessionLogThread(final Path directory, final OneToOneConcurrentArrayQueue<SessionLogEntry> queue,
        final PipelineCounters counters)
    {
        this.directory = directory;
        this.queue = queue;
        this.counters = counters;
        this.thread = new Thread(this, "voxgate-session-log");
        thread.setDaemon(true);
    }

    Thread thread()
    {
        return thread;
    }

    void start()
    {
        thread.start();
    }

    @Override
    public void run()
    {
        lastFlushNanos = System.nanoTime();
        while (running)
        {
            final int drained = queue.drain(this::write, DRAIN_LIMIT);
            if (0 == drained)
            {
                final long now = System.nanoTime();
                if (now - lastFlushNanos >= FLUSH_INTERVAL_NANOS)
                {
                    lastFlushNanos = now;
                    open.values().forEach(this::flush);
                }
            }
            idle.idle(drained);
        }
        queue.drain(this::write);
        for (final OpenLog log : open.values())
        {
            finish(log, SessionLogTrailer.line(log.writer().recorded(), 0, SessionLogTrailer.STOPPED));
        }
        open.clear();
    }

    /** Writes what is queued, closes logs still open as incomplete and waits for the thread. */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void write(final SessionLogEntry entry)
    {
        try
        {
            switch (entry)
            {
                case SessionLogEntry.Open start -> open.put(start.logId(), create(start));
                case SessionLogEntry.Line line ->
                {
                    final OpenLog log = open.get(line.logId());
                    if (null != log)
                    {
                        log.writer().record(line.event(), line.commands(), line.state());
                        PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_LINES_WRITTEN, 1);
                    }
                }
                case SessionLogEntry.Close end ->
                {
                    final OpenLog log = open.remove(end.logId());
                    if (null != log)
                    {
                        finish(log, 0 == end.droppedEvents() ? null : SessionLogTrailer.line(
                            log.writer().recorded(), end.droppedEvents(), SessionLogTrailer.QUEUE_FULL));
                    }
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // A full disk or a removed directory ends this call's log; the next calls try again.
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_WRITE_ERRORS, 1);
            final OpenLog log = open.remove(entry.logId());
            if (null != log)
            {
                closeQuietly(log);
            }
        }
    }

    private OpenLog create(final SessionLogEntry.Open start) throws IOException
    {
        final String base = safe(start.streamSid()) + "_" + safe(start.callSid()) + "_" +
            FILE_TIME.format(Instant.ofEpochMilli(start.startedMillis()));
        for (int attempt = 1; ; attempt++)
        {
            final Path path = directory.resolve(base + (1 == attempt ? "" : "-" + attempt) + ".jsonl");
            try
            {
                final BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new OpenLog(new SessionLogWriter(codec, out, start.streamSid(), start.settings()), out);
            }
            catch (final FileAlreadyExistsException ex)
            {
                if (attempt >= 100)
                {
                    throw ex;
                }
            }
        }
    }

    private void finish(final OpenLog log, final String trailer)
    {
        try
        {
            if (null != trailer)
            {
                log.out().write(trailer);
                log.out().write('\n');
            }
            log.writer().close();
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_CLOSED, 1);
        }
        catch (final IOException ex)
        {
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_WRITE_ERRORS, 1);
            closeQuietly(log);
        }
    }

    private void flush(final OpenLog log)
    {
        try
        {
            log.out().flush();
        }
        catch (final IOException ex)
        {
            PipelineCounters.addSingleWriter(counters.sessionLog, PipelineCounters.LOG_WRITE_ERRORS, 1);
        }
    }

    private static void closeQuietly(final OpenLog log)
    {
        try
        {
            log.writer().close();
        }
        catch (final IOException ignored)
        {
            // Already counted as a write error.
        }
    }

    /** A call's log: the format writer and the buffered file under it (for flushes and the trailer). */
    private record OpenLog(SessionLogWriter writer, Writer out)
    {
    }

    /** File-name-safe: letters, digits, '-' and '.' kept, anything else becomes '_'; empty becomes "none". */
    static String safe(final String id)
    {
        if (null == id || id.isEmpty())
        {
            return "none";
        }
        final StringBuilder out = new StringBuilder(Math.min(id.length(), 64));
        for (int i = 0; i < id.length() && i < 64; i++)
        {
            final char c = id.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' ? c : '_');
        }
        return out.toString();
    }
}
