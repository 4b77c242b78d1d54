package io.voxgate.server.config;

/**
 * Which socket implementation Netty uses: native epoll on Linux (fewer copies and system calls) or the portable
 * NIO transport.
 */
public enum SocketTransport
{
    /** Epoll when the native library loads on this machine, NIO otherwise. */
    AUTO,

    /** Native epoll; start-up fails if it is unavailable. */
    EPOLL,

    /** Portable Java NIO. */
    NIO
}
