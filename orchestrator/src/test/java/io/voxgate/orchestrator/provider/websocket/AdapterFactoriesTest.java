package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.cartesia.CartesiaTts;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.elevenlabs.ElevenLabsTts;
import io.voxgate.orchestrator.provider.openai.realtime.OpenAiRealtime;
import io.voxgate.orchestrator.provider.openai.transcription.OpenAiTranscriptionAsr;
import io.voxgate.orchestrator.provider.registry.ProviderEnvironment;
import io.voxgate.orchestrator.provider.resilience.CircuitBreakers;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The registry factories of the vendor adapters: keys only from the environment (named, never shown), options
 * validated at start-up.
 */
class AdapterFactoriesTest
{
    private static final String SECRET = "sk-live-0123456789abcdefSECRET";
    private static final AssistantConfig ASSISTANT = new AssistantConfig("a", null, null,
        new AssistantConfig.Providers(null, List.of(ProviderSpec.of("scripted")), List.of(ProviderSpec.of("freetts"))),
        null, null, null, null);

    private final ProviderEnvironment keys = environment(Map.of("CARTESIA_API_KEY", SECRET, "ELEVENLABS_API_KEY",
        SECRET, "OPENAI_API_KEY", SECRET, "MY_KEY", SECRET));
    private final ProviderEnvironment none = environment(Map.of());

    @AfterEach
    void close()
    {
        keys.close();
        none.close();
    }

    @Test
    void missingKeysFailAtStartUpNamingTheVariable()
    {
        assertEquals("API key missing: set the environment variable CARTESIA_API_KEY", assertThrows(
            IllegalArgumentException.class, () -> CartesiaTts.create(spec("cartesia", "voice", "v1"), ASSISTANT,
            none)).getMessage());
        assertEquals("API key missing: set the environment variable ELEVENLABS_API_KEY", assertThrows(
            IllegalArgumentException.class, () -> ElevenLabsTts.create(spec("elevenlabs", "voice", "v1"),
            ASSISTANT, none)).getMessage());
        assertEquals("API key missing: set the environment variable OPENAI_API_KEY", assertThrows(
            IllegalArgumentException.class, () -> OpenAiRealtime.create(ProviderSpec.of("openai-realtime"),
            ASSISTANT, none)).getMessage());
        assertEquals("API key missing: set the environment variable OPENAI_API_KEY", assertThrows(
            IllegalArgumentException.class, () -> OpenAiTranscriptionAsr.create(
            ProviderSpec.of("openai-transcription"), ASSISTANT, none)).getMessage());
    }

    @Test
    void localTranscriptionServersNeedNoKey()
    {
        final OpenAiTranscriptionAsr local = OpenAiTranscriptionAsr.create(spec("openai-transcription", "baseUrl",
            "http://127.0.0.1:8080/v1/"), ASSISTANT, none);
        assertEquals("OpenAiTranscriptionAsr[http://127.0.0.1:8080/v1, whisper-1, ApiKey[none, empty]]",
            local.toString());
        assertEquals(AudioFormat.PCM16_16K, local.inputFormat());
    }

    @Test
    void keysComeFromTheConfiguredVariableAndAreNeverShown()
    {
        final CartesiaTts cartesia = CartesiaTts.create(new ProviderSpec("cartesia", Map.of("voice", "v1",
            "apiKeyEnv", "MY_KEY")), ASSISTANT, keys);
        assertEquals("CartesiaTts[wss://api.cartesia.ai/tts/websocket, sonic-3, ApiKey[env MY_KEY, [redacted]]]",
            cartesia.toString());
        assertEquals("cartesia", cartesia.name());
        final OpenAiRealtime realtime = OpenAiRealtime.create(ProviderSpec.of("openai-realtime"), ASSISTANT, keys);
        assertFalse(realtime.toString().contains(SECRET));
        assertEquals(AudioFormat.MULAW_8K, realtime.inputFormat());
        assertFalse(ElevenLabsTts.create(spec("elevenlabs", "voice", "v1"), ASSISTANT, keys).toString()
            .contains(SECRET));
    }

    @Test
    void badOptionsFailAtStartUp()
    {
        assertEquals("cartesia: option voice (a voice ID) is required", assertThrows(IllegalArgumentException.class,
            () -> CartesiaTts.create(ProviderSpec.of("cartesia"), ASSISTANT, keys)).getMessage());
        assertEquals("cartesia: unsupported sample rate 16000 for pcm_mulaw", assertThrows(
            IllegalArgumentException.class, () -> CartesiaTts.create(new ProviderSpec("cartesia", Map.of("voice",
            "v1", "sampleRate", 16000)), ASSISTANT, keys)).getMessage());
        assertEquals("elevenlabs: outputFormat must be ulaw_8000 or pcm_<rate> with rate in [8000, 16000, 22050, " +
            "24000, 32000, 44100, 48000], not mp3_44100_128", assertThrows(IllegalArgumentException.class,
            () -> ElevenLabsTts.create(new ProviderSpec("elevenlabs", Map.of("voice", "v1", "outputFormat",
            "mp3_44100_128")), ASSISTANT, keys)).getMessage());
        assertEquals("bad endpointing: threshold -45.0 dBFS, silence 0 ms, pre-roll 200 ms, min speech 100 ms, " +
            "max 1000 ms", assertThrows(IllegalArgumentException.class, () -> OpenAiTranscriptionAsr.create(
            spec("openai-transcription", "silenceMs", "0"), ASSISTANT, keys)).getMessage());
    }

    private static ProviderSpec spec(final String name, final String option, final String value)
    {
        return new ProviderSpec(name, Map.of(option, value));
    }

    private static ProviderEnvironment environment(final Map<String, String> variables)
    {
        return new ProviderEnvironment(variables, Executors.newVirtualThreadPerTaskExecutor(),
            Executors.newSingleThreadScheduledExecutor(), ProviderMetrics.NOOP,
            new CircuitBreakers(() -> 0, ProviderMetrics.NOOP), () -> 0, RandomGenerator.of("L64X128MixRandom"),
            (delayMs, cancel) -> true, Map.of(), new OkHttpClient());
    }
}
