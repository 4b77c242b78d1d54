package io.voxgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.codec.g711.MuLaw;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Cartesia's TTS WebSocket (protocols.md §7.1) on MockWebServer, one socket: answers each generation request with
 * 400 ms of {@code pcm_mulaw} 8 kHz audio (a tone, different per request) in two {@code chunk} messages and a
 * {@code done}; for a transcript the test marks as held it sends the first chunk only and never {@code done}, as a
 * long generation would, so that a barge-in finds it running. Records requests and cancels.
 */
final class FakeCartesia extends WebSocketListener
{
    /** Bytes of audio per request: 400 ms of 8 kHz μ-law. */
    static final int AUDIO_BYTES = 3200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Predicate<String> held;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> audio = new ConcurrentHashMap<>();
    private final Map<String, String> contexts = new ConcurrentHashMap<>();

    FakeCartesia(final Predicate<String> held)
    {
        this.held = held;
    }

    @Override
    public void onMessage(final WebSocket webSocket, final String text)
    {
        final JsonNode message;
        try
        {
            message = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final String context = message.path("context_id").asText();
        if (message.path("cancel").asBoolean(false))
        {
            cancels.add(context);
            return;
        }
        requests.add(message);
        final String transcript = message.path("transcript").asText();
        contexts.put(transcript, context);
        final byte[] tone = tone(requests.size());
        audio.put(context, tone);
        final int half = AUDIO_BYTES / 2;
        webSocket.send(chunk(context, Arrays.copyOfRange(tone, 0, half)));
        if (held.test(transcript))
        {
            return;
        }
        webSocket.send(chunk(context, Arrays.copyOfRange(tone, half, AUDIO_BYTES)));
        webSocket.send("{\"type\":\"done\",\"done\":true,\"status_code\":206,\"context_id\":\"" + context + "\"}");
    }

    @Override
    public void onClosing(final WebSocket webSocket, final int code, final String reason)
    {
        webSocket.close(1000, null);
    }

    /** @return the generation requests received, in order. */
    List<JsonNode> requests()
    {
        return requests;
    }

    /** @return the context IDs cancelled. */
    List<String> cancels()
    {
        return cancels;
    }

    /** @return the context a transcript was generated in, or null. */
    String contextOf(final String transcript)
    {
        return contexts.get(transcript);
    }

    /** @return the audio generated for a context (all of it, also for a held one). */
    byte[] audioOf(final String context)
    {
        return audio.get(context);
    }

    private static String chunk(final String context, final byte[] mulaw)
    {
        return "{\"type\":\"chunk\",\"data\":\"" + Base64.getEncoder().encodeToString(mulaw) + "\",\"done\":false," +
            "\"status_code\":206,\"step_time\":12.5,\"context_id\":\"" + context + "\"}";
    }

    /** A tone of 300 + 40 n Hz as canonical μ-law codes (they survive μ-law → PCM16 → μ-law unchanged). */
    private static byte[] tone(final int n)
    {
        final short[] pcm = new short[AUDIO_BYTES];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)Math.round(8000 * Math.sin(2 * Math.PI * (300 + 40 * n) * i / 8000.0));
        }
        final byte[] mulaw = new byte[AUDIO_BYTES];
        MuLaw.encode(pcm, 0, mulaw, 0, pcm.length);
        return mulaw;
    }
}
