package io.voxgate.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.server.pipeline.CallRegistry;
import io.voxgate.server.pipeline.CallStart;
import io.voxgate.server.pipeline.ClientInput;
import io.voxgate.server.pipeline.ClientOptions;
import io.voxgate.server.pipeline.IngressRing;
import io.voxgate.server.pipeline.PublishResult;
import io.voxgate.server.twilio.CallAdmission;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WS v1 connection: the protocol state machine ({@code session.start} first, then audio and control messages,
 * then {@code session.stop} or a close), caller audio into the ingress ring (resampled to 16 kHz when sent at 24 or
 * 48 kHz), typed input to the orchestrator, the echo of playout marks at the server's playout clock, and exactly one
 * terminal slot per started session.
 *
 * <p>Control messages are parsed into a tree (they are rare and small); audio frames are copied into reused buffers
 * and published without allocating. While the assistant is being resolved reading pauses and frames already read are
 * held, so nothing the client sent right after {@code session.start} is lost or reordered.
 *
 * <p><b>Threading:</b> everything runs on the channel's event loop, including the tasks the egress thread hands it
 * (marks, a clear, the assistant hanging up).
 */
final class WsSessionHandler extends ChannelInboundHandlerAdapter
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private enum State
    {
        NEW, STARTING, STARTED, ENDED
    }

    private record PendingMark(String name, long dueNanos)
    {
    }

    private final WsEndpoint endpoint;
    private final IngressRing ingress;
    private final CallRegistry registry;
    private final String queryAssistant;
    private final WsEnvelopeEncoder envelope;
    private final String sessionId;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private final ArrayDeque<PendingMark> marks = new ArrayDeque<>();
    /** Up to 100 ms at 48 kHz. */
    private final UnsafeBuffer inBuffer = new UnsafeBuffer(new byte[2 * 4800]);
    /** Up to 100 ms at 16 kHz, plus a resampler's extra sample. */
    private final UnsafeBuffer pcm16k = new UnsafeBuffer(new byte[2 * (1600 + 8)]);
    private Channel channel;
    private State state = State.NEW;
    private int index = -1;
    private int inputRate = WsProtocol.PIPELINE_RATE;
    private PolyphaseResampler resampler;
    private WsPlayout playout;
    private long frameSequence;
    private boolean terminalPublished;
    private final AtomicInteger inputsInFlight = new AtomicInteger();
    private volatile boolean closing;

    WsSessionHandler(final WsEndpoint endpoint, final String queryAssistant, final WsEnvelopeEncoder envelope)
    {
        this.endpoint = endpoint;
        this.ingress = endpoint.pipeline().ingress();
        this.registry = endpoint.pipeline().registry();
        this.queryAssistant = null == queryAssistant ? "" : queryAssistant;
        this.envelope = envelope;
        this.sessionId = "ws_" + HexFormat.of().formatHex(randomBytes());
    }

    private static byte[] randomBytes()
    {
        final byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    Channel channel()
    {
        return channel;
    }

    WsPlayout playout()
    {
        return playout;
    }

    /** Whether our close frame is on its way (any thread): no data frame may follow it (RFC 6455 §5.5.1). */
    boolean isClosing()
    {
        return closing;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        envelope.sessionId(sessionId);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (state == State.STARTING)
        {
            if (held.size() < WsProtocol.MAX_HELD_FRAMES)
            {
                held.add(msg);
            }
            else if (msg instanceof BinaryWebSocketFrame)
            {
                // A second of audio while the assistant is still being fetched: later audio is what we can lose.
                ReferenceCountUtil.release(msg);
                endpoint.counters().audioFramesDropped.increment();
            }
            else
            {
                // A control message must not vanish: end the session as for any overload.
                ReferenceCountUtil.release(msg);
                dropHeld();
                state = State.NEW;
                fail(WsError.OVERLOADED, "too much arrived while the session was starting");
            }
            return;
        }
        try
        {
            dispatch(ctx, msg);
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(final ChannelHandlerContext ctx, final Object msg)
    {
        if (state == State.ENDED)
        {
            return;
        }
        switch (msg)
        {
            case TextWebSocketFrame text -> text(text.content());
            case BinaryWebSocketFrame binary -> audio(binary.content());
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case CloseWebSocketFrame close ->
            {
                // The client closes: answer the close handshake; channelInactive ends the session.
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() > 0 ? close.statusCode() : 1000, ""))
                    .addListener(ChannelFutureListener.CLOSE);
            }
            default ->
            {
                // Pong and anything else carry nothing for us.
            }
        }
    }

    private void text(final ByteBuf content)
    {
        if (content.readableBytes() > WsProtocol.MAX_TEXT_BYTES)
        {
            fail(WsError.MESSAGE_TOO_LARGE, "text message of " + content.readableBytes() + " bytes exceeds " +
                WsProtocol.MAX_TEXT_BYTES);
            return;
        }
        final JsonNode message;
        try
        {
            message = JSON.readTree(new ByteBufInputStream(content.duplicate()));
        }
        catch (final IOException ex)
        {
            fail(WsError.MALFORMED_JSON, "not valid JSON: " + firstLine(ex.getMessage()));
            return;
        }
        if (null == message || !message.isObject() || !message.path("type").isTextual())
        {
            fail(WsError.MALFORMED_JSON, "a message must be a JSON object with a string \"type\"");
            return;
        }
        final String type = message.get("type").textValue();
        try
        {
            if (state == State.NEW)
            {
                if (!"session.start".equals(type))
                {
                    throw new WsProtocolException(WsError.NOT_STARTED, "the first message must be session.start, got " +
                        type);
                }
                start(message);
            }
            else
            {
                control(type, message);
            }
        }
        catch (final WsProtocolException ex)
        {
            fail(ex.error(), ex.getMessage());
        }
    }

    private void control(final String type, final JsonNode message)
    {
        switch (type)
        {
            case "session.start" -> throw new WsProtocolException(WsError.ALREADY_STARTED,
                "the session has already started");
            case "input.text" ->
            {
                final JsonNode text = message.get("text");
                if (null == text || !text.isTextual() || text.textValue().isBlank() ||
                    text.textValue().length() > WsProtocol.MAX_INPUT_TEXT_CHARS)
                {
                    throw new WsProtocolException(WsError.INVALID_MESSAGE, "input.text needs \"text\": a non-blank " +
                        "string of at most " + WsProtocol.MAX_INPUT_TEXT_CHARS + " characters");
                }
                post(new ClientInput.Text(text.textValue()));
            }
            case "tool.result" ->
            {
                final JsonNode callId = message.get("callId");
                final JsonNode isError = message.get("isError");
                if (null == callId || !callId.isTextual() || callId.textValue().isEmpty() ||
                    (null != isError && !isError.isBoolean()))
                {
                    throw new WsProtocolException(WsError.INVALID_MESSAGE,
                        "tool.result needs \"callId\" (string), \"result\" (any JSON) and optional " +
                        "\"isError\" (boolean)");
                }
                final JsonNode result = message.get("result");
                post(new ClientInput.ToolResult(callId.textValue(), null == result ? "null" : result.toString(),
                    null != isError && isError.booleanValue()));
            }
            case "response.cancel" -> post(new ClientInput.Cancel());
            case "session.stop" -> stop("client", 1000);
            default -> throw new WsProtocolException(WsError.UNKNOWN_TYPE, "unknown message type '" + type + "'");
        }
    }

    private void post(final ClientInput input)
    {
        // One session may not fill the orchestrator's inbox that every browser session shares.
        if (inputsInFlight.get() >= WsProtocol.MAX_INPUTS_IN_FLIGHT ||
            !endpoint.pipeline().postClientInput(index, sessionId, System.nanoTime(), input, inputsInFlight))
        {
            throw new WsProtocolException(WsError.RATE_LIMITED, "too many messages not yet handled; this one was " +
                "dropped");
        }
    }

    private void start(final JsonNode message)
    {
        final SessionStartRequest request = SessionStartRequest.parse(message);
        final String requested = queryAssistant.isEmpty() ? request.assistantId() : queryAssistant;
        state = State.STARTING;
        channel.config().setAutoRead(false);
        endpoint.assistants().resolve(requested).whenComplete((resolved, failure) ->
            channel.eventLoop().execute(() -> started(request, requested, null == failure ? resolved : null)));
    }

    private void started(final SessionStartRequest request, final String requested, final String assistant)
    {
        if (state != State.STARTING)
        {
            return;
        }
        state = State.NEW;
        try
        {
            if (null == assistant)
            {
                throw new WsProtocolException(WsError.UNKNOWN_ASSISTANT, "no assistant '" + requested + "'");
            }
            final CallStart start = new CallStart(sessionId, "", "", assistant, request.dynamicVariables(),
                new ClientOptions(request.outputSampleRate(), request.overrides()));
            final int acquired = registry.acquire(start);
            if (acquired == CallRegistry.NO_CAPACITY)
            {
                throw new WsProtocolException(WsError.OVERLOADED, "no room for another session");
            }
            endpoint.table().attach(acquired, this);
            endpoint.router().route(acquired, endpoint.table());
            playout = new WsPlayout(System::nanoTime, request.outputSampleRate());
            if (ingress.tryPublishStart(acquired, System.nanoTime(), ++frameSequence) != PublishResult.PUBLISHED)
            {
                endpoint.router().route(acquired, null);
                endpoint.table().attach(acquired, null);
                registry.abandon(acquired);
                throw new WsProtocolException(WsError.OVERLOADED, "the server is overloaded");
            }
            index = acquired;
            state = State.STARTED;
            inputRate = request.inputSampleRate();
            resampler = inputRate == WsProtocol.PIPELINE_RATE ? null :
                new PolyphaseResampler(inputRate, WsProtocol.PIPELINE_RATE);
            endpoint.counters().sessionsStarted.increment();
            send("session.started", "\"assistantId\":" + WsJson.quote(assistant.isEmpty() ?
                endpoint.pipeline().settings().defaultAssistant() : assistant) + ",\"audio\":{\"inputSampleRate\":" +
                inputRate + ",\"outputSampleRate\":" + request.outputSampleRate() +
                ",\"encoding\":\"pcm16\",\"channels\":1}");
        }
        catch (final WsProtocolException ex)
        {
            fail(ex.error(), ex.getMessage());
        }
        finally
        {
            releaseHeld();
        }
    }

    private void releaseHeld()
    {
        final ChannelHandlerContext ctx = channel.pipeline().context(this);
        Object msg;
        while (null != (msg = held.poll()))
        {
            try
            {
                if (null != ctx)
                {
                    dispatch(ctx, msg);
                }
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }
        if (channel.isActive())
        {
            channel.config().setAutoRead(true);
        }
    }

    private void dropHeld()
    {
        Object msg;
        while (null != (msg = held.poll()))
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void audio(final ByteBuf content)
    {
        if (state != State.STARTED)
        {
            fail(WsError.NOT_STARTED, "audio before session.start");
            return;
        }
        final int length = content.readableBytes();
        final int maxBytes = 2 * inputRate * WsProtocol.MAX_FRAME_MS / 1000;
        if (length == 0 || (length & 1) != 0 || length > maxBytes)
        {
            fail(WsError.AUDIO_FRAME_SIZE, "an audio frame must be an even number of bytes from 2 to " + maxBytes +
                " (100 ms at " + inputRate + " Hz), got " + length);
            return;
        }
        content.getBytes(content.readerIndex(), inBuffer.byteArray(), 0, length);
        final int result;
        if (null == resampler)
        {
            result = ingress.tryPublishPcm16k(index, System.nanoTime(), ++frameSequence, inBuffer, 0, length / 2);
        }
        else
        {
            final int samples = resampler.process(inBuffer, 0, length / 2, pcm16k, 0);
            result = ingress.tryPublishPcm16k(index, System.nanoTime(), ++frameSequence, pcm16k, 0, samples);
        }
        if (result == PublishResult.PUBLISHED)
        {
            endpoint.counters().audioFramesIn.increment();
            endpoint.counters().audioBytesIn.add(length);
        }
        else
        {
            endpoint.counters().audioFramesDropped.increment();
        }
    }

    /** The egress thread queued a mark after audio that will have played at {@code dueNanos}. */
    void markQueued(final String name, final long dueNanos)
    {
        if (state != State.STARTED || terminalPublished)
        {
            return;
        }
        marks.add(new PendingMark(name, dueNanos));
        channel.eventLoop().schedule(this::releaseDueMarks, Math.max(0, dueNanos - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    }

    /** The egress thread cleared the playout: like Twilio after a {@code clear}, every pending mark comes back now. */
    void playoutCleared()
    {
        releaseMarks(Long.MAX_VALUE);
    }

    private void releaseDueMarks()
    {
        releaseMarks(System.nanoTime());
    }

    private void releaseMarks(final long dueBy)
    {
        PendingMark mark;
        while (null != (mark = marks.peek()) && mark.dueNanos() <= dueBy)
        {
            if (state != State.STARTED || terminalPublished)
            {
                marks.clear();
                return;
            }
            final int result = ingress.tryPublishMark(index, System.nanoTime(), ++frameSequence, mark.name());
            if (result == PublishResult.RING_FULL)
            {
                channel.eventLoop().schedule(this::releaseDueMarks, RETRY_NANOS, TimeUnit.NANOSECONDS);
                return;
            }
            marks.poll();
        }
    }

    /** Ends a started session from our side or on the client's request: {@code session.stopped}, then a close. */
    void stop(final String reason, final int status)
    {
        if (state == State.ENDED)
        {
            return;
        }
        if (state == State.STARTED)
        {
            send("session.stopped", "\"reason\":" + WsJson.quote(reason));
            publishTerminal("client".equals(reason), status);
        }
        end(status, reason);
    }

    private void fail(final WsError error, final String message)
    {
        endpoint.counters().errors.increment(error);
        send(error, message);
        if (error.isFatal())
        {
            if (state == State.STARTED)
            {
                send("session.stopped", "\"reason\":\"error\"");
                publishTerminal(false, error.closeStatus());
            }
            end(error.closeStatus(), error.code());
        }
    }

    private void end(final int status, final String reason)
    {
        closing = true;
        state = State.ENDED;
        marks.clear();
        channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private void send(final WsError error, final String message)
    {
        channel.writeAndFlush(WsEvent.error(error, message));
        endpoint.counters().eventsOut.increment();
    }

    private void send(final String type, final String fields)
    {
        channel.writeAndFlush(new WsEvent(type, fields));
        endpoint.counters().eventsOut.increment();
    }

    private void publishTerminal(final boolean stop, final int status)
    {
        if (terminalPublished || index < 0)
        {
            return;
        }
        terminalPublished = true;
        marks.clear();
        publishTerminalNow(stop, status, System.nanoTime());
    }

    private void publishTerminalNow(final boolean stop, final int status, final long receivedNanos)
    {
        final int result = stop ? ingress.tryPublishStop(index, receivedNanos, ++frameSequence) :
            ingress.tryPublishClosed(index, receivedNanos, status);
        if (result == PublishResult.RING_FULL)
        {
            // The terminal slot must never be lost, or the session would keep its index forever.
            channel.eventLoop().schedule(() -> publishTerminalNow(stop, status, receivedNanos), RETRY_NANOS,
                TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof IdleStateEvent)
        {
            // Nothing arrived for the idle timeout: a half-open or abandoned client.
            if (state == State.STARTED)
            {
                stop("idle", 1001);
            }
            else if (state == State.NEW)
            {
                end(1001, "idle");
            }
            return;
        }
        if (evt == CallAdmission.DRAIN_DEADLINE)
        {
            if (state == State.STARTED)
            {
                stop("draining", 1001);
            }
            else if (state != State.ENDED)
            {
                fail(WsError.DRAINING, "the server is shutting down");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        publishTerminal(false, 1006);
        state = State.ENDED;
        marks.clear();
        dropHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof io.netty.handler.codec.TooLongFrameException ||
            cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException corrupted &&
            corrupted.closeStatus().code() == 1009)
        {
            fail(WsError.MESSAGE_TOO_LARGE, "frame exceeds " + endpoint.maxFrameBytes() + " bytes");
            return;
        }
        ctx.close();
    }

    private static String firstLine(final String text)
    {
        if (null == text)
        {
            return "";
        }
        final int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
