package io.voxgate.server.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.voxgate.server.ws.WsProtocol;
import io.netty.handler.timeout.IdleStateEvent;
import io.voxgate.server.metrics.PrometheusText;

/**
 * Routes the server's HTTP requests: {@code GET /health} (liveness: 200 while the process serves),
 * {@code GET /ready} (readiness: 503 while draining), {@code GET /metrics} (Prometheus text, rendered off the event
 * loop), {@code POST /twilio/voice} (the Voice webhook), the {@code /twilio} WebSocket upgrade and the browser
 * client's page ({@code GET /} and {@code GET /web/*}, see {@link WebAssets}); 405 for a known path with another
 * method, 404 for anything else.
 *
 * <p>Shared by all connections (stateless); runs on each connection's event loop. The request is released by the
 * superclass after {@link #channelRead0}.
 */
@ChannelHandler.Sharable
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final URI configuredPublicUrl;
    private final VoiceWebhook voiceWebhook;
    private final TwilioUpgrade twilioUpgrade;
    private final WsUpgrade wsUpgrade;
    private final PrometheusText metrics;
    private final Executor scrapeExecutor;
    private final ReadinessProbe readiness;
    private final WebAssets web = WebAssets.fromClassPath();

    /**
     * Creates the router.
     *
     * @param configuredPublicUrl {@code PUBLIC_URL}, or {@code null} for {@code http://localhost:PORT}.
     * @param voiceWebhook        the Voice webhook.
     * @param twilioUpgrade       the {@code /twilio} upgrade.
     * @param wsUpgrade           the WS v1 {@code /ws} upgrade.
     * @param metrics             the registry's renderer.
     * @param scrapeExecutor      where scrapes run (not an event loop: a scrape takes milliseconds).
     * @param readiness           whether the server takes new calls.
     */
    public HttpRouter(
        final URI configuredPublicUrl,
        final VoiceWebhook voiceWebhook,
        final TwilioUpgrade twilioUpgrade,
        final WsUpgrade wsUpgrade,
        final PrometheusText metrics,
        final Executor scrapeExecutor,
        final ReadinessProbe readiness)
    {
        this.configuredPublicUrl = configuredPublicUrl;
        this.voiceWebhook = voiceWebhook;
        this.twilioUpgrade = twilioUpgrade;
        this.wsUpgrade = wsUpgrade;
        this.metrics = metrics;
        this.scrapeExecutor = scrapeExecutor;
        this.readiness = readiness;
    }

    /**
     * The server's public URLs as seen from a connection (its local port when no public URL is configured).
     *
     * @param configuredPublicUrl {@code PUBLIC_URL} or {@code null}.
     * @param localAddress        the connection's local address.
     * @return the URLs.
     */
    static PublicUrls publicUrls(final URI configuredPublicUrl, final SocketAddress localAddress)
    {
        if (configuredPublicUrl != null)
        {
            return new PublicUrls(configuredPublicUrl);
        }
        final int port = localAddress instanceof InetSocketAddress inet ? inet.getPort() : 80;
        return new PublicUrls(URI.create("http://localhost:" + port));
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final HttpMethod method = request.method();
        if (!request.decoderResult().isSuccess())
        {
            HttpReplies.text(ctx, false, method, HttpResponseStatus.BAD_REQUEST, "bad request\n");
            return;
        }
        final String path = new QueryStringDecoder(request.uri()).path();
        final boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        switch (path)
        {
            case "/health" -> ifAllowed(ctx, keepAlive, method, read, "GET, HEAD", () ->
                HttpReplies.text(ctx, keepAlive, method, HttpResponseStatus.OK, "ok\n"));
            case "/ready" -> ifAllowed(ctx, keepAlive, method, read, "GET, HEAD", () ->
            {
                final boolean ready = readiness.isReady();
                HttpReplies.text(ctx, keepAlive, method,
                    ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ready ? "ready\n" : "draining\n");
            });
            case "/metrics" -> ifAllowed(ctx, keepAlive, method, read, "GET, HEAD", () ->
                scrape(ctx, keepAlive, method));
            case PublicUrls.VOICE_PATH -> ifAllowed(ctx, keepAlive, method,
                HttpMethod.POST.equals(method) || HttpMethod.GET.equals(method), "POST, GET", () ->
                    voice(ctx, keepAlive, request));
            case PublicUrls.STREAM_PATH -> ifAllowed(ctx, keepAlive, method, HttpMethod.GET.equals(method), "GET",
                () -> twilioUpgrade.upgrade(ctx, request, publicUrls(configuredPublicUrl, ctx.channel().localAddress()),
                    keepAlive));
            case WsProtocol.PATH -> ifAllowed(ctx, keepAlive, method, HttpMethod.GET.equals(method), "GET",
                () -> wsUpgrade.upgrade(ctx, request, publicUrls(configuredPublicUrl, ctx.channel().localAddress())));
            default ->
            {
                if (WebAssets.handles(path))
                {
                    web.serve(ctx, keepAlive, request, path);
                }
                else
                {
                    HttpReplies.text(ctx, keepAlive, method, HttpResponseStatus.NOT_FOUND, "not found\n");
                }
            }
        }
    }

    private void voice(final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpRequest request)
    {
        final PublicUrls urls = publicUrls(configuredPublicUrl, ctx.channel().localAddress());
        final String twiml = voiceWebhook.answer(request, urls);
        if (null == twiml)
        {
            HttpReplies.text(ctx, keepAlive, request.method(), HttpResponseStatus.FORBIDDEN,
                "invalid X-Twilio-Signature\n");
            return;
        }
        HttpReplies.send(ctx, keepAlive, request.method(), HttpResponseStatus.OK, "text/xml; charset=utf-8",
            Unpooled.copiedBuffer(twiml, StandardCharsets.UTF_8));
    }

    private void scrape(final ChannelHandlerContext ctx, final boolean keepAlive, final HttpMethod method)
    {
        try
        {
            scrapeExecutor.execute(() ->
            {
                byte[] body;
                HttpResponseStatus status = HttpResponseStatus.OK;
                String type = PrometheusText.CONTENT_TYPE;
                try
                {
                    body = metrics.scrape();
                }
                catch (final RuntimeException ex)
                {
                    body = ("scrape failed: " + ex + "\n").getBytes(StandardCharsets.UTF_8);
                    status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
                    type = HttpReplies.TEXT;
                }
                final byte[] content = body;
                final HttpResponseStatus finalStatus = status;
                final String finalType = type;
                // Back on the connection's event loop to write: the response buffer never crosses threads.
                ctx.executor().execute(() -> HttpReplies.send(ctx, keepAlive, method, finalStatus, finalType,
                    Unpooled.wrappedBuffer(content)));
            });
        }
        catch (final RejectedExecutionException ex)
        {
            HttpReplies.text(ctx, false, method, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n");
        }
    }

    private static void ifAllowed(
        final ChannelHandlerContext ctx,
        final boolean keepAlive,
        final HttpMethod method,
        final boolean allowed,
        final String allow,
        final Runnable action)
    {
        if (allowed)
        {
            action.run();
        }
        else
        {
            HttpReplies.methodNotAllowed(ctx, keepAlive, method, allow);
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof IdleStateEvent)
        {
            ctx.close();
        }
        else
        {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // Malformed HTTP or a reset connection: nothing to salvage on this connection.
        ctx.close();
    }

    /**
     * How both WebSocket endpoints decode frames: at most {@code maxFrameBytes} per frame (bigger ones close with
     * 1009), no extensions, masked client frames only, and a protocol violation closes the connection.
     */
    static WebSocketDecoderConfig webSocketDecoderConfig(final int maxFrameBytes)
    {
        return WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxFrameBytes)
            .allowExtensions(false)
            .allowMaskMismatch(false)
            .closeOnProtocolViolation(true)
            .build();
    }

    static boolean isWebSocketUpgrade(final FullHttpRequest request)
    {
        return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true) &&
            request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
