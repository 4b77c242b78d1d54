package io.voxgate.server.pipeline;

import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The pipeline's one {@link EgressSink} when several transports share it: each session index is routed to the
 * sink of the transport that started it (phone calls to the default sink, e.g. Twilio's table). A transport routes
 * its index before publishing the session's {@code START}; the route returns to the default when the session ends.
 *
 * <p><b>Threading:</b> {@link #route} on the transport's event loop (ordered before the egress thread's reads by the
 * ring publications, like the transports' own tables); every sink method on the egress thread.
 */
public final class EgressRouter implements EgressSink
{
    private final EgressSink defaultSink;
    private final AtomicReferenceArray<EgressSink> routes;

    /**
     * Creates a router.
     *
     * @param maxCalls    the pipeline's session capacity.
     * @param defaultSink where sessions without a route go.
     */
    public EgressRouter(final int maxCalls, final EgressSink defaultSink)
    {
        this.defaultSink = defaultSink;
        this.routes = new AtomicReferenceArray<>(maxCalls);
    }

    /**
     * Routes a session index to a transport's sink until the session ends.
     *
     * @param sessionIndex the index just acquired.
     * @param sink         the transport's sink.
     */
    public void route(final int sessionIndex, final EgressSink sink)
    {
        routes.set(sessionIndex, sink);
    }

    private EgressSink sink(final int sessionIndex)
    {
        final EgressSink sink = routes.get(sessionIndex);
        return null == sink ? defaultSink : sink;
    }

    @Override
    public void sendText(final int sessionIndex, final DirectBuffer utf8, final int offset, final int length)
    {
        sink(sessionIndex).sendText(sessionIndex, utf8, offset, length);
    }

    @Override
    public void sendAudio(final int sessionIndex, final DirectBuffer pcm, final int offset, final int length)
    {
        sink(sessionIndex).sendAudio(sessionIndex, pcm, offset, length);
    }

    @Override
    public void sendEvent(final int sessionIndex, final String type, final String fieldsJson)
    {
        sink(sessionIndex).sendEvent(sessionIndex, type, fieldsJson);
    }

    @Override
    public void sendMark(final int sessionIndex, final DirectBuffer name, final int offset, final int length)
    {
        sink(sessionIndex).sendMark(sessionIndex, name, offset, length);
    }

    @Override
    public void clearPlayout(final int sessionIndex)
    {
        sink(sessionIndex).clearPlayout(sessionIndex);
    }

    @Override
    public void close(final int sessionIndex, final int statusCode, final String reason)
    {
        sink(sessionIndex).close(sessionIndex, statusCode, reason);
    }

    @Override
    public void sessionEnded(final int sessionIndex)
    {
        final EgressSink sink = sink(sessionIndex);
        routes.set(sessionIndex, null);
        sink.sessionEnded(sessionIndex);
    }
}
