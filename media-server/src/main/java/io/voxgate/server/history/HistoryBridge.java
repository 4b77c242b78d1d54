package io.voxgate.server.history;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.server.pipeline.CallHistory;
import io.voxgate.server.pipeline.CallStart;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * The history bridge: the orchestrator's {@link CallHistory} turned into persisted history without ever slowing a
 * call down.
 *
 * <pre>
 *  orchestrator thread ──offer──▶ bounded SPSC queue (items) ──▶ history worker ──▶ HistorySink
 *                      ──offer──▶ unbounded queue (call ends) ─┘  (per-call lanes,   (HTTP backend or
 *                                                                   retries, finalize) JSON-lines files)
 * </pre>
 *
 * <p>What is kept: item 0 {@link HistoryItem.CallStarted} (the call's metadata), final user transcripts and typed
 * text ({@code SendTranscript} with {@code isFinal}), assistant messages as heard ({@code SendAssistantMessage},
 * with {@code interrupted}), tool calls ({@code ExecuteTool}, {@code RequestClientTool}) and their results
 * ({@code ToolResult}, {@code ClientToolResult} events); at the end a {@link CallSummary}. Each item gets the next
 * sequence number of its call, whether or not it fits in the queue, so a gap shows where one was dropped.
 *
 * <p><b>Never blocking:</b> the producer side only does wait-free offers: into Agrona's single-producer array
 * queue (a full queue refuses the item, which is counted in {@link HistoryCounters#dropped()}; the call goes on)
 * and, for the one end per call, into a lock-free linked queue, so a finalization is never lost to overflow. The
 * producer takes no lock, does no I/O and never waits for the worker, whatever the sink is doing.
 *
 * <p><b>Threading:</b> {@link CallHistory} methods on the orchestrator thread only (single producer: the
 * per-index state and the SPSC queue rely on it); {@link #close(Duration)} from any thread after the pipeline has
 * stopped; counters from any thread. Session IDs must be unique per call (Twilio stream SIDs are).
 */
public final class HistoryBridge implements CallHistory, AutoCloseable
{
    private static final long JOIN_GRACE_MILLIS = 1000;

    private final OneToOneConcurrentArrayQueue<HistoryItem> items;
    private final ConcurrentLinkedQueue<CallSummary> ends = new ConcurrentLinkedQueue<>();
    private final HistoryCounters counters = new HistoryCounters();
    private final HistorySink sink;
    private final HistoryWorker worker;
    private final Thread thread;
    private final String[] sessionIds;
    private final CallStart[] starts;
    private final long[] startedEpochMs;
    private final long[] nextSeq;
    private final long[] droppedPerCall;
    private boolean closed;

    /**
     * Creates the bridge and starts its worker thread ({@code voxgate-history}).
     *
     * @param maxCalls          session indices the pipeline hands out.
     * @param queueCapacity     items the queue holds (rounded up to a power of two); the worker holds as many more.
     * @param sink              where history goes; closed by {@link #close(Duration)}.
     * @param retry             how failed writes are retried.
     * @param finalizeDrainTimeout how long a call's finalization waits for its items after its end.
     */
    public HistoryBridge(final int maxCalls, final int queueCapacity, final HistorySink sink, final RetryPolicy retry,
        final Duration finalizeDrainTimeout)
    {
        if (maxCalls < 1 || queueCapacity < 2)
        {
            throw new IllegalArgumentException("maxCalls must be >= 1 and queueCapacity >= 2: " + maxCalls + ", " +
                queueCapacity);
        }
        this.items = new OneToOneConcurrentArrayQueue<>(queueCapacity);
        this.sink = sink;
        this.sessionIds = new String[maxCalls];
        this.starts = new CallStart[maxCalls];
        this.startedEpochMs = new long[maxCalls];
        this.nextSeq = new long[maxCalls];
        this.droppedPerCall = new long[maxCalls];
        this.worker = new HistoryWorker(items, ends, sink, retry, finalizeDrainTimeout.toNanos(), counters,
            items.capacity());
        this.thread = new Thread(worker, "voxgate-history");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void callStarted(final int index, final CallStart start, final String sessionId, final long epochMs)
    {
        sessionIds[index] = sessionId;
        starts[index] = start;
        startedEpochMs[index] = epochMs;
        nextSeq[index] = 0;
        droppedPerCall[index] = 0;
        offer(index, new HistoryItem.CallStarted(sessionId, nextSeq[index]++, epochMs, start.callSid(),
            start.accountSid(), start.assistant(), start.customParameters()));
    }

    @Override
    public void command(final int index, final Command command)
    {
        final String sessionId = sessionIds[index];
        if (null == sessionId)
        {
            return;
        }
        switch (command)
        {
            case Command.SendTranscript transcript when transcript.isFinal() -> offer(index,
                new HistoryItem.UserTranscript(sessionId, nextSeq[index]++, System.currentTimeMillis(),
                transcript.turn(), transcript.text()));
            case Command.SendAssistantMessage message -> offer(index,
                new HistoryItem.AssistantMessage(sessionId, nextSeq[index]++, System.currentTimeMillis(),
                message.turn(), message.runId(), message.text(), message.interrupted()));
            case Command.ExecuteTool tool -> offer(index,
                new HistoryItem.ToolCalled(sessionId, nextSeq[index]++, System.currentTimeMillis(), tool.turn(),
                tool.runId(), tool.call().id(), tool.call().name(), tool.call().argumentsJson(), false));
            case Command.RequestClientTool tool -> offer(index,
                new HistoryItem.ToolCalled(sessionId, nextSeq[index]++, System.currentTimeMillis(), tool.turn(),
                tool.runId(), tool.call().id(), tool.call().name(), tool.call().argumentsJson(), true));
            default ->
            {
                // Audio, timers, provider control: not history.
            }
        }
    }

    @Override
    public void event(final int index, final Event event)
    {
        final String sessionId = sessionIds[index];
        if (null == sessionId)
        {
            return;
        }
        switch (event)
        {
            case Event.ToolResult result -> offer(index,
                new HistoryItem.ToolResulted(sessionId, nextSeq[index]++, System.currentTimeMillis(), result.turn(),
                result.runId(), result.callId(), result.resultJson(), result.error(), false));
            case Event.ClientToolResult result -> offer(index,
                new HistoryItem.ToolResulted(sessionId, nextSeq[index]++, System.currentTimeMillis(), result.turn(),
                result.runId(), result.callId(), result.resultJson(), result.error(), true));
            default ->
            {
                // Media, VAD and provider events: not history (and allocation-free here).
            }
        }
    }

    @Override
    public void callEnded(final int index, final String reason, final long epochMs)
    {
        final String sessionId = sessionIds[index];
        if (null == sessionId)
        {
            return;
        }
        final CallStart start = starts[index];
        counters.callsEnded.incrementAndGet();
        ends.offer(new CallSummary(sessionId, start.callSid(), start.accountSid(), start.assistant(),
            start.customParameters(), startedEpochMs[index], epochMs, reason, nextSeq[index], droppedPerCall[index]));
        sessionIds[index] = null;
        starts[index] = null;
    }

    private void offer(final int index, final HistoryItem item)
    {
        if (items.offer(item))
        {
            counters.queued.incrementAndGet();
        }
        else
        {
            droppedPerCall[index]++;
            counters.dropped.incrementAndGet();
        }
    }

    /**
     * @return the counters.
     */
    public HistoryCounters counters()
    {
        return counters;
    }

    /**
     * @return items in the queue not yet taken by the worker.
     */
    public int queueSize()
    {
        return items.size();
    }

    /**
     * @return the sink, for the banner and tests.
     */
    public HistorySink sink()
    {
        return sink;
    }

    /**
     * @return the worker thread, for CPU accounting and tests.
     */
    public Thread thread()
    {
        return thread;
    }

    /**
     * Closes with a drain bound of zero beyond what is already written: see {@link #close(Duration)}.
     */
    @Override
    public void close()
    {
        close(Duration.ZERO);
    }

    /**
     * Lets the worker write what is queued (retrying as usual) for at most {@code drainBound}, then stops it and
     * closes the sink; what is left is counted failed. Call after the pipeline has stopped. Idempotent.
     *
     * @param drainBound how long to go on writing.
     */
    public synchronized void close(final Duration drainBound)
    {
        if (closed)
        {
            return;
        }
        closed = true;
        worker.stop(System.nanoTime() + drainBound.toNanos());
        try
        {
            thread.join(drainBound.toMillis() + JOIN_GRACE_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive())
        {
            sink.close();
        }
    }
}
