package io.voxgate.orchestrator.provider.openai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.QueuedWebSocket;
import io.voxgate.orchestrator.provider.websocket.VendorAudio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The replies of one Realtime call and the mapping of server events onto them: which reply is active (its events
 * are published under its run), which responses were cancelled (their late events are dropped), the last finished
 * reply (barge-in may still truncate it while its audio plays), and the caller's transcripts.
 *
 * <p><b>Threading:</b> not thread-safe by itself: every method is called while holding this object's monitor (the
 * session's lock), by the reader (server events, deadlines) and the orchestrator thread (respond, interrupt).
 */
final class RealtimeReplies
{
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeReplies.class);
    /** Errors that answer our own housekeeping (nothing to commit, nothing to cancel), not a reply's failure. */
    private static final Set<String> BENIGN = Set.of("input_audio_buffer_commit_empty", "response_cancel_not_active");

    private final OpenAiRealtime provider;
    private final ApiKey key;
    private final Resilience resilience;
    private final String sessionId;
    private final RunPublisher publisher;
    private final VendorAudio decoder = new VendorAudio(true);
    private final Set<String> cancelledResponses = new HashSet<>();
    private final Map<String, StringBuilder> partials = new HashMap<>();
    private RealtimeReply active;
    private RealtimeReply last;
    private boolean cancelNextCreated;

    RealtimeReplies(final OpenAiRealtime provider, final String sessionId, final RunPublisher publisher)
    {
        this.provider = provider;
        this.key = provider.key();
        this.resilience = provider.resilience();
        this.sessionId = sessionId;
        this.publisher = publisher;
    }

    /**
     * The reply being generated.
     *
     * @return it, or {@code null}.
     */
    RealtimeReply active()
    {
        return active;
    }

    /**
     * Makes a just-requested reply the active one.
     *
     * @param reply the reply.
     */
    void activate(final RealtimeReply reply)
    {
        active = reply;
    }

    /**
     * The active or last reply of a run, for barge-in.
     *
     * @param runId the run.
     * @return the reply, or {@code null} when the run has none.
     */
    RealtimeReply ofRun(final long runId)
    {
        return null != active && active.runId == runId ? active : null != last && last.runId == runId ? last : null;
    }

    /**
     * Removes the active reply without telling the server (the connection is gone).
     *
     * @return it, or {@code null}.
     */
    RealtimeReply takeActive()
    {
        final RealtimeReply reply = active;
        active = null;
        return reply;
    }

    /**
     * How long the reader may wait for the next event.
     *
     * @param idleMs the wait when no reply is active.
     * @return milliseconds.
     */
    long waitMs(final long idleMs)
    {
        return null == active || null == active.deadline ? idleMs : active.deadline.remainingMs();
    }

    /**
     * Fails and cancels the active reply (a malformed event interrupted it); logs when there is none.
     *
     * @param ws      the socket.
     * @param failure why.
     */
    void failActive(final QueuedWebSocket ws, final ProviderException failure)
    {
        resilience.metrics().error(provider.name(), failure.kind());
        if (null == active)
        {
            LOG.warn("provider {}: {}", provider.name(), failure.reason());
            return;
        }
        final RealtimeReply reply = active;
        cancelActive(ws);
        failReply(reply, failure);
    }

    /**
     * Maps one server event.
     *
     * @param ws    the socket (for cancels after an error).
     * @param event the event, a JSON object.
     * @throws ProviderException when an audio delta is malformed.
     */
    void onEvent(final QueuedWebSocket ws, final JsonNode event) throws ProviderException
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

    /**
     * Cancels the active reply on the server ({@code response.cancel}); its late events are ignored from now on.
     *
     * @param ws the socket, or {@code null} when there is none.
     */
    void cancelActive(final QueuedWebSocket ws)
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

    /**
     * Fails and cancels the active reply when its first-byte or idle deadline has passed.
     *
     * @param ws the socket.
     */
    void checkDeadline(final QueuedWebSocket ws)
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

    /**
     * Publishes a reply's failure.
     *
     * @param reply   the reply.
     * @param failure why.
     */
    void failReply(final RealtimeReply reply, final ProviderException failure)
    {
        LOG.warn("provider {}: reply of run {} failed: {}", provider.name(), reply.runId, failure.reason());
        publisher.publish(reply.runId, new Event.LlmFailed(sessionId, publisher.nowMs(), reply.runId, reply.turn,
            reply.step, failure.reason()));
    }
}
