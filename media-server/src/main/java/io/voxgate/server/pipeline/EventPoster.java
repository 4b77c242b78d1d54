package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;

/**
 * Where a {@link BackendSession} posts its answers for the call's orchestrator session.
 *
 * <p><b>Threading:</b> any thread. Built-in backends post on the orchestrator thread while executing a command: the
 * events are queued and applied after the current event, never re-entrantly. Provider backends post from their own
 * I/O threads: the events go through the orchestrator's bounded multi-producer inbox (its offer is the release,
 * the orchestrator's poll the acquire), which it drains after every slot; a post wakes it if it sleeps.
 * A full inbox drops the event and counts it ({@link PipelineCounters#orchestratorInboxDrops()}); the run's
 * response timer then recovers the call. Never blocks.
 *
 * <p>Implemented by the orchestrator stage, one per call.
 */
public interface EventPoster
{
    /**
     * The call's session clock, the time base of every event's {@code atMs}: milliseconds since the call's
     * {@code START} slot was received, on the pipeline's clock. Any thread.
     *
     * @return the session clock now.
     */
    long nowMs();

    /**
     * Posts one event of this call.
     *
     * @param event the event; its session ID must be the call's.
     */
    void post(Event event);
}
