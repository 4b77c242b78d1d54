package io.voxgate.orchestrator.provider.elevenlabs;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link ElevenLabsTts} asks ElevenLabs for.
 *
 * @param baseUrl             the WebSocket base ({@code wss://api.elevenlabs.io}).
 * @param voiceId             the voice ID (path segment).
 * @param modelId             {@code model_id}, e.g. {@code eleven_flash_v2_5}.
 * @param outputFormat        {@code output_format}: {@code ulaw_8000} or {@code pcm_<rate>}.
 * @param stability           {@code voice_settings.stability}, 0..1.
 * @param similarityBoost     {@code voice_settings.similarity_boost}, 0..1.
 * @param chunkLengthSchedule {@code generation_config.chunk_length_schedule}: characters buffered before each
 *                            generation.
 */
public record ElevenLabsSettings(String baseUrl, String voiceId, String modelId, String outputFormat,
    double stability, double similarityBoost, List<Integer> chunkLengthSchedule)
{
    /** The production endpoint. */
    public static final String DEFAULT_BASE_URL = "wss://api.elevenlabs.io";
    /** Raw μ-law 8 kHz: Twilio's format. */
    public static final String ULAW_8000 = "ulaw_8000";
    /** The default schedule (ElevenLabs' documented default). */
    public static final List<Integer> DEFAULT_SCHEDULE = List.of(120, 160, 250, 290);

    private static final List<Integer> PCM_RATES = List.of(8000, 16000, 22050, 24000, 32000, 44100, 48000);

    /**
     * Validates.
     *
     * @param baseUrl             required.
     * @param voiceId             required.
     * @param modelId             required.
     * @param outputFormat        {@code ulaw_8000} or {@code pcm_8000} … {@code pcm_48000}.
     * @param stability           0..1.
     * @param similarityBoost     0..1.
     * @param chunkLengthSchedule not empty.
     */
    public ElevenLabsSettings
    {
        Objects.requireNonNull(baseUrl, "url");
        Objects.requireNonNull(modelId, "model");
        if (null == voiceId || voiceId.isBlank())
        {
            throw new IllegalArgumentException("elevenlabs: option voice (a voice ID) is required");
        }
        if (!ULAW_8000.equals(outputFormat) && !(null != outputFormat && outputFormat.startsWith("pcm_") &&
            PCM_RATES.contains(parseRate(outputFormat))))
        {
            throw new IllegalArgumentException("elevenlabs: outputFormat must be ulaw_8000 or pcm_<rate> with rate " +
                "in " + PCM_RATES + ", not " + outputFormat);
        }
        if (stability < 0 || stability > 1 || similarityBoost < 0 || similarityBoost > 1)
        {
            throw new IllegalArgumentException("elevenlabs: stability and similarityBoost must be in 0..1");
        }
        chunkLengthSchedule = List.copyOf(chunkLengthSchedule);
        if (chunkLengthSchedule.isEmpty())
        {
            throw new IllegalArgumentException("elevenlabs: chunkLengthSchedule must not be empty");
        }
    }

    /**
     * Whether the output is μ-law.
     *
     * @return true for {@code ulaw_8000}.
     */
    public boolean muLaw()
    {
        return ULAW_8000.equals(outputFormat);
    }

    /**
     * The output's sample rate.
     *
     * @return Hz.
     */
    public int sampleRate()
    {
        return muLaw() ? 8000 : parseRate(outputFormat);
    }

    private static int parseRate(final String format)
    {
        try
        {
            return Integer.parseInt(format.substring(format.indexOf('_') + 1));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
