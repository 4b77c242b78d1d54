package io.voxgate.orchestrator.provider.openai.transcription;

import java.util.Objects;

/**
 * What an {@link OpenAiTranscriptionAsr} sends and how it cuts utterances.
 *
 * @param baseUrl        the API base, e.g. {@code https://api.openai.com/v1} or {@code http://127.0.0.1:8080/v1}.
 * @param model          the {@code model} form field, e.g. {@code whisper-1}, {@code gpt-4o-mini-transcribe}.
 * @param language       the {@code language} field (ISO-639-1), or {@code null} to let the model detect it.
 * @param prompt         the {@code prompt} field (vocabulary hints), or {@code null}.
 * @param thresholdDbfs  the endpointer's voiced level.
 * @param silenceMs      silence that ends an utterance.
 * @param preRollMs      audio kept before speech onset.
 * @param minSpeechMs    shortest utterance uploaded.
 * @param maxUtteranceMs longest utterance (cut there).
 */
public record TranscriptionSettings(String baseUrl, String model, String language, String prompt,
    double thresholdDbfs, int silenceMs, int preRollMs, int minSpeechMs, int maxUtteranceMs)
{
    /** OpenAI's API. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    /**
     * Validates and normalises the base URL (no trailing slash).
     *
     * @param baseUrl        required.
     * @param model          required.
     * @param language       optional.
     * @param prompt         optional.
     * @param thresholdDbfs  below 0.
     * @param silenceMs      positive.
     * @param preRollMs      not negative.
     * @param minSpeechMs    not negative.
     * @param maxUtteranceMs at least 1000.
     */
    public TranscriptionSettings
    {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        new UtteranceEndpointer(thresholdDbfs, silenceMs, preRollMs, minSpeechMs, 1000);
        if (maxUtteranceMs < 1000 || maxUtteranceMs > 600_000)
        {
            throw new IllegalArgumentException("openai-transcription: maxUtteranceMs must be 1000..600000: " +
                maxUtteranceMs);
        }
    }

    /**
     * A new endpointer with these settings (one per call).
     *
     * @return the endpointer.
     */
    public UtteranceEndpointer endpointer()
    {
        return new UtteranceEndpointer(thresholdDbfs, silenceMs, preRollMs, minSpeechMs, maxUtteranceMs);
    }
}
