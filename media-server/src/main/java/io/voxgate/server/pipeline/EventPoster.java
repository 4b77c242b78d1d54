package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;

/**
 * Where a {@link BackendSession} posts its answers for the call's orchestrator session.
 *
 * <p><b>Threading:</b> built-in backends post on the orchestrator thread while executing a command; the events are
 * queued and applied after the current event. (Off-thread posting is for provider backends and goes through the
 * orchestrator's inbox when those land.)
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
