package io.voxgate.orchestrator.provider.cartesia;

import java.util.Objects;

/**
 * What a {@link CartesiaTts} asks Cartesia for.
 *
 * @param url              the WebSocket URL ({@code wss://api.cartesia.ai/tts/websocket}).
 * @param version          the {@code Cartesia-Version} header (a date).
 * @param modelId          {@code model_id}, e.g. {@code sonic-3}.
 * @param voiceId          the voice's ID ({@code voice: {mode: id, id: …}}).
 * @param language         {@code language}, e.g. {@code en}.
 * @param encoding         {@code output_format.encoding}: {@code pcm_mulaw} (8 kHz only) or {@code pcm_s16le}.
 * @param sampleRate       {@code output_format.sample_rate}.
 * @param maxBufferDelayMs {@code max_buffer_delay_ms}, or -1 to leave it to Cartesia.
 */
public record CartesiaSettings(String url, String version, String modelId, String voiceId, String language,
    String encoding, int sampleRate, int maxBufferDelayMs)
{
    /** The production endpoint. */
    public static final String DEFAULT_URL = "wss://api.cartesia.ai/tts/websocket";
    /** The API version this adapter was written against. */
    public static final String DEFAULT_VERSION = "2026-03-01";
    /** μ-law output: Twilio's own format, decoded losslessly to PCM16 for the orchestrator. */
    public static final String MULAW = "pcm_mulaw";
    /** PCM16 little-endian output. */
    public static final String PCM16 = "pcm_s16le";

    /**
     * Validates.
     *
     * @param url              required.
     * @param version          required.
     * @param modelId          required.
     * @param voiceId          required.
     * @param language         required.
     * @param encoding         {@link #MULAW} or {@link #PCM16}.
     * @param sampleRate       8000 for μ-law; 8000..48000 for PCM.
     * @param maxBufferDelayMs -1 or 0..5000.
     */
    public CartesiaSettings
    {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelId, "model");
        Objects.requireNonNull(language, "language");
        if (null == voiceId || voiceId.isBlank())
        {
            throw new IllegalArgumentException("cartesia: option voice (a voice ID) is required");
        }
        if (!MULAW.equals(encoding) && !PCM16.equals(encoding))
        {
            throw new IllegalArgumentException("cartesia: encoding must be " + MULAW + " or " + PCM16 + ", not " +
                encoding);
        }
        if (MULAW.equals(encoding) ? sampleRate != 8000 : sampleRate < 8000 || sampleRate > 48000)
        {
            throw new IllegalArgumentException("cartesia: unsupported sample rate " + sampleRate + " for " +
                encoding);
        }
        if (maxBufferDelayMs < -1 || maxBufferDelayMs > 5000)
        {
            throw new IllegalArgumentException("cartesia: maxBufferDelayMs must be 0..5000: " + maxBufferDelayMs);
        }
    }
}
