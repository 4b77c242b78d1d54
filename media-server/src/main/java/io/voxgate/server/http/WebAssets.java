package io.voxgate.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The browser client's static files ({@code web/} on the class path): {@code GET /} is {@code index.html},
 * {@code GET /web/NAME} one of the other files.
 *
 * <p>The files are a fixed list read once at construction (a missing one fails the server's start), so a request
 * only ever looks a name up in a map: no file system or class-path access per request, and no path a request
 * could traverse. Responses carry {@code Cache-Control: no-cache} with a content-hash {@code ETag} (the browser
 * revalidates, and gets a 304 while the file is unchanged), {@code X-Content-Type-Options: nosniff}, and a
 * {@code Content-Security-Policy} that allows only this origin (the page loads nothing from elsewhere).
 *
 * <p>Immutable after construction; shared by all connections' event loops.
 */
public final class WebAssets
{
    /** Path prefix of the files other than the page itself. */
    public static final String PREFIX = "/web/";

    /** The files served, in {@code web/} on the class path. */
    public static final List<String> FILES = List.of("index.html", "voxgate.css", "voxgate.js", "capture-worklet.js");

    private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8");

    private final Map<String, Asset> assets;

    private record Asset(byte[] body, String contentType, String etag)
    {
    }

    private WebAssets(final Map<String, Asset> assets)
    {
        this.assets = assets;
    }

    /**
     * Reads {@link #FILES} from {@code web/} on this class's class path.
     *
     * @return the assets.
     * @throws IllegalStateException when a file is missing (a broken build, not a request error).
     */
    public static WebAssets fromClassPath()
    {
        final Map<String, Asset> assets = new TreeMap<>();
        for (final String name : FILES)
        {
            try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream("web/" + name))
            {
                if (in == null)
                {
                    throw new IllegalStateException("web/" + name + " is missing from the class path");
                }
                final byte[] body = in.readAllBytes();
                final String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
                if (type == null)
                {
                    throw new IllegalStateException("web/" + name + ": no content type for its extension");
                }
                assets.put(name, new Asset(body, type, etag(body)));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read web/" + name, ex);
            }
        }
        return new WebAssets(Map.copyOf(assets));
    }

    /**
     * Whether a request path is one this class answers ({@code /} or under {@link #PREFIX}); unknown names under
     * the prefix are answered too (404).
     *
     * @param path the decoded request path.
     * @return true for {@code /} and {@code /web/...}.
     */
    public static boolean handles(final String path)
    {
        return "/".equals(path) || path.startsWith(PREFIX);
    }

    /**
     * Answers a {@code GET} or {@code HEAD} for {@code path} (405 for another method, 404 for an unknown name).
     *
     * @param ctx       the connection.
     * @param keepAlive whether to keep the connection open after the response.
     * @param request   the request (not released here).
     * @param path      the decoded request path, for which {@link #handles(String)} is true.
     */
    public void serve(
        final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpRequest request, final String path)
    {
        final HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method))
        {
            HttpReplies.methodNotAllowed(ctx, keepAlive, method, "GET, HEAD");
            return;
        }
        final Asset asset = assets.get("/".equals(path) ? "index.html" : path.substring(PREFIX.length()));
        if (asset == null)
        {
            HttpReplies.text(ctx, keepAlive, method, HttpResponseStatus.NOT_FOUND, "not found\n");
            return;
        }
        final boolean unchanged = asset.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        final boolean withBody = !unchanged && HttpMethod.GET.equals(method);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
            withBody ? Unpooled.wrappedBuffer(asset.body()) : Unpooled.EMPTY_BUFFER);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, asset.contentType())
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
            .set(HttpHeaderNames.ETAG, asset.etag())
            .set("X-Content-Type-Options", "nosniff")
            .set("Content-Security-Policy", CSP)
            .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        if (!unchanged)
        {
            HttpUtil.setContentLength(response, asset.body().length);
        }
        if (keepAlive)
        {
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String etag(final byte[] body)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }
}
