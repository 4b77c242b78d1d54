package io.voxgate.server.ws;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.voxgate.server.pipeline.EgressRouter;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.twilio.CallAdmission;

import java.util.function.LongSupplier;

/**
 * Everything WS v1 sessions share: the pipeline they feed, the egress routing back to them, admission (shared with
 * phone calls, so the call limit and draining cover both), authentication, assistant resolution and counters.
 *
 * <p>Immutable and thread-safe; each connection gets its own {@link WsSessionHandler}.
 */
public final class WsEndpoint
{
    private final MediaPipeline pipeline;
    private final EgressRouter router;
    private final WsSessionTable table;
    private final CallAdmission admission;
    private final WsCounters counters;
    private final WsAuth auth;
    private final AssistantResolver assistants;
    private final int maxFrameBytes;
    private final LongSupplier wallClock;

    /**
     * Creates the endpoint.
     *
     * @param pipeline      the media pipeline.
     * @param router        the pipeline's egress router; WS sessions route their index to {@code table}.
     * @param table         the WS session table.
     * @param admission     admission shared with the other transports.
     * @param counters      WS counters.
     * @param auth          upgrade authentication.
     * @param assistants    assistant resolution.
     * @param maxFrameBytes largest WebSocket frame accepted.
     * @param wallClock     Unix milliseconds, for the envelope's {@code ts}.
     */
    public WsEndpoint(final MediaPipeline pipeline, final EgressRouter router, final WsSessionTable table,
        final CallAdmission admission, final WsCounters counters, final WsAuth auth,
        final AssistantResolver assistants, final int maxFrameBytes, final LongSupplier wallClock)
    {
        this.pipeline = pipeline;
        this.router = router;
        this.table = table;
        this.admission = admission;
        this.counters = counters;
        this.auth = auth;
        this.assistants = assistants;
        this.maxFrameBytes = maxFrameBytes;
        this.wallClock = wallClock;
    }

    MediaPipeline pipeline()
    {
        return pipeline;
    }

    EgressRouter router()
    {
        return router;
    }

    WsSessionTable table()
    {
        return table;
    }

    /** @return admission shared with the other transports. */
    public CallAdmission admission()
    {
        return admission;
    }

    /** @return the WS counters. */
    public WsCounters counters()
    {
        return counters;
    }

    /** @return upgrade authentication. */
    public WsAuth auth()
    {
        return auth;
    }

    AssistantResolver assistants()
    {
        return assistants;
    }

    /** @return largest WebSocket frame accepted. */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    LongSupplier wallClock()
    {
        return wallClock;
    }

    /**
     * Installs a WS v1 session on an upgraded connection, after the handler named {@code after}: frame reassembly up
     * to {@link #maxFrameBytes()}, the envelope encoder and the session's handler.
     *
     * @param pipeline    the connection's pipeline (on its event loop).
     * @param after       the handler to add after (it is then removed by the caller).
     * @param assistantId the {@code assistant_id} query parameter, or empty.
     */
    public void install(final ChannelPipeline pipeline, final String after, final String assistantId)
    {
        final WsEnvelopeEncoder envelope = new WsEnvelopeEncoder(wallClock);
        pipeline.addAfter(after, "ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
        pipeline.addAfter("ws-aggregator", "ws-envelope", envelope);
        pipeline.addAfter("ws-envelope", "ws-session", new WsSessionHandler(this, assistantId, envelope));
    }
}
