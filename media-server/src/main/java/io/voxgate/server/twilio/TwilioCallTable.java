package io.voxgate.server.twilio;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.pipeline.EgressSink;
import org.agrona.DirectBuffer;

/**
 * The Twilio transport's session table: which call's WebSocket belongs to each pipeline session index, and the
 * pipeline's way back to the caller ({@link EgressSink}).
 *
 * <p><b>Threading:</b> an entry is set on the call's event loop before it publishes the session's {@code START}
 * slot (the ring publication orders that write before the egress thread reads it) and cleared on the egress thread
 * in {@link #sessionEnded(int)}; {@link #sendText} and {@link #close} run on the egress thread. Egress bytes are
 * copied into a buffer from the channel's allocator and written through the channel, which hands the write to the
 * channel's event loop: the egress thread never touches a Netty buffer after the write.
 */
public final class TwilioCallTable implements EgressSink
{
    private final AtomicReferenceArray<TwilioStreamHandler> calls;
    private final TwilioCounters counters;

    /**
     * Creates an empty table.
     *
     * @param maxCalls the pipeline's session capacity (indices {@code [0, maxCalls)}).
     * @param counters where egress traffic and drops are counted.
     */
    public TwilioCallTable(final int maxCalls, final TwilioCounters counters)
    {
        this.calls = new AtomicReferenceArray<>(maxCalls);
        this.counters = counters;
    }

    void attach(final int sessionIndex, final TwilioStreamHandler call)
    {
        calls.set(sessionIndex, call);
    }

    void detach(final int sessionIndex, final TwilioStreamHandler call)
    {
        calls.compareAndSet(sessionIndex, call, null);
    }

    @Override
    public void sendText(final int sessionIndex, final DirectBuffer utf8, final int offset, final int length)
    {
        final TwilioStreamHandler call = calls.get(sessionIndex);
        final Channel channel = call == null ? null : call.channel();
        if (channel == null || !channel.isActive())
        {
            counters.drops.increment(TransportDrop.EGRESS_CHANNEL_CLOSED);
            return;
        }
        if (!channel.isWritable())
        {
            counters.drops.increment(TransportDrop.EGRESS_BACKPRESSURE);
            return;
        }
        final ByteBuf out = channel.alloc().directBuffer(length, length);
        boolean handedOn = false;
        try
        {
            final ByteBuffer view = out.internalNioBuffer(0, length);
            utf8.getBytes(offset, view, view.position(), length);
            out.writerIndex(length);
            // The void promise saves an allocation per message; a failed write closes the channel anyway.
            channel.writeAndFlush(new TextWebSocketFrame(out), channel.voidPromise());
            handedOn = true;
        }
        finally
        {
            if (!handedOn)
            {
                out.release();
            }
        }
        counters.messagesOut.increment();
        counters.bytesOut.add(length);
    }

    @Override
    public void close(final int sessionIndex, final int statusCode, final String reason)
    {
        final TwilioStreamHandler call = calls.get(sessionIndex);
        if (call != null)
        {
            call.hangUp(statusCode, reason);
        }
    }

    @Override
    public void sessionEnded(final int sessionIndex)
    {
        calls.set(sessionIndex, null);
    }
}
