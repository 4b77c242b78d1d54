package io.voxgate.server.http;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Writes complete HTTP responses: status, content type, length, and keep-alive handling (the connection is closed
 * after the response when the request did not ask to keep it). Stateless.
 */
final class HttpReplies
{
    static final String TEXT = "text/plain; charset=utf-8";

    private HttpReplies()
    {
    }

    static void send(
        final ChannelHandlerContext ctx,
        final boolean keepAlive,
        final HttpMethod method,
        final HttpResponseStatus status,
        final String contentType,
        final ByteBuf body)
    {
        final int length = body.readableBytes();
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            HttpMethod.HEAD.equals(method) ? Unpooled.EMPTY_BUFFER : body);
        if (HttpMethod.HEAD.equals(method))
        {
            body.release();
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, length);
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** 426 for a plain request on a WebSocket path; the connection is closed, and the reply says so. */
    static void upgradeRequired(final ChannelHandlerContext ctx)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.UPGRADE_REQUIRED,
            Unpooled.copiedBuffer("expected a WebSocket upgrade\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        // Said, not only done: a client that is not told keeps the connection for its next request and finds it reset.
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    static void text(
        final ChannelHandlerContext ctx,
        final boolean keepAlive,
        final HttpMethod method,
        final HttpResponseStatus status,
        final String text)
    {
        send(ctx, keepAlive, method, status, TEXT, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    static void methodNotAllowed(
        final ChannelHandlerContext ctx, final boolean keepAlive, final HttpMethod method, final String allow)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            Unpooled.copiedBuffer("method not allowed\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE :
            HttpHeaderValues.CLOSE);
        if (keepAlive)
        {
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
