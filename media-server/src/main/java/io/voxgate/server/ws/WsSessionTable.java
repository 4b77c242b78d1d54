package io.voxgate.server.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.voxgate.server.pipeline.EgressSink;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * WS v1's session table and the pipeline's way back to browser/app clients: which connection owns each session
 * index, and the egress side of each: reply audio as binary frames, typed events (enveloped on the event loop by
 * {@link WsEnvelopeEncoder}), and the playout clock that echoes marks back as the client would have played them.
 *
 * <p><b>Threading:</b> entries are set on the connection's event loop before its {@code START} is published and
 * cleared on the egress thread in {@link #sessionEnded}; the sink methods run on the egress thread and hand every
 * write to the channel (its event loop). The playout clock of a session is advanced only on the egress thread.
 */
public final class WsSessionTable implements EgressSink
{
    private final AtomicReferenceArray<WsSessionHandler> sessions;
    private final WsCounters counters;

    /**
     * Creates an empty table.
     *
     * @param maxCalls the pipeline's session capacity.
     * @param counters where traffic and drops are counted.
     */
    public WsSessionTable(final int maxCalls, final WsCounters counters)
    {
        this.sessions = new AtomicReferenceArray<>(maxCalls);
        this.counters = counters;
    }

    void attach(final int sessionIndex, final WsSessionHandler session)
    {
        sessions.set(sessionIndex, session);
    }

    private Channel writable(final WsSessionHandler session)
    {
        final Channel channel = null == session ? null : session.channel();
        if (null == channel || !channel.isActive() || session.isClosing())
        {
            counters.egressDropped.increment();
            return null;
        }
        return channel;
    }

    @Override
    public void sendText(final int sessionIndex, final DirectBuffer utf8, final int offset, final int length)
    {
        // Twilio-shaped messages never reach a client session; count it as a drop if one does.
        counters.egressDropped.increment();
    }

    @Override
    public void sendAudio(final int sessionIndex, final DirectBuffer pcm, final int offset, final int length)
    {
        final WsSessionHandler session = sessions.get(sessionIndex);
        final Channel channel = writable(session);
        if (null == channel)
        {
            return;
        }
        session.playout().played(length);
        if (!channel.isWritable())
        {
            // A client that cannot keep up loses audio rather than making the server buffer without bound.
            counters.egressDropped.increment();
            return;
        }
        final ByteBuf out = channel.alloc().directBuffer(length, length);
        boolean handedOn = false;
        try
        {
            final ByteBuffer view = out.internalNioBuffer(0, length);
            pcm.getBytes(offset, view, view.position(), length);
            out.writerIndex(length);
            channel.writeAndFlush(new BinaryWebSocketFrame(out), channel.voidPromise());
            handedOn = true;
            counters.audioFramesOut.increment();
        }
        finally
        {
            if (!handedOn)
            {
                out.release();
            }
        }
    }

    @Override
    public void sendEvent(final int sessionIndex, final String type, final String fieldsJson)
    {
        final WsSessionHandler session = sessions.get(sessionIndex);
        final Channel channel = writable(session);
        if (null != channel)
        {
            // Counted before the write: whoever sees the event (a client, a test) must find it counted.
            counters.eventsOut.increment();
            if ("error".equals(type))
            {
                countError(fieldsJson);
            }
            channel.writeAndFlush(new WsEvent(type, fieldsJson), channel.voidPromise());
        }
    }

    /** Errors decided on the orchestrator thread (e.g. an unknown tool call) are counted like the transport's. */
    private void countError(final String fieldsJson)
    {
        final String prefix = "\"code\":\"";
        final int start = fieldsJson.indexOf(prefix);
        final int end = start < 0 ? -1 : fieldsJson.indexOf('"', start + prefix.length());
        if (end > 0)
        {
            final String code = fieldsJson.substring(start + prefix.length(), end);
            for (final WsError error : WsError.values())
            {
                if (error.code().equals(code))
                {
                    counters.errors.increment(error);
                }
            }
        }
    }

    @Override
    public void sendMark(final int sessionIndex, final DirectBuffer name, final int offset, final int length)
    {
        final WsSessionHandler session = sessions.get(sessionIndex);
        if (null != session)
        {
            final String mark = name.getStringWithoutLengthAscii(offset, length);
            final long dueNanos = session.playout().endNanos();
            session.channel().eventLoop().execute(() -> session.markQueued(mark, dueNanos));
        }
    }

    @Override
    public void clearPlayout(final int sessionIndex)
    {
        final WsSessionHandler session = sessions.get(sessionIndex);
        if (null != session)
        {
            session.playout().clear();
            session.channel().eventLoop().execute(session::playoutCleared);
        }
    }

    @Override
    public void close(final int sessionIndex, final int statusCode, final String reason)
    {
        final WsSessionHandler session = sessions.get(sessionIndex);
        if (null != session)
        {
            session.channel().eventLoop().execute(() -> session.stop("assistant", statusCode));
        }
    }

    @Override
    public void sessionEnded(final int sessionIndex)
    {
        sessions.set(sessionIndex, null);
    }
}
