package io.voxgate.server.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Wraps each {@link WsEvent} in WS v1's envelope {@code {"type","seq","sessionId","ts",...}} as it is written. The
 * sequence number is assigned here, on the channel's event loop, in write order: events written by the egress
 * thread and by the event loop itself therefore carry a strictly increasing {@code seq} in the order the client
 * receives them.
 *
 * <p>One per connection; runs on its event loop only.
 */
final class WsEnvelopeEncoder extends MessageToMessageEncoder<WsEvent>
{
    private final LongSupplier wallClock;
    private long seq;
    private String sessionIdJson = "null";

    WsEnvelopeEncoder(final LongSupplier wallClock)
    {
        super(WsEvent.class);
        this.wallClock = wallClock;
    }

    void sessionId(final String sessionId)
    {
        sessionIdJson = WsJson.quote(sessionId);
    }

    @Override
    protected void encode(final ChannelHandlerContext ctx, final WsEvent event, final List<Object> out)
    {
        final StringBuilder json = new StringBuilder(64 + event.fields().length());
        json.append("{\"type\":\"").append(event.type()).append("\",\"seq\":").append(++seq)
            .append(",\"sessionId\":").append(sessionIdJson)
            .append(",\"ts\":").append(wallClock.getAsLong());
        if (!event.fields().isEmpty())
        {
            json.append(',').append(event.fields());
        }
        json.append('}');
        final ByteBuf buf = ByteBufUtil.writeUtf8(ctx.alloc(), json);
        out.add(new TextWebSocketFrame(buf));
    }
}
