package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.model.Event;

/**
 * Where a call's provider sessions deliver their results: the only way back into the orchestrator.
 *
 * <p>The media server implements it per call, turning each event into a publication to the call's orchestrator
 * thread (its inbox or ring); tests implement it with a queue.
 *
 * <p><b>Threading:</b> both methods are called from any thread, concurrently, and must be thread-safe and
 * non-blocking. {@link #publish} never applies the event re-entrantly: it queues it for the owning thread.
 */
public interface EventSink
{
    /**
     * The call's session clock, the time base of {@link Event#atMs()}.
     *
     * @return milliseconds since the call started, monotonic.
     */
    long nowMs();

    /**
     * Hands one event to the call's orchestrator thread.
     *
     * @param event the event; its session ID is the call's.
     */
    void publish(Event event);
}
