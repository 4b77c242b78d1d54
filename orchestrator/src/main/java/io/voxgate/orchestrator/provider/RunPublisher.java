package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.model.Event;

import java.util.HashSet;
import java.util.Set;

/**
 * The gate between one call's provider session and its {@link EventSink}: publishes a run's events until the run is
 * cancelled or the session closed, and never after, whatever thread is still finishing its I/O.
 *
 * <p>Invariant: once {@link #cancel(long)} or {@link #close()} has returned, no event of that run (of any run)
 * passes. Both take the same lock as {@link #publish}, so an event being published while the cancel arrives is
 * either published before it or dropped.
 *
 * <p><b>Threading:</b> thread-safe; {@code publish} from the adapter's I/O threads, {@code cancel}/{@code close}
 * from the orchestrator thread. The sink's {@code publish} is non-blocking, so holding the lock across it is brief.
 */
public final class RunPublisher
{
    private final EventSink sink;
    private final Set<Long> cancelled = new HashSet<>();
    private boolean closed;

    /**
     * Wraps a call's sink.
     *
     * @param sink where events go.
     */
    public RunPublisher(final EventSink sink)
    {
        this.sink = sink;
    }

    /**
     * The call's session clock.
     *
     * @return {@link EventSink#nowMs()}.
     */
    public long nowMs()
    {
        return sink.nowMs();
    }

    /**
     * Publishes an event of a run unless the run was cancelled or the session closed.
     *
     * @param runId the run the event belongs to.
     * @param event the event.
     * @return true when published.
     */
    public boolean publish(final long runId, final Event event)
    {
        synchronized (this)
        {
            if (closed || cancelled.contains(runId))
            {
                return false;
            }
            sink.publish(event);
            return true;
        }
    }

    /**
     * Publishes an event that belongs to the call rather than a run (transcripts), unless the session closed.
     *
     * @param event the event.
     * @return true when published.
     */
    public boolean publish(final Event event)
    {
        synchronized (this)
        {
            if (closed)
            {
                return false;
            }
            sink.publish(event);
            return true;
        }
    }

    /**
     * Whether a run may still publish.
     *
     * @param runId the run.
     * @return false once it was cancelled or the session closed.
     */
    public boolean isLive(final long runId)
    {
        synchronized (this)
        {
            return !closed && !cancelled.contains(runId);
        }
    }

    /**
     * Stops a run's events for good.
     *
     * @param runId the run.
     */
    public void cancel(final long runId)
    {
        synchronized (this)
        {
            cancelled.add(runId);
        }
    }

    /**
     * Stops all events for good.
     */
    public void close()
    {
        synchronized (this)
        {
            closed = true;
        }
    }
}
