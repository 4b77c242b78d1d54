package io.voxgate.server.http;

import java.util.Map;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.voxgate.server.twilio.CallOutcome;
import io.voxgate.server.twilio.TwilioEndpoint;
import io.voxgate.server.twilio.TwilioSignature;

/**
 * The {@code /twilio} WebSocket upgrade: refuses with 503 while draining or at the call limit and with 403 when an
 * auth token is configured and {@code X-Twilio-Signature} does not match the public {@code wss://} URL
 * (protocols.md §1.2); otherwise completes the handshake and replaces the HTTP handlers of the connection with a
 * {@link io.voxgate.server.twilio.TwilioStreamHandler}.
 *
 * <p>WebSocket frames are limited to the configured maximum (bigger ones close with 1009), fragmented messages are
 * reassembled up to the same limit, and protocol violations close the connection. UTF-8 is not validated twice:
 * Jackson rejects invalid UTF-8 in the JSON it parses (closing with 1007).
 *
 * <p>Thread-safe (shared); runs on each connection's event loop.
 */
public final class TwilioUpgrade
{
    private final TwilioEndpoint endpoint;
    private final TwilioSignature signature;
    private final WebSocketDecoderConfig decoderConfig;

    /**
     * Creates the upgrade.
     *
     * @param endpoint  the Twilio endpoint that serves upgraded connections.
     * @param signature validator, or {@code null} to accept unsigned upgrades.
     */
    public TwilioUpgrade(final TwilioEndpoint endpoint, final TwilioSignature signature)
    {
        this.endpoint = endpoint;
        this.signature = signature;
        this.decoderConfig = HttpRouter.webSocketDecoderConfig(endpoint.maxFrameBytes());
    }

    void upgrade(
        final ChannelHandlerContext ctx, final FullHttpRequest request, final PublicUrls urls, final boolean keepAlive)
    {
        if (!HttpRouter.isWebSocketUpgrade(request))
        {
            HttpReplies.upgradeRequired(ctx);
            return;
        }
        if (endpoint.admission().isDraining())
        {
            refuse(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, CallOutcome.REFUSED_DRAINING, "draining\n");
            return;
        }
        if (signature != null && !signature.isValid(urls.webSocketUrl(request.uri()), Map.of(),
            request.headers().get(TwilioSignature.HEADER)))
        {
            refuse(ctx, request, HttpResponseStatus.FORBIDDEN, CallOutcome.REFUSED_SIGNATURE,
                "invalid X-Twilio-Signature\n");
            return;
        }
        final WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            urls.streamUrl(), null, decoderConfig).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final CallOutcome refusal = endpoint.admit(ctx.channel());
        if (refusal != null)
        {
            refuse(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, refusal,
                refusal == CallOutcome.REFUSED_DRAINING ? "draining\n" : "at capacity\n");
            return;
        }
        final ChannelPipeline pipeline = ctx.pipeline();
        handshaker.handshake(ctx.channel(), request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        pipeline.addAfter(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(endpoint.maxFrameBytes()));
        pipeline.addAfter("ws-aggregator", "twilio-stream", endpoint.newStreamHandler());
        pipeline.remove(ctx.name());
    }

    private void refuse(
        final ChannelHandlerContext ctx,
        final FullHttpRequest request,
        final HttpResponseStatus status,
        final CallOutcome outcome,
        final String text)
    {
        endpoint.refused(outcome);
        // A refused upgrade closes the connection: the client must not reuse a half-negotiated socket.
        HttpReplies.text(ctx, false, request.method(), status, text);
    }
}
