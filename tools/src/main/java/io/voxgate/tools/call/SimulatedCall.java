package io.voxgate.tools.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.codec.g711.MuLaw;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One simulated Twilio call, driven on the calling thread: connect, {@code connected} and {@code start}, then one
 * 20 ms {@code media} frame of the caller's voice per tick in real time (the schedule is absolute, so a late tick is
 * caught up), while the server's {@code media}, {@code mark} and {@code clear} go through a {@link VirtualPlayout} and
 * into the {@link CallTimeline}; finally {@code stop} and the close.
 *
 * <p>The caller hangs up once it has said everything and both sides have been silent for the plan's
 * {@code hangupAfter} (no audio playing, no mark pending), or at {@code maxDuration}; the server may end the call
 * first.
 *
 * <p>Not thread-safe: one thread runs a call from start to end.
 */
public final class SimulatedCall
{
    /** How long the TCP connect and the WebSocket upgrade may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long the server has to close the stream after {@code stop}. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final long FRAME_NANOS = 20_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallPlan plan;
    private final CallTimeline timeline;
    private final TwilioCallerMessages messages;
    private final VirtualPlayout playout = new VirtualPlayout();
    private final short[] frame = new short[CallerVoice.FRAME_SAMPLES];
    private final Base64Decoder base64 = new Base64Decoder();
    private final Consumer<String> echo = this::echo;
    private byte[] mulaw = new byte[8000];
    private short[] pcm = new short[8000];
    private StreamConnection connection;
    private long origin;
    private long callerFinishedAt = -1;

    /**
     * A call about to be placed.
     *
     * @param plan what it does.
     * @param out  where its timeline goes.
     */
    public SimulatedCall(final CallPlan plan, final PrintWriter out)
    {
        this.plan = plan;
        this.timeline = new CallTimeline(out);
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final String id = Long.toHexString(random.nextLong() | Long.MIN_VALUE) +
            Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        this.messages = new TwilioCallerMessages("MZ" + id, "CA" + id, "AC" + "0".repeat(32));
    }

    /**
     * @return the stream's SID, as sent in {@code start}.
     */
    public String streamSid()
    {
        return messages.streamSid();
    }

    /**
     * Places the call and runs it to its end.
     *
     * @return how it ended and what the caller heard.
     * @throws InterruptedException when the thread is interrupted.
     */
    public CallResult run() throws InterruptedException
    {
        try (StreamConnection opened = StreamConnection.open(plan.url(), CONNECT_TIMEOUT))
        {
            connection = opened;
            final ServerMessage answer = connection.poll(2 * CONNECT_TIMEOUT.toNanos());
            if (!(answer instanceof ServerMessage.Opened))
            {
                final String why = answer instanceof ServerMessage.Failed failed ?
                    (failed.httpStatus() != 0 ? "the server refused the WebSocket upgrade: " : "cannot connect: ") +
                    failed.description() :
                    "no answer to the WebSocket upgrade within " + 2 * CONNECT_TIMEOUT.toSeconds() + " s";
                return new CallResult(CallEnding.CONNECTION_FAILED, plan.url() + ": " + why, new short[0], 0);
            }
            connection.send(TwilioCallerMessages.CONNECTED);
            connection.send(messages.start(plan.parameters()));
            origin = System.nanoTime();
            timeline.note(0, "stream " + messages.streamSid() + " started (connected, start sent)");
            return converse();
        }
    }

    private CallResult converse() throws InterruptedException
    {
        long frames = 0;
        while (true)
        {
            final long now = System.nanoTime() - origin;
            final long nextFrame = frames * FRAME_NANOS;
            if (now >= nextFrame)
            {
                final CallResult hungUp = tick(now);
                if (hungUp != null)
                {
                    return hungUp;
                }
                frames++;
                continue;
            }
            final ServerMessage message = connection.poll(nextFrame - now);
            if (message != null)
            {
                final CallResult ended = receive(message);
                if (ended != null)
                {
                    return ended;
                }
            }
        }
    }

    /** Sends the next frame, unless it is time to hang up. */
    private CallResult tick(final long now)
    {
        playout.release(now, echo);
        timeline.tick(now, playout);
        if (plan.caller().finished() && callerFinishedAt < 0)
        {
            callerFinishedAt = now;
        }
        if (now >= plan.maxDuration().toNanos())
        {
            return hangUp(now, CallEnding.MAX_DURATION, "the call reached its maximum duration, " +
                seconds(plan.maxDuration()));
        }
        if (callerFinishedAt >= 0 && !playout.playing(now) && playout.pendingMarks() == 0 &&
            now - Math.max(callerFinishedAt, playout.playedUntil()) >= plan.hangupAfter().toNanos())
        {
            return hangUp(now, CallEnding.CALLER_HUNG_UP, seconds(plan.hangupAfter()) + " of silence after the " +
                (playout.playedUntil() > callerFinishedAt ? "last reply" : "caller's last words"));
        }
        final int turn = plan.caller().next(frame, playout.playing(now));
        timeline.callerFrame(turn, now);
        connection.send(messages.media(frame));
        return null;
    }

    private CallResult receive(final ServerMessage message)
    {
        final long at = message.nanos() - origin;
        return switch (message)
        {
            case ServerMessage.Text text ->
            {
                onText(text.text(), at);
                yield null;
            }
            case ServerMessage.Binary binary ->
            {
                timeline.note(at, "unexpected binary frame from the server (" + binary.bytes() + " bytes)");
                yield null;
            }
            case ServerMessage.Closed closed -> serverClosed(closed, at);
            case ServerMessage.Failed failed -> end(at, CallEnding.CONNECTION_FAILED,
                "the connection failed: " + failed.description());
            case ServerMessage.Opened opened -> null;
        };
    }

    private void onText(final String text, final long at)
    {
        final JsonNode message;
        try
        {
            message = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            timeline.note(at, "unparseable message from the server: " + abbreviate(text));
            return;
        }
        final String event = message.path("event").asText("");
        switch (event)
        {
            case "media" -> onMedia(message.path("media").path("payload").asText(""), at);
            case "mark" ->
            {
                timeline.markReceived();
                playout.mark(message.path("mark").path("name").asText(""), at, echo);
            }
            case "clear" ->
            {
                timeline.clear(at, playout);
                playout.clear(at, echo);
            }
            default -> timeline.note(at, "unexpected message from the server: " + abbreviate(text));
        }
    }

    private void onMedia(final String payload, final long at)
    {
        final int capacity = Base64Decoder.maxDecodedLength(payload.length());
        if (capacity > mulaw.length)
        {
            mulaw = new byte[capacity];
            pcm = new short[capacity];
        }
        final int bytes = base64.decode(payload, 0, payload.length(), new UnsafeBuffer(mulaw), 0);
        if (bytes < 0)
        {
            timeline.note(at, "media with an invalid payload: " + base64.errorMessage());
            return;
        }
        MuLaw.decode(mulaw, 0, pcm, 0, bytes);
        timeline.media(bytes, at);
        playout.audio(pcm, bytes, at);
    }

    private void echo(final String name)
    {
        if (connection.send(messages.mark(name)))
        {
            timeline.markEchoed();
        }
    }

    private CallResult hangUp(final long now, final CallEnding ending, final String why)
    {
        connection.send(messages.stop());
        timeline.note(now, "caller hangs up: stop sent (" + why + ")");
        final long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try
        {
            while (true)
            {
                final ServerMessage message = connection.poll(deadline - System.nanoTime());
                final long at = message == null ? System.nanoTime() - origin : message.nanos() - origin;
                if (message instanceof ServerMessage.Closed closed)
                {
                    timeline.note(at, "server closed the stream: " + closed.status() + reasonText(closed.reason()));
                    break;
                }
                if (message == null || message instanceof ServerMessage.Failed)
                {
                    timeline.note(at, "the server did not close the stream after stop; closed it");
                    connection.closeNormally("call ended");
                    break;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return end(now, ending, "caller hung up: " + why);
    }

    private CallResult serverClosed(final ServerMessage.Closed closed, final long at)
    {
        final String status = closed.status() + reasonText(closed.reason());
        if (closed.status() == 1000)
        {
            return end(at, CallEnding.SERVER_HUNG_UP, "the server ended the call: " + status);
        }
        return end(at, CallEnding.SERVER_CLOSED, "the server closed the stream: " + status);
    }

    private CallResult end(final long at, final CallEnding ending, final String detail)
    {
        if (ending != CallEnding.CALLER_HUNG_UP && ending != CallEnding.MAX_DURATION)
        {
            timeline.note(at, detail);
        }
        timeline.finish(at, playout);
        return new CallResult(ending, detail, playout.heard(at), timeline.bargeIns());
    }

    private static String reasonText(final String reason)
    {
        return reason == null || reason.isEmpty() ? "" : " " + reason;
    }

    private static String seconds(final Duration duration)
    {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
