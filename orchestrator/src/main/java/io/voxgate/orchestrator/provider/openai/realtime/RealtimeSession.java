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
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.QueuedWebSocket;
import io.voxgate.orchestrator.provider.websocket.StreamDeadline;
import io.voxgate.orchestrator.provider.websocket.VendorAudio;
import io.voxgate.orchestrator.provider.websocket.WebSocketFrame;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call's OpenAI Realtime connection (see {@link OpenAiRealtime} for the mapping).
 *
 * <p><b>Threading:</b> {@code audio}, {@code respond}, {@code interrupt} and {@code close} on the orchestrator thread;
 * one reader task on the executor connects, then reads server events. Reply state is guarded by {@code this}; the
 * reader handles each server event under the lock, so an interrupt is either before or after an event, never inside.
 */
final class RealtimeSession implements SpeechToSpeechSession
{
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Errors that answer our own housekeeping (nothing to commit, nothing to cancel), not a reply's failure. */
    private static final Set<String> BENIGN = Set.of("input_audio_buffer_commit_empty", "response_cancel_not_active");
    private static final long IDLE_POLL_MS = 5000;

    private final OpenAiRealtime provider;
    private final RealtimeSettings settings;
    private final ApiKey key;
    private final Request upgrade;
    private final OkHttpClient client;
    private final Resilience resilience;
    private final String sessionId;
    private final RunPublisher publisher;
    private final CancelSignal closing = new CancelSignal();
    private final VendorAudio decoder = new VendorAudio(true);
    private final Set<String> cancelledResponses = new HashSet<>();
    private final Set<String> sentCallIds = new HashSet<>();
    private final Map<String, StringBuilder> partials = new HashMap<>();
    private byte[] frame = new byte[320];
    private volatile QueuedWebSocket socket;
    private boolean appendedSinceCommit;
    private RealtimeReply pending;
    private RealtimeReply active;
    private RealtimeReply last;
    private ProviderException broken;
    private String sentInstructions;
    private boolean cancelNextCreated;

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
                synchronized (this)
                {
                    waitMs = null == active || null == active.deadline ? IDLE_POLL_MS : active.deadline.remainingMs();
                }
                final WebSocketFrame frame = ws.next(waitMs);
                if (closing.isCancelled())
                {
                    return;
                }
                switch (frame)
                {
                    case WebSocketFrame.Text text -> onMessage(ws, text.text());
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
                    case null, default -> checkDeadline(ws);
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
        synchronized (this)
        {
            // Configured before anything else can be sent on it: audio() sends only once socket is set.
            ws.send(RealtimeMessages.sessionUpdate(settings));
            socket = ws;
            if (null != pending)
            {
                send(ws, pending);
                pending = null;
            }
        }
        return ws;
    }

    @Override
    public void audio(final DirectBuffer buffer, final int offset, final int length)
    {
        final QueuedWebSocket ws = socket;
        if (null == ws || length <= 0)
        {
            return;
        }
        if (frame.length < length)
        {
            frame = new byte[length];
        }
        buffer.getBytes(offset, frame, 0, length);
        ws.send(RealtimeMessages.append(frame, length));
        appendedSinceCommit = true;
    }

    @Override
    public void respond(final Command.StartLlm command)
    {
        final RealtimeReply reply = new RealtimeReply(command);
        final ProviderException failure;
        synchronized (this)
        {
            if (closing.isCancelled())
            {
                return;
            }
            failure = broken;
            if (null == failure)
            {
                if (null != active)
                {
                    // A new reply supersedes one the reducer did not cancel: stop the old one on the server.
                    cancelActive(socket);
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
        if (!settings.serverVad() && appendedSinceCommit)
        {
            ws.send(RealtimeMessages.commit());
            appendedSinceCommit = false;
        }
        ws.send(RealtimeMessages.responseCreate());
        reply.deadline = new StreamDeadline(resilience.timeouts());
        reply.sentNanos = System.nanoTime();
        active = reply;
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
        synchronized (this)
        {
            if (null != pending && pending.runId == runId)
            {
                pending = null;
                return;
            }
            final QueuedWebSocket ws = socket;
            final RealtimeReply reply = null != active && active.runId == runId ? active :
                null != last && last.runId == runId ? last : null;
            if (null == reply || null == ws)
            {
                return;
            }
            if (reply == active)
            {
                cancelActive(ws);
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

    private void cancelActive(final QueuedWebSocket ws)
    {
        final RealtimeReply reply = active;
        active = null;
        last = reply;
        if (null != reply.responseId)
        {
            cancelledResponses.add(reply.responseId);
        }
        else
        {
            // Its response.created is still to come: remember that the next one is cancelled.
            cancelNextCreated = true;
        }
        if (null != ws)
        {
            ws.send(RealtimeMessages.responseCancel(reply.responseId));
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
        synchronized (this)
        {
            switch (event.path("type").asText(""))
            {
                case "response.created" -> onCreated(event.path("response").path("id").asText(null));
                case "response.output_audio.delta", "response.audio.delta" -> onAudio(event);
                case "response.output_audio_transcript.delta", "response.audio_transcript.delta",
                    "response.output_text.delta", "response.text.delta" -> onText(event);
                case "response.function_call_arguments.done" -> onToolCall(event);
                case "response.done" -> onDone(event.path("response"));
                case "input_audio_buffer.speech_started" ->
                    publisher.publish(new Event.SpeechStarted(sessionId, publisher.nowMs()));
                case "input_audio_buffer.speech_stopped" ->
                    publisher.publish(new Event.SpeechStopped(sessionId, publisher.nowMs()));
                case "conversation.item.input_audio_transcription.delta" -> onPartial(event);
                case "conversation.item.input_audio_transcription.completed" -> onFinal(event);
                case "error" -> onError(ws, event.path("error"));
                default ->
                {
                    // session.*, conversation.item.*, output items, content parts, rate limits: nothing to map.
                }
            }
        }
    }

    private void onCreated(final String responseId)
    {
        if (null != active && null == active.responseId)
        {
            active.responseId = responseId;
        }
        else if (cancelNextCreated && null != responseId)
        {
            cancelledResponses.add(responseId);
        }
        cancelNextCreated = false;
    }

    /** The active reply, if the event belongs to it (late events of cancelled responses do not). */
    private RealtimeReply replyOf(final JsonNode event)
    {
        return replyOf(event.path("response_id").asText(null));
    }

    private RealtimeReply replyOf(final String responseId)
    {
        if (null == active || (null != responseId && cancelledResponses.contains(responseId)))
        {
            return null;
        }
        if (null != responseId && null != active.responseId && !responseId.equals(active.responseId))
        {
            return null;
        }
        return active;
    }

    private void onAudio(final JsonNode event) throws ProviderException
    {
        final RealtimeReply reply = replyOf(event);
        if (null == reply)
        {
            return;
        }
        final byte[] muLaw;
        try
        {
            muLaw = Base64.getDecoder().decode(event.path("delta").asText(""));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ProviderException(ErrorKind.MALFORMED, "bad base64 in " + event.path("type").asText());
        }
        progress(reply);
        reply.itemId = event.path("item_id").asText(reply.itemId);
        reply.audioBytes += muLaw.length;
        reply.audio = true;
        publisher.publish(reply.runId, new Event.TtsAudio(sessionId, publisher.nowMs(), reply.runId, reply.turn, 0,
            8000, decoder.toPcm(muLaw)));
    }

    private void onText(final JsonNode event)
    {
        final RealtimeReply reply = replyOf(event);
        final String delta = event.path("delta").asText("");
        if (null == reply || delta.isEmpty())
        {
            return;
        }
        progress(reply);
        publisher.publish(reply.runId, new Event.LlmDelta(sessionId, publisher.nowMs(), reply.runId, reply.turn,
            reply.step, delta));
    }

    private void onToolCall(final JsonNode event)
    {
        final RealtimeReply reply = replyOf(event);
        if (null == reply)
        {
            return;
        }
        progress(reply);
        publisher.publish(reply.runId, new Event.LlmToolCall(sessionId, publisher.nowMs(), reply.runId, reply.turn,
            reply.step, new ToolCall(event.path("call_id").asText(""), event.path("name").asText(""),
            event.path("arguments").asText("{}"))));
    }

    private void onDone(final JsonNode response)
    {
        final RealtimeReply reply = replyOf(response.path("id").asText(null));
        if (null == reply)
        {
            return;
        }
        active = null;
        last = reply;
        final String status = response.path("status").asText("");
        if ("cancelled".equals(status))
        {
            return;
        }
        if ("failed".equals(status))
        {
            final JsonNode error = response.path("status_details").path("error");
            resilience.metrics().error(provider.name(), ErrorKind.SERVER);
            failReply(reply, new ProviderException(ErrorKind.SERVER, key.redact("response failed: " +
                error.path("code").asText(error.path("type").asText("")) + ": " + error.path("message").asText(""))));
            return;
        }
        if (reply.audio)
        {
            publisher.publish(reply.runId, new Event.TtsDone(sessionId, publisher.nowMs(), reply.runId, reply.turn, 0));
        }
        publisher.publish(reply.runId, new Event.LlmDone(sessionId, publisher.nowMs(), reply.runId, reply.turn,
            reply.step));
    }

    private void onPartial(final JsonNode event)
    {
        final StringBuilder text = partials.computeIfAbsent(event.path("item_id").asText(""),
            (id) -> new StringBuilder());
        text.append(event.path("delta").asText(""));
        publisher.publish(new Event.TranscriptPartial(sessionId, publisher.nowMs(), text.toString()));
    }

    private void onFinal(final JsonNode event)
    {
        partials.remove(event.path("item_id").asText(""));
        final String transcript = event.path("transcript").asText("").strip();
        if (!transcript.isEmpty())
        {
            publisher.publish(new Event.TranscriptFinal(sessionId, publisher.nowMs(), transcript));
        }
    }

    private void onError(final QueuedWebSocket ws, final JsonNode error)
    {
        final String code = error.path("code").asText("");
        final ProviderException failure = new ProviderException(kindOf(error),
            key.redact("error " + (code.isEmpty() ? error.path("type").asText("") : code) + ": " +
            error.path("message").asText("")));
        if (BENIGN.contains(code) || null == active)
        {
            LOG.info("provider {}: {}", provider.name(), failure.reason());
            return;
        }
        final RealtimeReply reply = active;
        resilience.metrics().error(provider.name(), failure.kind());
        cancelActive(ws);
        failReply(reply, failure);
    }

    private static ErrorKind kindOf(final JsonNode error)
    {
        final String code = error.path("code").asText("") + " " + error.path("type").asText("");
        return code.contains("rate_limit") ? ErrorKind.RATE_LIMITED :
            code.contains("api_key") || code.contains("authentication") ? ErrorKind.AUTH :
            code.contains("server_error") ? ErrorKind.SERVER : ErrorKind.CLIENT;
    }

    private void progress(final RealtimeReply reply)
    {
        if (null != reply.deadline && reply.deadline.progress())
        {
            resilience.metrics().latency(provider.name(), ProviderMetrics.Latency.LLM_TTFT,
                System.nanoTime() - reply.sentNanos);
        }
        reply.produced = true;
    }

    private void checkDeadline(final QueuedWebSocket ws)
    {
        synchronized (this)
        {
            if (null == active || null == active.deadline || !active.deadline.expired())
            {
                return;
            }
            final RealtimeReply reply = active;
            final ProviderException failure = reply.deadline.failure();
            resilience.metrics().error(provider.name(), failure.kind());
            cancelActive(ws);
            failReply(reply, failure);
        }
    }

    private void failReply(final RealtimeReply reply, final ProviderException failure)
    {
        LOG.warn("provider {}: reply of run {} failed: {}", provider.name(), reply.runId, failure.reason());
        publisher.publish(reply.runId, new Event.LlmFailed(sessionId, publisher.nowMs(), reply.runId, reply.turn,
            reply.step, failure.reason()));
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
        synchronized (this)
        {
            broken = failure;
            socket = null;
            reply = null != active ? active : pending;
            active = null;
            pending = null;
        }
        if (streaming)
        {
            resilience.metrics().error(provider.name(), failure.kind());
        }
        if (null != reply)
        {
            failReply(reply, failure);
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
