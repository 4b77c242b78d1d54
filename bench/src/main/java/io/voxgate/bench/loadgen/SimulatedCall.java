package io.voxgate.bench.loadgen;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Consumer;

/**
 * One simulated Twilio call: after the WebSocket handshake it sends {@code connected} and {@code start}, then on
 * every tick exactly one 20 ms {@code media} frame, and {@code stop} after its last frame. What it says follows a
 * caller script: a short staggered lead-in of silence, an utterance, silence until the reply has been played (by
 * the {@link VirtualPlayout}) and a pause, the next utterance, and so on. A barge-in call starts its next utterance
 * half a second into each reply instead, so the server must clear the playback.
 *
 * <p>It measures time to first audio (its last frame of an utterance sent → the reply's first media frame received)
 * and barge-in reaction (its first frame over the reply sent → {@code clear} received), echoes marks as Twilio
 * would, and checks each reply segment for gaps: at every mark {@code r<run>:t<turn>:s<segment>:<ms>} the audio
 * received since the previous mark of the run must be exactly the milliseconds the mark advanced.
 *
 * <p><b>Threading:</b> a Netty handler; everything runs on the channel's event loop, the tick included.
 */
final class SimulatedCall extends ChannelInboundHandlerAdapter
{
    private static final int LEAD_TICKS = 25;
    private static final int PAUSE_TICKS = 30;
    private static final int REPLY_TIMEOUT_TICKS = 300;
    private static final int BARGE_IN_DELAY_TICKS = 25;

    private enum Phase
    {
        CONNECTING, LEAD, SPEAKING, WAITING, PAUSE, DONE
    }

    private final int id;
    private final CallGroups groups;
    private final CallerAudio audio;
    private final int totalFrames;
    private final boolean bargeIn;
    private final String assistant;
    private final TwilioOutbound outbound;
    private final VirtualPlayout playout = new VirtualPlayout();
    private final Consumer<String> echo = this::echo;
    private CallGroup group;
    private Channel channel;
    private Phase phase = Phase.CONNECTING;
    private long ticks;
    private long phaseUntilTick;
    private int framesSent;
    private long sequence = 1;
    private int utterance;
    private int utteranceFrame;
    private long utteranceEndNanos;
    private boolean awaitingReply;
    private long replyStartedTick = -1;
    private long bargeInStartNanos;
    private String markRun = "";
    private long markMs;
    private long bytesSinceMark;
    private int replies;
    private int clears;

    SimulatedCall(final int id, final CallGroups groups, final CallerAudio audio, final int totalFrames,
        final boolean bargeIn, final String assistant)
    {
        this.id = id;
        this.groups = groups;
        this.audio = audio;
        this.totalFrames = totalFrames;
        this.bargeIn = bargeIn;
        this.assistant = assistant;
        final String hex = String.format("%032x", id);
        this.outbound = new TwilioOutbound("MZ" + hex, "CA" + hex, "AC" + "0".repeat(32));
        this.utterance = id % audio.utterances();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            channel = ctx.channel();
            group = groups.of(channel.eventLoop());
            group.stats().callsStarted++;
            final ByteBufAllocator alloc = channel.alloc();
            channel.write(new TextWebSocketFrame(alloc.ioBuffer().writeBytes(TwilioOutbound.CONNECTED)));
            channel.writeAndFlush(new TextWebSocketFrame(outbound.start(alloc, assistant)));
            phase = Phase.LEAD;
            phaseUntilTick = (id * 7L) % LEAD_TICKS;
            group.add(this);
        }
        else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
        {
            fail(ctx.channel());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (msg instanceof TextWebSocketFrame text && null != group)
            {
                onMessage(group.message().parse(text.content()), System.nanoTime());
            }
            else if (msg instanceof CloseWebSocketFrame && Phase.DONE != phase)
            {
                fail(ctx.channel());
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (Phase.DONE != phase)
        {
            fail(ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        fail(ctx.channel());
        ctx.close();
    }

    /** A failed connection attempt (no channel handshake ever happened). */
    void connectFailed(final LoadStats stats)
    {
        phase = Phase.DONE;
        stats.callsFailed++;
        groups.callFinished();
    }

    /**
     * Sends this tick's frame (and marks now due); after the last frame, {@code stop} and a normal close.
     *
     * @param now the time.
     * @return false once the call is over (the group drops it).
     */
    boolean tick(final long now)
    {
        if (Phase.DONE == phase)
        {
            return false;
        }
        final LoadStats stats = group.stats();
        playout.release(now, echo);
        if (framesSent == totalFrames)
        {
            finish(stats);
            return false;
        }
        advance(now, stats);
        final byte[] payload = Phase.SPEAKING == phase ? audio.frame(utterance, utteranceFrame) : audio.silence();
        framesSent++;
        channel.writeAndFlush(new TextWebSocketFrame(
            outbound.media(channel.alloc(), ++sequence, framesSent, 20L * framesSent, payload)), channel.voidPromise());
        stats.framesSent++;
        if (Phase.SPEAKING == phase && ++utteranceFrame == audio.frames(utterance))
        {
            stats.utterances++;
            utteranceEndNanos = now;
            awaitingReply = true;
            replyStartedTick = -1;
            utterance = (utterance + 1) % audio.utterances();
            enter(Phase.WAITING, ticks + REPLY_TIMEOUT_TICKS);
        }
        ticks++;
        return true;
    }

    private void advance(final long now, final LoadStats stats)
    {
        switch (phase)
        {
            case LEAD, PAUSE ->
            {
                if (ticks >= phaseUntilTick)
                {
                    speak();
                }
            }
            case WAITING ->
            {
                if (replyStartedTick >= 0 && bargeIn && ticks >= replyStartedTick + BARGE_IN_DELAY_TICKS &&
                    !playout.idle(now))
                {
                    if (0 != bargeInStartNanos)
                    {
                        stats.bargeInsUnanswered++;
                    }
                    stats.bargeInAttempts++;
                    bargeInStartNanos = now;
                    speak();
                }
                else if (replyStartedTick >= 0 && playout.idle(now))
                {
                    enter(Phase.PAUSE, ticks + PAUSE_TICKS);
                }
                else if (ticks >= phaseUntilTick)
                {
                    stats.unansweredTurns++;
                    awaitingReply = false;
                    speak();
                }
            }
            default ->
            {
            }
        }
    }

    private void speak()
    {
        utteranceFrame = 0;
        enter(Phase.SPEAKING, Long.MAX_VALUE);
    }

    private void enter(final Phase next, final long untilTick)
    {
        phase = next;
        phaseUntilTick = untilTick;
    }

    private void onMessage(final ServerMessage message, final long now)
    {
        final LoadStats stats = group.stats();
        switch (message.kind)
        {
            case ServerMessage.MEDIA ->
            {
                stats.mediaReceived++;
                stats.mediaBytesReceived += message.payloadBytes;
                bytesSinceMark += message.payloadBytes;
                playout.audio(message.payloadBytes, now);
                if (awaitingReply)
                {
                    awaitingReply = false;
                    replyStartedTick = ticks;
                    stats.repliesReceived++;
                    replies++;
                    LoadStats.record(stats.timeToFirstAudio, now - utteranceEndNanos);
                }
            }
            case ServerMessage.MARK ->
            {
                stats.marksReceived++;
                checkSegment(message.markName, stats);
                playout.mark(message.markName, now, echo);
            }
            case ServerMessage.CLEAR ->
            {
                stats.clearsReceived++;
                clears++;
                playout.clear(now, echo);
                bytesSinceMark = 0;
                if (0 != bargeInStartNanos)
                {
                    LoadStats.record(stats.bargeInReaction, now - bargeInStartNanos);
                    bargeInStartNanos = 0;
                }
            }
            default -> stats.unknownMessages++;
        }
    }

    /** Counts a gap when the audio since the run's previous mark differs from what the mark says was added. */
    private void checkSegment(final String name, final LoadStats stats)
    {
        final int lastColon = name.lastIndexOf(':');
        final int firstColon = name.indexOf(':');
        if (firstColon < 0 || lastColon <= firstColon)
        {
            return;
        }
        final long ms;
        try
        {
            ms = Long.parseLong(name, lastColon + 1, name.length(), 10);
        }
        catch (final NumberFormatException ex)
        {
            return;
        }
        if (!name.regionMatches(0, markRun, 0, firstColon) || markRun.length() != firstColon)
        {
            markRun = name.substring(0, firstColon);
            markMs = 0;
        }
        if (bytesSinceMark != 8 * (ms - markMs))
        {
            stats.replyGaps++;
        }
        markMs = ms;
        bytesSinceMark = 0;
    }

    private void echo(final String name)
    {
        if (Phase.DONE != phase)
        {
            group.stats().marksEchoed++;
            channel.writeAndFlush(new TextWebSocketFrame(outbound.mark(channel.alloc(), ++sequence, name)),
                channel.voidPromise());
        }
    }

    private void finish(final LoadStats stats)
    {
        stats.marksPendingAtEnd += playout.pendingMarks();
        if (0 != bargeInStartNanos)
        {
            stats.bargeInsUnanswered++;
        }
        phase = Phase.DONE;
        stats.callsCompleted++;
        stats.callsWithReply += replies > 0 ? 1 : 0;
        stats.callsWithClear += clears > 0 ? 1 : 0;
        channel.write(new TextWebSocketFrame(outbound.stop(channel.alloc(), ++sequence)), channel.voidPromise());
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "call ended"))
            .addListener((f) -> channel.close());
        groups.callFinished();
    }

    private void fail(final Channel failed)
    {
        if (Phase.DONE == phase)
        {
            return;
        }
        phase = Phase.DONE;
        final CallGroup failedGroup = null != group ? group : groups.of(failed.eventLoop());
        failedGroup.stats().callsFailed++;
        failed.close();
        groups.callFinished();
    }
}
