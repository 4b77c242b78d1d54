package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.Resilience;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One call's TTS segments, synthesized one at a time in arrival order on the shared executor, each under
 * {@link Resilience#execute} (retries only before its first audio) and the run's {@link CancelSignal}.
 *
 * <p>Why one at a time: a segment's events must reach the orchestrator in segment order, and a vendor socket
 * generating two contexts at once interleaves them. Generation runs several times faster than playback, so the next
 * segment's request, sent when the previous one is done, is answered while the previous one still plays.
 *
 * <p>The adapter supplies the synthesis of one segment ({@link Synthesis}); this class owns the queue, the per-run
 * cancel signals and the final {@code TtsFailed} when an attempt chain fails.
 *
 * <p><b>Threading:</b> {@link #submit}, {@link #cancel} and {@link #close} from the orchestrator thread; the
 * synthesis runs on one executor thread at a time (a drain loop); state shared between them is guarded by
 * {@code this}.
 */
public final class SegmentRunner
{
    /**
     * The synthesis of one segment by the adapter: publishes its {@code TtsAudio} and {@code TtsDone} through the
     * publisher, calling {@link Resilience.Output#produced()} before the first audio.
     */
    @FunctionalInterface
    public interface Synthesis
    {
        /**
         * One attempt.
         *
         * @param segment the segment.
         * @param cancel  the run's cancellation; its hooks stop the vendor's generation.
         * @param output  marks that audio was produced.
         * @throws ProviderException when the attempt failed ({@link ErrorKind#CANCELLED} when cancelled).
         */
        void attempt(Command.SynthesizeSegment segment, CancelSignal cancel, Resilience.Output output)
            throws ProviderException;
    }

    private final String sessionId;
    private final RunPublisher publisher;
    private final Executor executor;
    private final Resilience resilience;
    private final Synthesis synthesis;
    private final ArrayDeque<Command.SynthesizeSegment> queue = new ArrayDeque<>();
    private final Map<Long, CancelSignal> runs = new HashMap<>();
    private boolean draining;
    private boolean closed;

    /**
     * A runner for one call.
     *
     * @param sessionId  the call's session ID.
     * @param publisher  the call's run gate.
     * @param executor   where synthesis runs.
     * @param resilience retries, breaker, metrics.
     * @param synthesis  the adapter's synthesis of one segment.
     */
    public SegmentRunner(final String sessionId, final RunPublisher publisher, final Executor executor,
        final Resilience resilience, final Synthesis synthesis)
    {
        this.sessionId = sessionId;
        this.publisher = publisher;
        this.executor = executor;
        this.resilience = resilience;
        this.synthesis = synthesis;
    }

    /**
     * Queues a segment; returns at once.
     *
     * @param segment the segment.
     */
    public void submit(final Command.SynthesizeSegment segment)
    {
        synchronized (this)
        {
            if (closed || runs.computeIfAbsent(segment.runId(), (id) -> new CancelSignal()).isCancelled())
            {
                return;
            }
            queue.addLast(segment);
            if (draining)
            {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    /**
     * Cancels a run: its queued segments are dropped, its running one stopped (the signal's hooks run), and nothing
     * of it is published any more.
     *
     * @param runId the run.
     */
    public void cancel(final long runId)
    {
        publisher.cancel(runId);
        final CancelSignal signal;
        synchronized (this)
        {
            queue.removeIf((segment) -> segment.runId() == runId);
            signal = runs.computeIfAbsent(runId, (id) -> new CancelSignal());
        }
        signal.cancel();
    }

    /**
     * Cancels everything; nothing is published afterwards.
     */
    public void close()
    {
        publisher.close();
        final CancelSignal[] signals;
        synchronized (this)
        {
            closed = true;
            queue.clear();
            signals = runs.values().toArray(new CancelSignal[0]);
        }
        for (final CancelSignal signal : signals)
        {
            signal.cancel();
        }
    }

    /**
     * The run gate, for the synthesis to publish through.
     *
     * @return the publisher.
     */
    public RunPublisher publisher()
    {
        return publisher;
    }

    private void drain()
    {
        while (true)
        {
            final Command.SynthesizeSegment segment;
            final CancelSignal cancel;
            synchronized (this)
            {
                segment = queue.pollFirst();
                if (null == segment)
                {
                    draining = false;
                    return;
                }
                cancel = runs.get(segment.runId());
            }
            run(segment, cancel);
            forgetIfFinished(segment.runId(), cancel);
        }
    }

    /** A run with nothing queued and not cancelled needs no signal any more; a cancelled one keeps blocking. */
    private synchronized void forgetIfFinished(final long runId, final CancelSignal cancel)
    {
        if (cancel.isCancelled())
        {
            return;
        }
        for (final Command.SynthesizeSegment queued : queue)
        {
            if (queued.runId() == runId)
            {
                return;
            }
        }
        runs.remove(runId, cancel);
    }

    private void run(final Command.SynthesizeSegment segment, final CancelSignal cancel)
    {
        try
        {
            resilience.execute((output) -> synthesis.attempt(segment, cancel, output), cancel);
        }
        catch (final ProviderException ex)
        {
            if (ex.kind() != ErrorKind.CANCELLED)
            {
                publisher.publish(segment.runId(), new Event.TtsFailed(sessionId, publisher.nowMs(),
                    segment.runId(), segment.turn(), segment.segment(), ex.reason()));
            }
        }
        catch (final RuntimeException ex)
        {
            // A bug in an adapter must not stall the call's queue: report the segment failed and go on.
            publisher.publish(segment.runId(), new Event.TtsFailed(sessionId, publisher.nowMs(), segment.runId(),
                segment.turn(), segment.segment(), "bug: " + ex));
        }
    }
}
