package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;

/**
 * Where a {@link BackendSession} posts its answers for the call's orchestrator session.
 *
 * <p><b>Threading:</b> any thread. Built-in backends post on the orchestrator thread while executing a command: the
 * events are queued and applied after the current event, never re-entrantly. Provider backends post from their own
 * I/O threads: the events go through the orchestrator's bounded multi-producer inbox (its offer is the release,
 * the orchestrator's poll the acquire), which it drains after every slot and at least every millisecond when idle.
 * A full inbox drops the event and counts it ({@link PipelineCounters#orchestratorInboxDrops()}); the run's
 * response timer then recovers the call. Never blocks.
 */
@FunctionalInterface
public interface EventPoster
{
    /**
     * Posts one event of this call.
     *
     * @param event the event; its session ID must be the call's.
     */
    void post(Event event);
}
