package io.voxgate.orchestrator.provider.openai.realtime;

import io.voxgate.orchestrator.provider.config.ToolSpec;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link OpenAiRealtime} session is configured with ({@code session.update}, protocols.md section 5.1).
 *
 * @param url                the WebSocket URL without the model ({@code wss://api.openai.com/v1/realtime}).
 * @param model              the model, e.g. {@code gpt-realtime} (the {@code model} query parameter).
 * @param voice              the output voice, e.g. {@code marin}.
 * @param instructions       instructions sent at connect, or {@code null} (the reducer's system prompt is sent with
 *                           the first reply).
 * @param transcriptionModel the caller-audio transcription model, or {@code null} for no caller transcripts.
 * @param serverVad          whether the server detects turns ({@code server_vad}, without creating or interrupting
 *                           responses itself: the reducer decides) or audio is committed per reply.
 * @param vadThreshold       {@code server_vad} threshold, 0..1.
 * @param prefixPaddingMs    {@code server_vad} prefix padding.
 * @param silenceDurationMs  {@code server_vad} silence that ends a turn.
 * @param tools              the functions offered to the model.
 */
public record RealtimeSettings(String url, String model, String voice, String instructions,
    String transcriptionModel, boolean serverVad, double vadThreshold, int prefixPaddingMs, int silenceDurationMs,
    List<ToolSpec> tools)
{
    /** The production endpoint. */
    public static final String DEFAULT_URL = "wss://api.openai.com/v1/realtime";

    /**
     * Validates.
     *
     * @param url                required.
     * @param model              required.
     * @param voice              required.
     * @param instructions       optional.
     * @param transcriptionModel optional.
     * @param serverVad          VAD on or off.
     * @param vadThreshold       0..1.
     * @param prefixPaddingMs    not negative.
     * @param silenceDurationMs  positive.
     * @param tools              may be empty.
     */
    public RealtimeSettings
    {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(voice, "voice");
        tools = List.copyOf(tools);
        if (vadThreshold < 0 || vadThreshold > 1 || prefixPaddingMs < 0 || silenceDurationMs <= 0)
        {
            throw new IllegalArgumentException("openai-realtime: bad server_vad settings: threshold " + vadThreshold +
                ", prefix " + prefixPaddingMs + " ms, silence " + silenceDurationMs + " ms");
        }
    }
}
