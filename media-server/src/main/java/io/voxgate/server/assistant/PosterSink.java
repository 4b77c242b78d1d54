package io.voxgate.server.assistant;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.EventSink;
import io.voxgate.server.pipeline.EventPoster;

/**
 * The provider layer's {@link EventSink} of one call over the pipeline's {@link EventPoster}: events from adapter
 * threads go into the orchestrator's bounded many-to-one inbox; the clock is the call's session clock.
 *
 * <p>Thread-safe (the poster is).
 */
final class PosterSink implements EventSink
{
    private final EventPoster poster;

    PosterSink(final EventPoster poster)
    {
        this.poster = poster;
    }

    @Override
    public long nowMs()
    {
        return poster.nowMs();
    }

    @Override
    public void publish(final Event event)
    {
        poster.post(event);
    }
}
