package io.voxgate.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.voxgate.server.twilio.CallOutcome;
import io.voxgate.server.ws.WsEndpoint;

import java.util.List;

/**
 * The WS v1 upgrade at {@code /ws}: 401 without a valid token when authentication is configured (a bearer token in
 * {@code Authorization} or the {@code access_token} query parameter), 503 while draining or at the session limit,
 * otherwise the handshake and a {@link WsEndpoint#install WS v1 session} in place of the HTTP handlers.
 *
 * <p>Thread-safe (shared); runs on each connection's event loop.
 */
public final class WsUpgrade
{
    private static final String BEARER = "Bearer ";

    private final WsEndpoint endpoint;
    private final WebSocketDecoderConfig decoderConfig;

    /**
     * Creates the upgrade.
     *
     * @param endpoint the WS v1 endpoint.
     */
    public WsUpgrade(final WsEndpoint endpoint)
    {
        this.endpoint = endpoint;
        this.decoderConfig = HttpRouter.webSocketDecoderConfig(endpoint.maxFrameBytes());
    }

    void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request, final PublicUrls urls)
    {
        if (!HttpRouter.isWebSocketUpgrade(request))
        {
            HttpReplies.upgradeRequired(ctx);
            return;
        }
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (!endpoint.auth().accepts(token(request, query)))
        {
            refuse(ctx, request, HttpResponseStatus.UNAUTHORIZED, "missing or invalid token\n");
            return;
        }
        if (endpoint.admission().isDraining())
        {
            refuse(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "draining\n");
            return;
        }
        final WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            urls.webSocketUrl(request.uri()), null, decoderConfig).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final CallOutcome refusal = endpoint.admission().tryAdmit(ctx.channel());
        if (refusal != null)
        {
            refuse(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                refusal == CallOutcome.REFUSED_DRAINING ? "draining\n" : "at capacity\n");
            return;
        }
        handshaker.handshake(ctx.channel(), request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        endpoint.install(ctx.pipeline(), ctx.name(), first(query, "assistant_id"));
        ctx.pipeline().remove(ctx.name());
    }

    private static String token(final FullHttpRequest request, final QueryStringDecoder query)
    {
        final String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (null != authorization && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return authorization.substring(BEARER.length()).strip();
        }
        final String token = first(query, "access_token");
        return token.isEmpty() ? null : token;
    }

    private static String first(final QueryStringDecoder query, final String name)
    {
        final List<String> values = query.parameters().get(name);
        return null == values || values.isEmpty() ? "" : values.get(0);
    }

    private void refuse(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final HttpResponseStatus status, final String text)
    {
        endpoint.counters().upgradeRefused();
        HttpReplies.text(ctx, false, request.method(), status, text);
    }
}
