package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import io.voxgate.orchestrator.provider.resilience.CircuitBreakers;
import io.voxgate.orchestrator.provider.resilience.FallbackLlm;
import io.voxgate.orchestrator.provider.resilience.FallbackTts;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.tool.CheckAvailabilityTool;
import io.voxgate.orchestrator.provider.tool.HttpTool;
import org.agrona.concurrent.UnsafeBuffer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderRegistryTest
{
    private final ProviderEnvironment environment = new ProviderEnvironment(Map.of(),
        Executors.newVirtualThreadPerTaskExecutor(), Executors.newSingleThreadScheduledExecutor(),
        ProviderMetrics.NOOP, new CircuitBreakers(() -> 0, ProviderMetrics.NOOP), () -> 0,
        RandomGenerator.of("L64X128MixRandom"), (delayMs, cancel) -> true, Map.of(), new OkHttpClient());

    @AfterEach
    void close()
    {
        environment.close();
    }

    @Test
    void unknownProviderNameListsTheKnownOnes()
    {
        final AssistantConfig config =
            assistant(List.of(ProviderSpec.of("gpt-9")), List.of(ProviderSpec.of("freetts")));
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> BuiltInProviders.registry().forAssistant(config, environment));
        assertEquals("assistant a: unknown llm provider 'gpt-9' (known: openai, scripted)", error.getMessage());
    }

    @Test
    void chainsOfSeveralProvidersBecomeFallbackChains()
    {
        final AssistantConfig config = assistant(List.of(ProviderSpec.of("scripted"), ProviderSpec.of("scripted")),
            List.of(ProviderSpec.of("freetts"), ProviderSpec.of("freetts")));
        final AssistantProviders providers = BuiltInProviders.registry().forAssistant(config, environment);
        assertInstanceOf(FallbackLlm.class, providers.llm());
        assertInstanceOf(FallbackTts.class, providers.tts());
        assertEquals("scripted>scripted", providers.llm().name());
        assertEquals("freetts>freetts", providers.tts().name());
        assertEquals("none", providers.asr().name());
    }

    @Test
    void fallbackLinesBecomeTheLastLinkOfEveryTtsChain()
    {
        final AssistantConfig config = assistant(List.of(ProviderSpec.of("scripted")),
            List.of(ProviderSpec.of("freetts")));
        final AssistantProviders providers = BuiltInProviders.registry()
            .fallbackLines(BuiltInProviders::fallbackLines).forAssistant(config, environment);
        assertEquals("freetts>cached-lines", providers.tts().name());
    }

    @Test
    void routesProviderCommandsAndLeavesTheRestToTheServer()
    {
        final AssistantConfig config = assistant(List.of(ProviderSpec.of("scripted")),
            List.of(ProviderSpec.of("freetts")));
        final RecordingSink sink = new RecordingSink();
        try (CallProviders call = BuiltInProviders.registry().forAssistant(config, environment)
            .open("s", sink, Map.of()))
        {
            // ASR none reads nothing: it takes the form every slot already has, so nothing is upsampled for it.
            assertEquals(AudioFormat.MULAW_8K, call.asrFormat());
            assertTrue(call.execute(new Command.StartAsr("s")));
            call.audio(new UnsafeBuffer(new byte[160]), 0, 160);
            assertTrue(call.execute(new Command.StopAsr("s")));
            assertTrue(call.execute(new Command.CancelLlm("s", 1, 1)));
            assertTrue(call.execute(new Command.CancelTts("s", 1, 1)));
            assertTrue(call.execute(new Command.CancelTool("s", 1, 1, "c")));
            assertFalse(call.execute(new Command.ClearPlayback("s", 1, 1)));
            assertFalse(call.execute(new Command.StartTimer("s", TimerKind.IDLE, 1, 10)));
            assertFalse(call.execute(new Command.HangUp("s", "idle")));
            assertEquals(List.of(), sink.drain(), "ASR none publishes nothing");
        }
    }

    @Test
    void aSpeechToSpeechModelTakesTheLlmsPlaceAndHearsTheCallerInMuLaw(@TempDir final Path dir) throws IOException
    {
        final Path key = Files.writeString(dir.resolve("openai.key"), "sk-test\n");
        final AssistantConfig config = new AssistantConfig("a", null, null, new AssistantConfig.Providers(null, null,
            null, new ProviderSpec("openai-realtime", Map.of("url", "ws://127.0.0.1:9/v1/realtime",
            "apiKeyFile", key.toString(), "serverVad", false))), null, null, null, null);
        final AssistantProviders providers = BuiltInProviders.registry().forAssistant(config, environment);
        assertEquals("openai-realtime", providers.speechToSpeech().name());
        assertEquals(null, providers.llm());
        assertEquals("freetts", config.providers().tts().getFirst().name(), "fixed lines need a tts");
        assertEquals(AudioFormat.MULAW_8K, providers.callerAudioFormat());
        assertTrue(providers.settingsFor(Map.of()).speechToSpeech());
        assertFalse(assistant(List.of(ProviderSpec.of("scripted")), List.of(ProviderSpec.of("freetts")))
            .settingsFor(Map.of()).speechToSpeech());
        assertThrows(IllegalArgumentException.class, () -> new AssistantConfig.Providers(null,
            List.of(ProviderSpec.of("scripted")), null, ProviderSpec.of("openai-realtime")));
    }

    @Test
    void httpToolsOfTheAssistantJoinTheInProcessTools()
    {
        final ToolSpec http = new ToolSpec("book_room", null, null, ToolSpec.SERVER, "https://api.example.com/rooms",
            "POST", 0, Map.of());
        final AssistantConfig config = new AssistantConfig("a", null, null, new AssistantConfig.Providers(null,
            List.of(ProviderSpec.of("scripted")), List.of(ProviderSpec.of("freetts"))), null,
            Map.of("toolTimeoutMs", 4_000), List.of(http, new ToolSpec("show_map", null, null, ToolSpec.CLIENT,
            null, null, 0, null)), null);
        try (ProviderEnvironment withTool = new ProviderEnvironment(Map.of(),
            Executors.newVirtualThreadPerTaskExecutor(), Executors.newSingleThreadScheduledExecutor(),
            ProviderMetrics.NOOP, new CircuitBreakers(() -> 0, ProviderMetrics.NOOP), () -> 0,
            RandomGenerator.of("L64X128MixRandom"),
            (delayMs, cancel) -> true, Map.of(CheckAvailabilityTool.NAME, new CheckAvailabilityTool()),
            new OkHttpClient()))
        {
            final AssistantProviders providers = BuiltInProviders.registry().forAssistant(config, withTool);
            assertEquals(Set.of("book_room", CheckAvailabilityTool.NAME), providers.tools().keySet());
            assertEquals(4_000, assertInstanceOf(HttpTool.class, providers.tools().get("book_room")).timeoutMs());
        }
        final AssistantConfig secret = new AssistantConfig("a", null, null, config.providers(), null, null,
            List.of(new ToolSpec("book_room", null, null, ToolSpec.SERVER, "https://api.example.com/rooms", "POST",
            0, Map.of("Authorization", "Bearer {{env.ROOMS_TOKEN}}"))), null);
        assertEquals("assistant a: tool book_room, header Authorization: API key missing: set the environment " +
            "variable ROOMS_TOKEN", assertThrows(IllegalArgumentException.class,
            () -> BuiltInProviders.registry().forAssistant(secret, environment)).getMessage());
    }

    private static AssistantConfig assistant(final List<ProviderSpec> llm, final List<ProviderSpec> tts)
    {
        return new AssistantConfig("a", null, null, new AssistantConfig.Providers(null, llm, tts), null, null, null,
            null);
    }
}
