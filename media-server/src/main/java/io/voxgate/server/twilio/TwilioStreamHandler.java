package io.voxgate.server.twilio;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.server.pipeline.CallRegistry;
import io.voxgate.server.pipeline.CallStart;
import io.voxgate.server.pipeline.IngressRing;
import io.voxgate.server.pipeline.PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Twilio Media Streams WebSocket (protocols.md §1.3): parses each text frame, enforces the protocol order
 * {@code connected} → {@code start} → ({@code media} | {@code dtmf} | {@code mark})* → {@code stop}, and publishes
 * the call's messages into the ingress ring.
 *
 * <p>Bad input never goes further than this connection: each {@link ProtocolError} is counted, logged once per
 * call with its stream SID, and either ignored (the message is dropped) or, when fatal, ends the call with the
 * error's close status. The call's session in the pipeline always gets exactly one terminal slot: {@code stop}
 * when Twilio sent it, otherwise {@code closed} when the socket goes away (retried on the event loop while the
 * ring is full, never dropped).
 *
 * <p>On {@code start} the call's assistant is prepared first ({@code AssistantPreparer}); when that needs a fetch,
 * reading pauses and frames already decoded are held (at most {@link #MAX_HELD_FRAMES}), then replayed in order
 * right after {@code START} is published, on the event loop, when the fetch completes.
 *
 * <p>When the endpoint has a {@link StreamToken} ({@code TWILIO_AUTH_TOKEN} set), {@code start} must carry a valid
 * {@code token} custom parameter for its {@code start.callSid}; otherwise the call is closed with 1008 before it gets
 * a session or its assistant is prepared (counted as {@code invalid_stream_token} and {@code refused_token}).
 *
 * <p><b>Threading:</b> everything runs on the channel's event loop except {@link #hangUp} and {@link #channel},
 * which the pipeline's egress thread calls. Inbound frames are released in {@code finally}; nothing of a Netty
 * buffer leaves the event loop (the payload is copied into the ring slot while publishing).
 */
public final class TwilioStreamHandler extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(TwilioStreamHandler.class);
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final int NO_STATUS = 1005;
    private static final int TRY_AGAIN_LATER = 1013;
    /**
     * Frames held while the call's assistant is prepared: with reading paused only what one socket read already
     * decoded arrives meanwhile (a 64 KiB read is about 180 media messages); more closes the call with 1013.
     */
    static final int MAX_HELD_FRAMES = 512;

    private final TwilioEndpoint endpoint;
    private final IngressRing ingress;
    private final TwilioCounters counters;
    private final TwilioMessageReader reader;
    private final TwilioMessage message = new TwilioMessage();
    private final Base64Decoder decoder = new Base64Decoder();
    private final CallErrorLog errors;
    private final Runnable endDeferral;

    private volatile Channel channel;
    private boolean connected;
    private boolean started;
    private boolean stopped;
    private boolean terminalPublished;
    private boolean closing;
    private int sessionIndex = CallRegistry.NO_CAPACITY;
    private String streamSid = "(before start)";
    private int closeStatus = ABNORMAL_CLOSURE;
    private CallOutcome outcome;
    /** Frames that arrived while the assistant was being prepared, in order; {@code null} when not preparing. */
    private ArrayDeque<HeldFrame> held;

    TwilioStreamHandler(final TwilioEndpoint endpoint)
    {
        this.endpoint = endpoint;
        this.ingress = endpoint.ingress();
        this.endDeferral = ingress::endDeferral;
        this.counters = endpoint.counters();
        this.reader = new TwilioMessageReader(endpoint.maxFrameBytes());
        this.errors = new CallErrorLog(counters);
    }

    /**
     * The call's channel, once the handler is in a pipeline; read by the egress thread.
     *
     * @return the channel, or {@code null} before {@code handlerAdded}.
     */
    Channel channel()
    {
        return channel;
    }

    /** @return the call's stream SID once {@code start} arrived (for logs and tests). */
    String streamSid()
    {
        return streamSid;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
    }

    /** @return whether the call's start waits for its assistant (frames are held meanwhile). */
    boolean isPreparing()
    {
        return null != held;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (null != held)
        {
            hold(ctx, msg);
            return;
        }
        try
        {
            dispatch(ctx, msg, System.nanoTime());
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(final ChannelHandlerContext ctx, final Object msg, final long receivedNanos)
    {
        if (msg instanceof TextWebSocketFrame text)
        {
            onText(ctx, text.content(), receivedNanos);
        }
        else if (msg instanceof BinaryWebSocketFrame)
        {
            counters.messagesIn.increment();
            protocolError(ctx, ProtocolError.BINARY_FRAME, "binary frame");
        }
        else if (msg instanceof PingWebSocketFrame ping)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        }
        else if (msg instanceof CloseWebSocketFrame close)
        {
            onPeerClose(ctx, close);
        }
        // Pong and anything else: nothing to do.
    }

    /** Keeps a frame (and its ownership) until the assistant is prepared, or refuses the call when too many came. */
    private void hold(final ChannelHandlerContext ctx, final Object msg)
    {
        if (held.size() < MAX_HELD_FRAMES)
        {
            held.add(new HeldFrame(msg, System.nanoTime()));
            return;
        }
        ReferenceCountUtil.release(msg);
        closeWith(ctx, TRY_AGAIN_LATER, "assistant not ready", CallOutcome.REFUSED_CAPACITY);
    }

    private void onText(final ChannelHandlerContext ctx, final ByteBuf content, final long receivedNanos)
    {
        counters.messagesIn.increment();
        counters.bytesIn.add(content.readableBytes());
        if (closing)
        {
            return;
        }
        final ProtocolError error = reader.read(content, message);
        if (error != null)
        {
            protocolError(ctx, error, "unparseable message");
            return;
        }
        switch (message.event)
        {
            case MEDIA -> onMedia(ctx, receivedNanos);
            case START -> onStart(ctx, receivedNanos);
            case DTMF -> onDtmf(ctx, receivedNanos);
            case MARK -> onMark(ctx, receivedNanos);
            case STOP -> onStop(ctx, receivedNanos);
            case CONNECTED -> onConnected(ctx);
            case UNKNOWN -> protocolError(ctx, ProtocolError.UNKNOWN_EVENT, "unknown event");
            case NONE -> protocolError(ctx, ProtocolError.MISSING_FIELD, "no event");
        }
    }

    private void onConnected(final ChannelHandlerContext ctx)
    {
        if (connected || started)
        {
            protocolError(ctx, ProtocolError.UNEXPECTED_CONNECTED, "connected again");
            return;
        }
        connected = true;
    }

    private void onStart(final ChannelHandlerContext ctx, final long receivedNanos)
    {
        if (started)
        {
            protocolError(ctx, ProtocolError.DUPLICATE_START, "second start");
            return;
        }
        final String sid = message.startStreamSid != null ? message.startStreamSid :
            message.hasStreamSid ? message.streamSid.toString() : null;
        if (!message.hasStart || sid == null)
        {
            protocolError(ctx, ProtocolError.MISSING_FIELD, "start without start.streamSid");
            return;
        }
        if (message.encoding != null && !message.encoding.equals("audio/x-mulaw") ||
            message.sampleRate != -1 && message.sampleRate != 8000 || message.channels != -1 && message.channels != 1)
        {
            protocolError(ctx, ProtocolError.UNSUPPORTED_MEDIA_FORMAT, message.encoding + "/" + message.sampleRate +
                "/" + message.channels);
            return;
        }
        final Map<String, String> parameters = message.customParameters;
        final CallStart parsed;
        try
        {
            parsed = new CallStart(sid, message.callSid, message.accountSid,
                parameters.getOrDefault("assistant", parameters.getOrDefault("assistant_id", "")), parameters);
        }
        catch (final IllegalArgumentException ex)
        {
            protocolError(ctx, ProtocolError.INVALID_STREAM_SID, ex.getMessage());
            return;
        }
        streamSid = sid;
        final CallStart start = withoutValidToken(ctx, parsed);
        if (null == start)
        {
            return;
        }
        final long sequenceNumber = message.sequenceNumber;
        final CompletableFuture<String> assistant = endpoint.assistants().prepare(start.assistant());
        if (assistant.isDone())
        {
            publishStart(ctx, withAssistant(start, assistant.getNow("")), receivedNanos, sequenceNumber);
            return;
        }
        // The assistant is being fetched (off this event loop): pause the socket and hold what was already decoded,
        // so no frame is lost or overtakes START; both resume, in order, once the assistant is known.
        held = new ArrayDeque<>();
        ctx.channel().config().setAutoRead(false);
        assistant.whenComplete((id, error) -> ctx.executor().execute(() ->
            onAssistantPrepared(ctx, withAssistant(start, null == error ? id : ""), receivedNanos, sequenceNumber)));
    }

    /**
     * Checks the stream token when one is required (before anything is allocated for the call: no session index, no
     * assistant preparation) and refuses the call with 1008 if it is not valid for this call.
     *
     * @return the start without its token (it has done its job: it stays out of the assistant's variables, session
     * logs and history), the start itself when no token is required, or {@code null} when the call was refused.
     */
    private CallStart withoutValidToken(final ChannelHandlerContext ctx, final CallStart start)
    {
        final StreamToken tokens = endpoint.streamTokens();
        if (null == tokens)
        {
            return start;
        }
        final Map<String, String> parameters = start.customParameters();
        final String token = parameters.get(StreamToken.PARAMETER);
        if (!tokens.isValid(token, start.callSid()))
        {
            errors.protocolError(ProtocolError.INVALID_STREAM_TOKEN, streamSid,
                (null == token ? "no" : "invalid") + " token for call " + start.callSid());
            closeWith(ctx, ProtocolError.INVALID_STREAM_TOKEN.closeStatus(), ProtocolError.INVALID_STREAM_TOKEN.label(),
                CallOutcome.REFUSED_TOKEN);
            return null;
        }
        final Map<String, String> rest = new LinkedHashMap<>(parameters);
        rest.remove(StreamToken.PARAMETER);
        return new CallStart(start.streamSid(), start.callSid(), start.accountSid(), start.assistant(), rest);
    }

    private void onAssistantPrepared(final ChannelHandlerContext ctx, final CallStart start, final long receivedNanos,
        final long sequenceNumber)
    {
        final ArrayDeque<HeldFrame> frames = held;
        held = null;
        if (null == frames)
        {
            return; // the channel went away meanwhile (its held frames were released then)
        }
        if (!closing && ctx.channel().isActive())
        {
            publishStart(ctx, start, receivedNanos, sequenceNumber);
        }
        for (HeldFrame frame = frames.poll(); null != frame; frame = frames.poll())
        {
            try
            {
                dispatch(ctx, frame.message(), frame.receivedNanos());
            }
            finally
            {
                ReferenceCountUtil.release(frame.message());
            }
        }
        ctx.channel().config().setAutoRead(true);
    }

    private static CallStart withAssistant(final CallStart start, final String assistant)
    {
        return assistant.equals(start.assistant()) ? start : new CallStart(start.streamSid(), start.callSid(),
            start.accountSid(), assistant, start.customParameters());
    }

    private void publishStart(final ChannelHandlerContext ctx, final CallStart start, final long receivedNanos,
        final long sequenceNumber)
    {
        final CallRegistry registry = endpoint.registry();
        final int index = registry.acquire(start);
        if (index == CallRegistry.NO_CAPACITY)
        {
            closeWith(ctx, TRY_AGAIN_LATER, "server at capacity", CallOutcome.REFUSED_CAPACITY);
            return;
        }
        endpoint.callTable().attach(index, this);
        final int result = ingress.tryPublishStart(index, receivedNanos, sequenceNumber);
        if (result != PublishResult.PUBLISHED)
        {
            endpoint.callTable().detach(index, this);
            registry.abandon(index);
            closeWith(ctx, TRY_AGAIN_LATER, "server overloaded", CallOutcome.REFUSED_CAPACITY);
            return;
        }
        sessionIndex = index;
        started = true;
        LOG.debug("twilio stream {}: started (call {}, assistant {}, session {})", start.streamSid(), start.callSid(),
            start.assistant(), index);
    }

    private void onMedia(final ChannelHandlerContext ctx, final long receivedNanos)
    {
        if (!acceptsCallMessage(ctx, ProtocolError.MEDIA_BEFORE_START))
        {
            return;
        }
        if (!message.hasPayload)
        {
            protocolError(ctx, ProtocolError.MISSING_FIELD, "media without media.payload");
            return;
        }
        if (!message.inboundTrack)
        {
            counters.drops.increment(TransportDrop.OUTBOUND_TRACK);
            return;
        }
        deferWakeUps(ctx);
        final CharArraySequence payload = message.payload;
        final int result = ingress.tryPublishMedia(sessionIndex, receivedNanos, message.sequenceNumber,
            message.timestampMs, payload, 0, payload.length(), decoder);
        switch (result)
        {
            case PublishResult.PUBLISHED, PublishResult.RING_FULL ->
            {
                // RING_FULL is back-pressure, counted by the ring as a dropped frame.
            }
            case PublishResult.INVALID_BASE64 ->
                protocolError(ctx, ProtocolError.INVALID_BASE64, decoder.errorMessage());
            case PublishResult.PAYLOAD_TOO_LARGE ->
                protocolError(ctx, ProtocolError.PAYLOAD_TOO_LARGE, payload.length() + " base64 characters");
            default -> errors.publishFailed(result, "media", streamSid);
        }
    }

    /**
     * Media of many calls arrives in one event-loop I/O batch: their publishes wake the DSP stage once, at the end
     * of the batch, instead of once each (a wake-up costs both threads a context switch).
     */
    private void deferWakeUps(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().eventLoop() instanceof SingleThreadEventLoop loop && ingress.beginDeferral())
        {
            loop.executeAfterEventLoopIteration(endDeferral);
        }
    }

    private void onDtmf(final ChannelHandlerContext ctx, final long receivedNanos)
    {
        if (!acceptsCallMessage(ctx, ProtocolError.EVENT_BEFORE_START))
        {
            return;
        }
        if (!message.hasDigit)
        {
            protocolError(ctx, ProtocolError.MISSING_FIELD, "dtmf without dtmf.digit");
            return;
        }
        final int result = ingress.tryPublishDtmf(sessionIndex, receivedNanos, message.sequenceNumber,
            message.digit);
        switch (result)
        {
            case PublishResult.PUBLISHED, PublishResult.RING_FULL ->
            {
                // RING_FULL is back-pressure, counted by the ring as a dropped frame.
            }
            case PublishResult.BAD_DIGIT -> protocolError(ctx, ProtocolError.BAD_DTMF_DIGIT, "digit not 0-9*#A-D");
            default -> errors.publishFailed(result, "dtmf", streamSid);
        }
    }

    private void onMark(final ChannelHandlerContext ctx, final long receivedNanos)
    {
        if (!acceptsCallMessage(ctx, ProtocolError.EVENT_BEFORE_START))
        {
            return;
        }
        if (!message.hasMarkName)
        {
            protocolError(ctx, ProtocolError.MISSING_FIELD, "mark without mark.name");
            return;
        }
        final int result = ingress.tryPublishMark(sessionIndex, receivedNanos, message.sequenceNumber,
            message.markName);
        switch (result)
        {
            case PublishResult.PUBLISHED, PublishResult.RING_FULL ->
            {
                // RING_FULL is back-pressure, counted by the ring as a dropped frame.
            }
            case PublishResult.BAD_MARK -> protocolError(ctx, ProtocolError.BAD_MARK, "mark name not ours");
            default -> errors.publishFailed(result, "mark", streamSid);
        }
    }

    private void onStop(final ChannelHandlerContext ctx, final long receivedNanos)
    {
        if (!acceptsCallMessage(ctx, ProtocolError.EVENT_BEFORE_START))
        {
            return;
        }
        stopped = true;
        terminalPublished = true;
        TerminalSlot.stop(ingress, ctx.channel().eventLoop(), errors, streamSid, sessionIndex, receivedNanos,
            message.sequenceNumber);
        // The stream is over: close our side too, so a peer that never closes does not linger (anything it sends
        // meanwhile is ignored).
        closeWith(ctx, 1000, "stream stopped", CallOutcome.STOPPED);
    }

    /** Checks the protocol state for media, dtmf, mark and stop (after stop the socket is closing: see onText). */
    private boolean acceptsCallMessage(final ChannelHandlerContext ctx, final ProtocolError beforeStart)
    {
        if (!started)
        {
            protocolError(ctx, beforeStart, message.event.wireName() + " before start");
            return false;
        }
        if (message.hasStreamSid && !message.streamSid.contentEquals(streamSid))
        {
            protocolError(ctx, ProtocolError.STREAM_SID_MISMATCH, "streamSid " + message.streamSid);
            return false;
        }
        return true;
    }

    private void onPeerClose(final ChannelHandlerContext ctx, final CloseWebSocketFrame close)
    {
        if (!closing)
        {
            closing = true;
            final int status = close.statusCode();
            closeStatus = status == -1 ? NO_STATUS : status;
            // RFC 6455 §5.5.1: echo the peer's status; a close without one is answered without one (1005 is never
            // sent on the wire).
            final CloseWebSocketFrame reply = status == -1 ? new CloseWebSocketFrame() :
                new CloseWebSocketFrame(status, "");
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        }
        else
        {
            // Our close handshake completes.
            ctx.close();
        }
    }

    /**
     * Ends the call from our side (the assistant hung up). Called by the egress thread.
     *
     * @param status the close status.
     * @param reason short reason text.
     */
    void hangUp(final int status, final String reason)
    {
        final Channel current = channel;
        if (current != null)
        {
            current.eventLoop().execute(() ->
            {
                final ChannelHandlerContext ctx = current.pipeline().context(this);
                if (ctx != null)
                {
                    closeWith(ctx, status, reason, CallOutcome.HUNG_UP);
                }
            });
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event == CallAdmission.DRAIN_DEADLINE)
        {
            closeWith(ctx, 1001, "server shutting down", CallOutcome.DRAINED);
        }
        else if (event instanceof IdleStateEvent)
        {
            closeWith(ctx, 1008, "idle timeout", CallOutcome.IDLE);
        }
        else
        {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof CorruptedWebSocketFrameException corrupted)
        {
            // Netty's decoder has already sent its close frame; record why and make sure the channel goes.
            final int status = corrupted.closeStatus().code();
            errors.protocolError(ProtocolError.forNettyStatus(status), streamSid, cause.getMessage());
            closing = true;
            closeStatus = status;
            outcome = CallOutcome.PROTOCOL_ERROR;
            ctx.close();
        }
        else if (cause instanceof TooLongFrameException)
        {
            protocolError(ctx, ProtocolError.FRAME_TOO_BIG, cause.getMessage());
        }
        else
        {
            // Connection resets and the like: the call ends as if the peer had dropped it.
            LOG.debug("twilio stream {}: {}", streamSid, cause.toString());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (null != held)
        {
            held.forEach((frame) -> ReferenceCountUtil.release(frame.message()));
            held = null;
        }
        if (started && !terminalPublished)
        {
            terminalPublished = true;
            TerminalSlot.closed(ingress, ctx.channel().eventLoop(), errors, streamSid, sessionIndex, System.nanoTime(),
                closeStatus);
        }
        counters.outcomes.increment(outcome != null ? outcome : stopped ? CallOutcome.STOPPED :
            CallOutcome.PEER_CLOSED);
        super.channelInactive(ctx);
    }

    private void protocolError(final ChannelHandlerContext ctx, final ProtocolError error, final String detail)
    {
        errors.protocolError(error, streamSid, detail);
        if (error.isFatal())
        {
            closeWith(ctx, error.closeStatus(), error.label(), CallOutcome.PROTOCOL_ERROR);
        }
    }

    private void closeWith(
        final ChannelHandlerContext ctx, final int status, final String reason, final CallOutcome why)
    {
        if (closing)
        {
            return;
        }
        closing = true;
        closeStatus = status;
        outcome = why;
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    /** A frame received while the assistant was prepared, with its arrival time. */
    private record HeldFrame(Object message, long receivedNanos)
    {
    }
}
