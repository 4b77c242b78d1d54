package io.voxgate.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.codec.g711.MuLaw;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The OpenAI Realtime API (protocols.md section 5, GA event names) on MockWebServer, one socket, no server VAD:
 * acknowledges {@code session.update} with {@code session.updated}; keeps the caller's {@code audio/pcmu} from
 * {@code input_audio_buffer.append}; answers {@code input_audio_buffer.commit} with {@code committed} and the
 * turn's caller transcription; answers the n-th {@code response.create} with the n-th scripted reply
 * ({@code response.created}, the assistant item, 200 ms {@code response.output_audio.delta}s of μ-law tone with
 * {@code response.output_audio_transcript.delta}s, then the {@code .done} events and {@code response.done}
 * completed, unless the reply is held: then it stops after its audio, still in progress, as a long reply would);
 * answers {@code response.cancel} with {@code response.done} cancelled and {@code conversation.item.truncate} with
 * {@code conversation.item.truncated}. Records every client event.
 */
final class FakeRealtime extends WebSocketListener
{
    /** Bytes of one audio delta: 200 ms of 8 kHz μ-law. */
    static final int DELTA_BYTES = 1600;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One scripted turn.
     *
     * @param callerSaid the caller transcription sent after the turn's commit.
     * @param transcript the reply's transcript deltas.
     * @param deltas     how many 200 ms audio deltas the reply has.
     * @param held       whether the reply stops after its audio without finishing.
     */
    record Reply(String callerSaid, List<String> transcript, int deltas, boolean held)
    {
    }

    private final List<Reply> script;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final List<Integer> audioAtCommit = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> replyAudio = new ConcurrentHashMap<>();
    private int commits;
    private int responses;
    private int appends;
    private int eventSeq;

    FakeRealtime(final List<Reply> script)
    {
        this.script = script;
    }

    @Override
    public synchronized void onMessage(final WebSocket ws, final String text)
    {
        final JsonNode event;
        try
        {
            event = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        events.add(event);
        switch (event.path("type").asText())
        {
            case "session.update" -> send(ws, "session.updated", JSON.createObjectNode().set("session",
                event.path("session")));
            case "input_audio_buffer.append" ->
            {
                audio.writeBytes(Base64.getDecoder().decode(event.path("audio").asText()));
                appends++;
            }
            case "input_audio_buffer.commit" -> commit(ws);
            case "response.create" -> respond(ws);
            case "response.cancel" -> send(ws, "response.done", JSON.createObjectNode().set("response",
                response(event.path("response_id").asText(), "cancelled")));
            case "conversation.item.truncate" -> send(ws, "conversation.item.truncated", JSON.createObjectNode()
                .put("item_id", event.path("item_id").asText()).put("content_index", 0)
                .put("audio_end_ms", event.path("audio_end_ms").asLong()));
            default ->
            {
            }
        }
    }

    @Override
    public void onClosing(final WebSocket ws, final int code, final String reason)
    {
        ws.close(1000, null);
    }

    private void commit(final WebSocket ws)
    {
        final int turn = ++commits;
        audioAtCommit.add(audio.size());
        send(ws, "input_audio_buffer.committed", JSON.createObjectNode().putNull("previous_item_id")
            .put("item_id", "item_caller_" + turn));
        send(ws, "conversation.item.input_audio_transcription.completed", JSON.createObjectNode()
            .put("item_id", "item_caller_" + turn).put("content_index", 0)
            .put("transcript", script.get(turn - 1).callerSaid()));
    }

    private void respond(final WebSocket ws)
    {
        final int n = ++responses;
        final Reply reply = script.get(n - 1);
        final String responseId = "resp_" + n;
        final String itemId = "item_" + n;
        send(ws, "response.created", JSON.createObjectNode().set("response", response(responseId, "in_progress")));
        final ObjectNode added = JSON.createObjectNode().put("response_id", responseId).put("output_index", 0);
        added.putObject("item").put("id", itemId).put("object", "realtime.item").put("type", "message")
            .put("status", "in_progress").put("role", "assistant").putArray("content");
        send(ws, "response.output_item.added", added);
        final byte[] tone = tone(n, reply.deltas() * DELTA_BYTES);
        replyAudio.put(itemId, tone);
        for (int i = 0; i < reply.deltas(); i++)
        {
            send(ws, "response.output_audio.delta", part(responseId, itemId).put("delta", Base64.getEncoder()
                .encodeToString(Arrays.copyOfRange(tone, i * DELTA_BYTES, (i + 1) * DELTA_BYTES))));
            if (i < reply.transcript().size())
            {
                send(ws, "response.output_audio_transcript.delta", part(responseId, itemId)
                    .put("delta", reply.transcript().get(i)));
            }
        }
        if (reply.held())
        {
            return;
        }
        send(ws, "response.output_audio.done", part(responseId, itemId));
        send(ws, "response.output_audio_transcript.done", part(responseId, itemId)
            .put("transcript", String.join("", reply.transcript())));
        send(ws, "response.output_item.done", added);
        send(ws, "response.done", JSON.createObjectNode().set("response", response(responseId, "completed")));
    }

    /** @return every client event received, in order. */
    List<JsonNode> events()
    {
        return events;
    }

    /** @return the client event types received, in order, without the appends. */
    List<String> controlEvents()
    {
        return events.stream().map(e -> e.path("type").asText())
            .filter(type -> !type.equals("input_audio_buffer.append")).toList();
    }

    /** @return the caller audio appended so far. */
    synchronized byte[] audio()
    {
        return audio.toByteArray();
    }

    /** @return how many appends were received. */
    synchronized int appends()
    {
        return appends;
    }

    /** @return the caller audio bytes appended before each commit. */
    List<Integer> audioAtCommit()
    {
        return audioAtCommit;
    }

    /** @return the μ-law audio a reply's item carried (all of it, also for a held one). */
    byte[] audioOf(final String itemId)
    {
        return replyAudio.get(itemId);
    }

    private ObjectNode part(final String responseId, final String itemId)
    {
        return JSON.createObjectNode().put("response_id", responseId).put("item_id", itemId).put("output_index", 0)
            .put("content_index", 0);
    }

    private static ObjectNode response(final String id, final String status)
    {
        final ObjectNode response = JSON.createObjectNode().put("object", "realtime.response").put("id", id)
            .put("status", status).putNull("status_details");
        response.putArray("output");
        response.putNull("usage");
        return response;
    }

    private void send(final WebSocket ws, final String type, final ObjectNode body)
    {
        final ObjectNode event = JSON.createObjectNode().put("type", type).put("event_id", "event_" + ++eventSeq);
        event.setAll(body);
        ws.send(event.toString());
    }

    /** A tone of 250 + 50 n Hz as canonical μ-law codes (they survive μ-law → PCM16 → μ-law unchanged). */
    private static byte[] tone(final int n, final int bytes)
    {
        final short[] pcm = new short[bytes];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)Math.round(8000 * Math.sin(2 * Math.PI * (250 + 50 * n) * i / 8000.0));
        }
        final byte[] mulaw = new byte[bytes];
        MuLaw.encode(pcm, 0, mulaw, 0, pcm.length);
        return mulaw;
    }
}
