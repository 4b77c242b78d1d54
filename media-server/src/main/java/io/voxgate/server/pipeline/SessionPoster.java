package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.Session;
import org.agrona.concurrent.NanoClock;

/**
 * The {@link EventPoster} of one call: posts into the orchestrator's {@link PendingEvents} for the call's session
 * index and session (an event that arrives after the call ended, or after its index was reused, is dropped when
 * applied because the session no longer matches), and reads the call's session clock.
 *
 * <p><b>Threading:</b> immutable; created on the orchestrator thread when the call starts and handed to its backend,
 * then used from any thread (the final fields are safely published by the hand-over to the backend's threads).
 */
final class SessionPoster implements EventPoster
{
    private static final long NANOS_PER_MS = 1_000_000L;

    private final PendingEvents pending;
    private final int index;
    private final Session session;
    private final NanoClock clock;
    private final long startNanos;

    SessionPoster(final PendingEvents pending, final int index, final Session session, final NanoClock clock,
        final long startNanos)
    {
        this.pending = pending;
        this.index = index;
        this.session = session;
        this.clock = clock;
        this.startNanos = startNanos;
    }

    @Override
    public long nowMs()
    {
        return Math.max(0, (clock.nanoTime() - startNanos) / NANOS_PER_MS);
    }

    @Override
    public void post(final Event event)
    {
        pending.post(index, session, event);
    }
}
