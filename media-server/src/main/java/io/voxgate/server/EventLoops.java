package io.voxgate.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.voxgate.server.config.SocketTransport;

/**
 * The Netty event-loop groups and server channel type for the chosen {@link SocketTransport}: native epoll on
 * Linux (edge-triggered, fewer system calls and copies per frame) or portable NIO.
 *
 * @param acceptor   the group accepting connections (one thread).
 * @param workers    the groups serving connections.
 * @param channel    the server channel class.
 * @param nativeEpoll whether epoll is in use.
 */
record EventLoops(
    EventLoopGroup acceptor, EventLoopGroup workers, Class<? extends ServerChannel> channel, boolean nativeEpoll)
{
    static EventLoops create(final SocketTransport transport, final int ioThreads)
    {
        final boolean epoll = switch (transport)
        {
            case EPOLL ->
            {
                if (!Epoll.isAvailable())
                {
                    throw new IllegalStateException("VOXGATE_TRANSPORT=epoll but native epoll is unavailable: " +
                        Epoll.unavailabilityCause());
                }
                yield true;
            }
            case NIO -> false;
            case AUTO -> Epoll.isAvailable();
        };
        final DefaultThreadFactory acceptorThreads = new DefaultThreadFactory("voxgate-accept", true);
        final DefaultThreadFactory workerThreads = new DefaultThreadFactory("voxgate-io", true);
        if (epoll)
        {
            return new EventLoops(new EpollEventLoopGroup(1, acceptorThreads),
                new EpollEventLoopGroup(ioThreads, workerThreads), EpollServerSocketChannel.class, true);
        }
        return new EventLoops(new NioEventLoopGroup(1, acceptorThreads), new NioEventLoopGroup(ioThreads,
            workerThreads), NioServerSocketChannel.class, false);
    }
}
