package io.voxgate.orchestrator.provider.openai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.SpeechToSpeechSession;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.QueuedWebSocket;
import io.voxgate.orchestrator.provider.websocket.StreamDeadline;
import io.voxgate.orchestrator.provider.websocket.WebSocketFrame;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One call's OpenAI Realtime connection (see {@link OpenAiRealtime} for the mapping).
 *
 * <p><b>Threading:</b> {@code audio}, {@code respond}, {@code interrupt} and {@code close} on the orchestrator thread;
 * one reader task on the executor connects, then reads server events. Connection and reply state are guarded by the
 * {@link RealtimeReplies} monitor; the reader maps each server event under it, so an interrupt is either before or
 * after an event, never inside.
 */
final class RealtimeSession implements SpeechToSpeechSession
{
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_POLL_MS = 5000;
    /** Caller audio kept while the socket opens: 10 s of μ-law 8 kHz; later frames are dropped. */
    static final int MAX_EARLY_BYTES = 80_000;
    /** Held audio is appended in 20 ms frames, as live audio is. */
    private static final int EARLY_FRAME_BYTES = 160;

    private final OpenAiRealtime provider;
    private final RealtimeSettings settings;
    private final ApiKey key;
    private final Request upgrade;
    private final OkHttpClient client;
    private final Resilience resilience;
    private final String sessionId;
    private final RunPublisher publisher;
    private final CancelSignal closing = new CancelSignal();
    private final RealtimeReplies replies;
    private final Set<String> sentCallIds = new HashSet<>();
    private byte[] scratch = new byte[320];
    /** Caller audio that arrived before the socket was configured; guarded by the replies monitor. */
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    private volatile QueuedWebSocket socket;
    /**
     * Audio was appended since the last commit. Confined to the orchestrator thread (audio, respond) once
     * {@link #socket} is published; before that only the reader writes it, in {@link #connect} under the replies
     * monitor, and it publishes {@code socket} last, after sending the held audio and the pending reply's commit.
     * The volatile write of {@code socket} is the hand-off: no append can reach the socket while the reader still
     * owns the flag, so a commit never misses audio nor is sent for an empty buffer.
     */
    private boolean appendedSinceCommit;
    private RealtimeReply pending;
    private ProviderException broken;
    private String sentInstructions;

    RealtimeSession(final OpenAiRealtime provider, final String sessionId, final RunPublisher publisher,
        final Request upgrade, final OkHttpClient client)
    {
        this.provider = provider;
        this.settings = provider.settings();
        this.key = provider.key();
        this.resilience = provider.resilience();
        this.upgrade = upgrade;
        this.client = client;
        this.sessionId = sessionId;
        this.publisher = publisher;
        this.sentInstructions = settings.instructions();
        this.replies = new RealtimeReplies(provider, sessionId, publisher);
    }

    /** The reader task: connects (with retries), configures the session, then reads until closed or broken. */
    void run()
    {
        final QueuedWebSocket ws;
        try
        {
            ws = connect();
        }
        catch (final ProviderException ex)
        {
            fail(ex, false);
            return;
        }
        try
        {
            while (!closing.isCancelled())
            {
                final long waitMs;
                synchronized (replies)
                {
                    waitMs = replies.waitMs(IDLE_POLL_MS);
                }
                final WebSocketFrame frame = ws.next(waitMs);
                if (closing.isCancelled())
                {
                    return;
                }
                switch (frame)
                {
                    case WebSocketFrame.Text text ->
                    {
                        try
                        {
                            onMessage(ws, text.text());
                        }
                        catch (final ProviderException malformed)
                        {
                            // One bad event fails the reply it interrupts; the conversation itself goes on.
                            synchronized (replies)
                            {
                                replies.failActive(ws, malformed);
                            }
                        }
                    }
                    case WebSocketFrame.Failed failed ->
                    {
                        fail(failed.failure(), true);
                        return;
                    }
                    case WebSocketFrame.Closed closed ->
                    {
                        fail(closed.failure(), true);
                        return;
                    }
                    case null, default ->
                    {
                        synchronized (replies)
                        {
                            replies.checkDeadline(ws);
                        }
                    }
                }
            }
        }
        catch (final ProviderException ex)
        {
            ws.cancel();
            fail(ex, true);
        }
    }

    private QueuedWebSocket connect() throws ProviderException
    {
        final QueuedWebSocket[] opened = new QueuedWebSocket[1];
        resilience.execute((output) ->
        {
            final QueuedWebSocket ws = QueuedWebSocket.connect(client, upgrade, key);
            closing.onCancel(() -> ws.close(1000, "call ended"));
            ws.awaitOpen(resilience.timeouts().connectMs() + resilience.timeouts().firstByteMs(), closing);
            opened[0] = ws;
        }, closing);
        final QueuedWebSocket ws = opened[0];
        synchronized (replies)
        {
            // Configured before anything else can be sent on it: audio() sends only once socket is set.
            ws.send(RealtimeMessages.sessionUpdate(settings));
            // The caller may speak first, before the socket opened: that audio belongs to the first turn.
            final byte[] held = early.toByteArray();
            early.reset();
            for (int at = 0; at < held.length; at += EARLY_FRAME_BYTES)
            {
                final int length = Math.min(EARLY_FRAME_BYTES, held.length - at);
                ws.send(RealtimeMessages.append(Arrays.copyOfRange(held, at, at + length), length));
                appendedSinceCommit = true;
            }
            if (null != pending)
            {
                send(ws, pending);
                pending = null;
            }
            // Last: from here the orchestrator thread appends directly and owns appendedSinceCommit.
            socket = ws;
        }
        return ws;
    }

    @Override
    public void audio(final DirectBuffer buffer, final int offset, final int length)
    {
        QueuedWebSocket ws = socket;
        if (length <= 0)
        {
            return;
        }
        if (null == ws)
        {
            synchronized (replies)
            {
                ws = socket;
                if (null == ws)
                {
                    holdEarly(buffer, offset, length);
                    return;
                }
            }
        }
        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        buffer.getBytes(offset, scratch, 0, length);
        ws.send(RealtimeMessages.append(scratch, length));
        appendedSinceCommit = true;
    }

    /** Keeps audio for the socket still opening; none once the connection failed or the call ended. */
    private void holdEarly(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != broken || closing.isCancelled() || early.size() + length > MAX_EARLY_BYTES)
        {
            return;
        }
        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        buffer.getBytes(offset, scratch, 0, length);
        early.write(scratch, 0, length);
    }

    @Override
    public void respond(final Command.StartLlm command)
    {
        final RealtimeReply reply = new RealtimeReply(command);
        final ProviderException failure;
        synchronized (replies)
        {
            if (closing.isCancelled())
            {
                return;
            }
            failure = broken;
            if (null == failure)
            {
                if (null != replies.active())
                {
                    // A new reply supersedes one the reducer did not cancel: stop the old one on the server.
                    replies.cancelActive(socket);
                }
                if (null == socket)
                {
                    pending = reply;
                }
                else
                {
                    send(socket, reply);
                }
            }
        }
        if (null != failure)
        {
            publisher.publish(reply.runId, new Event.LlmFailed(sessionId, publisher.nowMs(), reply.runId,
                reply.turn, reply.step, failure.reason()));
        }
    }

    private void send(final QueuedWebSocket ws, final RealtimeReply reply)
    {
        sendContext(ws, reply.context);
        // Only a turn's first step commits the caller's audio: what the line carried while a tool ran is not a user
        // message in the middle of the reply; it stays buffered for the next turn.
        if (!settings.serverVad() && appendedSinceCommit && reply.step == 0)
        {
            ws.send(RealtimeMessages.commit());
            appendedSinceCommit = false;
        }
        ws.send(RealtimeMessages.responseCreate());
        reply.deadline = new StreamDeadline(resilience.timeouts());
        reply.sentNanos = System.nanoTime();
        replies.activate(reply);
        ws.wakeUp();
    }

    /** Sends what the model does not know yet: a changed system prompt, tool results not sent before. */
    private void sendContext(final QueuedWebSocket ws, final List<ChatMessage> context)
    {
        if (!context.isEmpty() && context.getFirst().role() == Role.SYSTEM && null != context.getFirst().content() &&
            !context.getFirst().content().equals(sentInstructions))
        {
            sentInstructions = context.getFirst().content();
            ws.send(RealtimeMessages.instructions(sentInstructions));
        }
        for (final ChatMessage message : context)
        {
            if (message.role() == Role.TOOL && null != message.toolCallId() && sentCallIds.add(message.toolCallId()))
            {
                ws.send(RealtimeMessages.functionOutput(message.toolCallId(),
                    null == message.content() ? "" : message.content()));
            }
            else if (message.role() == Role.ASSISTANT)
            {
                // Calls the model made itself: their results are new only if they follow it.
                for (final ToolCall call : message.toolCalls())
                {
                    sentCallIds.remove(call.id());
                }
            }
        }
    }

    @Override
    public void interrupt(final long runId, final long playedMs)
    {
        publisher.cancel(runId);
        synchronized (replies)
        {
            if (null != pending && pending.runId == runId)
            {
                pending = null;
                return;
            }
            final QueuedWebSocket ws = socket;
            final RealtimeReply reply = replies.ofRun(runId);
            if (null == reply || null == ws)
            {
                return;
            }
            if (reply == replies.active())
            {
                replies.cancelActive(ws);
            }
            if (null != reply.itemId && playedMs < reply.audioMs())
            {
                ws.send(RealtimeMessages.truncate(reply.itemId, Math.max(0, playedMs)));
            }
        }
    }

    @Override
    public void close()
    {
        publisher.close();
        closing.cancel();
        final QueuedWebSocket ws = socket;
        if (null != ws)
        {
            ws.close(1000, "call ended");
            ws.wakeUp();
        }
    }

    private void onMessage(final QueuedWebSocket ws, final String text) throws ProviderException
    {
        final JsonNode event;
        try
        {
            event = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new ProviderException(ErrorKind.MALFORMED, "bad server event: " + key.redact(abbreviate(text)));
        }
        if (!event.isObject())
        {
            throw new ProviderException(ErrorKind.MALFORMED, "bad server event: " + key.redact(abbreviate(text)));
        }
        synchronized (replies)
        {
            replies.onEvent(ws, event);
        }
    }

    /**
     * The connection is gone or never came: the reply in flight (or waiting for the connection) fails, later ones
     * fail at once. Connect failures were counted by {@link Resilience}; stream failures are counted here.
     */
    private void fail(final ProviderException failure, final boolean streaming)
    {
        if (closing.isCancelled() || failure.kind() == ErrorKind.CANCELLED)
        {
            return;
        }
        final RealtimeReply reply;
        synchronized (replies)
        {
            broken = failure;
            socket = null;
            early.reset();
            final RealtimeReply taken = replies.takeActive();
            reply = null != taken ? taken : pending;
            pending = null;
        }
        if (streaming)
        {
            resilience.metrics().error(provider.name(), failure.kind());
        }
        if (null != reply)
        {
            replies.failReply(reply, failure);
        }
        else
        {
            LOG.warn("provider {}: connection lost: {}", provider.name(), failure.reason());
        }
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
