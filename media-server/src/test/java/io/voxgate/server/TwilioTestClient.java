package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.fail;

import io.voxgate.server.pipeline.CallAudio;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * A real Netty WebSocket client playing Twilio's side of a Media Streams call on loopback: sends JSON text frames
 * (or anything else a test wants to throw at the server), collects what the server sends, and records the status
 * of the server's close frame.
 */
final class TwilioTestClient implements AutoCloseable
{
    /** How long a test waits for something that must happen (a liveness bound, not a timing assertion). */
    static final long PATIENCE_SECONDS = 60;

    private final Channel channel;
    private final LinkedBlockingQueue<String> received;
    private final CompletableFuture<Integer> closeStatus;
    private final List<String> seen = new ArrayList<>();
    private final AtomicInteger count;
    private long sequence;

    private TwilioTestClient(
        final Channel channel,
        final LinkedBlockingQueue<String> received,
        final CompletableFuture<Integer> close,
        final AtomicInteger count)
    {
        this.channel = channel;
        this.count = count;
        this.received = received;
        this.closeStatus = close;
    }

    /**
     * Connects and completes the WebSocket handshake.
     *
     * @return the connected client.
     * @throws HandshakeRefused when the server answered the upgrade with an HTTP status.
     */
    static TwilioTestClient connect(final EventLoopGroup group, final URI uri, final HttpHeaders headers)
        throws Exception
    {
        final WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, false, headers == null ? new DefaultHttpHeaders() : headers, 1 << 20);
        final CompletableFuture<Integer> handshake = new CompletableFuture<>();
        final CompletableFuture<Integer> close = new CompletableFuture<>();
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final AtomicInteger count = new AtomicInteger();
        final Channel channel = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                        new SimpleChannelInboundHandler<Object>()
                        {
                            @Override
                            public void channelActive(final ChannelHandlerContext ctx)
                            {
                                handshaker.handshake(ctx.channel());
                            }

                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
                            {
                                if (!handshaker.isHandshakeComplete())
                                {
                                    final FullHttpResponse response = (FullHttpResponse)msg;
                                    if (response.status().code() == 101)
                                    {
                                        handshaker.finishHandshake(ctx.channel(), response);
                                        handshake.complete(101);
                                    }
                                    else
                                    {
                                        handshake.complete(response.status().code());
                                        ctx.close();
                                    }
                                }
                                else if (msg instanceof TextWebSocketFrame text)
                                {
                                    count.incrementAndGet();
                                    received.add(text.text());
                                }
                                else if (msg instanceof CloseWebSocketFrame frame)
                                {
                                    close.complete(frame.statusCode());
                                    ctx.close();
                                }
                            }

                            @Override
                            public void channelInactive(final ChannelHandlerContext ctx)
                            {
                                handshake.complete(-1);
                                close.complete(1006);
                            }

                            @Override
                            public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
                            {
                                ctx.close();
                            }
                        });
                }
            })
            .connect(uri.getHost(), uri.getPort())
            .sync()
            .channel();
        final int status = handshake.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (status != 101)
        {
            channel.close().sync();
            throw new HandshakeRefused(status);
        }
        return new TwilioTestClient(channel, received, close, count);
    }

    /** The upgrade was answered with an HTTP status instead of 101. */
    static final class HandshakeRefused extends Exception
    {
        private static final long serialVersionUID = 1L;

        final int status;

        HandshakeRefused(final int status)
        {
            super("upgrade refused with HTTP " + status);
            this.status = status;
        }
    }

    TwilioTestClient send(final String json)
    {
        return send(new TextWebSocketFrame(json));
    }

    TwilioTestClient send(final WebSocketFrame frame)
    {
        channel.writeAndFlush(frame).syncUninterruptibly();
        return this;
    }

    TwilioTestClient sendBinary(final byte[] bytes)
    {
        return send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Sends Twilio's {@code connected} and {@code start}. */
    TwilioTestClient start(final String streamSid, final String assistant)
    {
        sequence = 0;
        send(TwilioMessages.connected());
        return send(TwilioMessages.start(streamSid, ++sequence, assistant));
    }

    /** Sends every 20 ms frame of {@code mulaw} as Twilio {@code media} messages. */
    TwilioTestClient media(final String streamSid, final byte[] mulaw)
    {
        for (int frame = 0; frame < mulaw.length / CallAudio.FRAME_BYTES; frame++)
        {
            ++sequence;
            send(TwilioMessages.media(streamSid, sequence, sequence * 20, CallAudio.frame(mulaw, frame)));
        }
        return this;
    }

    TwilioTestClient dtmf(final String streamSid, final char digit)
    {
        return send(TwilioMessages.dtmf(streamSid, ++sequence, digit));
    }

    TwilioTestClient mark(final String streamSid, final String name)
    {
        return send(TwilioMessages.mark(streamSid, ++sequence, name));
    }

    TwilioTestClient stop(final String streamSid)
    {
        return send(TwilioMessages.stop(streamSid, ++sequence));
    }

    /**
     * Waits for the next message from the server that matches, keeping the ones passed over in {@link #seen()}.
     *
     * @return the message.
     */
    String await(final String what, final Predicate<String> match) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (true)
        {
            final String next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null)
            {
                fail("no " + what + " within " + PATIENCE_SECONDS + " s; received " + seen);
            }
            seen.add(next);
            if (match.test(next))
            {
                return next;
            }
        }
    }

    /** @return how many text messages the server has sent so far. */
    int receivedCount()
    {
        return count.get();
    }

    /** Every message received so far by {@link #await}. */
    List<String> seen()
    {
        return seen;
    }

    /** Messages received but not yet awaited. */
    List<String> drainReceived()
    {
        final List<String> rest = new ArrayList<>();
        received.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }

    /**
     * Waits for the connection to end.
     *
     * @return the status of the server's close frame, 1006 when the connection dropped without one.
     */
    int awaitClose() throws Exception
    {
        final int status = closeStatus.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        return status;
    }

    boolean isOpen()
    {
        return channel.isActive() && !closeStatus.isDone();
    }

    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
    }
}
