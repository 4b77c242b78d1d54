package io.voxgate.server.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

/**
 * An in-memory {@link HistorySink} for the worker's tests: keeps what was written, and fails attempts as its
 * script says (given the record's key, {@code sessionId:seq} or {@code sessionId:finalize}, and the attempt
 * number from 1). Optionally holds its first write until released, to keep the worker busy.
 */
final class ScriptedSink implements HistorySink
{
    final List<HistoryItem> items = Collections.synchronizedList(new ArrayList<>());
    final List<Finalization> finalizations = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstWriteEntered = new CountDownLatch(1);
    private final Map<String, Integer> attempts = new HashMap<>();
    private final BiFunction<String, Integer, IOException> script;
    private final CountDownLatch release;
    private volatile boolean closed;

    ScriptedSink(final BiFunction<String, Integer, IOException> script, final CountDownLatch release)
    {
        this.script = script;
        this.release = release;
    }

    ScriptedSink(final BiFunction<String, Integer, IOException> script)
    {
        this(script, new CountDownLatch(0));
    }

    ScriptedSink()
    {
        this((key, attempt) -> null);
    }

    @Override
    public void write(final HistoryItem item) throws IOException
    {
        firstWriteEntered.countDown();
        try
        {
            release.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        attempt(item.sessionId() + ":" + item.seq());
        items.add(item);
    }

    @Override
    public void finalizeCall(final Finalization end) throws IOException
    {
        attempt(end.summary().sessionId() + ":finalize");
        finalizations.add(end);
    }

    private void attempt(final String key) throws IOException
    {
        final int attempt;
        synchronized (attempts)
        {
            attempt = attempts.merge(key, 1, Integer::sum);
        }
        final IOException failure = script.apply(key, attempt);
        if (null != failure)
        {
            throw failure;
        }
    }

    int attempts(final String key)
    {
        synchronized (attempts)
        {
            return attempts.getOrDefault(key, 0);
        }
    }

    boolean isClosed()
    {
        return closed;
    }

    @Override
    public String describe()
    {
        return "scripted";
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
