package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.asr.NoAsr;
import io.voxgate.orchestrator.provider.cartesia.CartesiaTts;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.config.ScriptConfig;
import io.voxgate.orchestrator.provider.deepgram.DeepgramAsr;
import io.voxgate.orchestrator.provider.deepgram.DeepgramSettings;
import io.voxgate.orchestrator.provider.elevenlabs.ElevenLabsTts;
import io.voxgate.orchestrator.provider.freetts.FreeTts;
import io.voxgate.orchestrator.provider.openai.OpenAiChatLlm;
import io.voxgate.orchestrator.provider.openai.OpenAiSpeechTts;
import io.voxgate.orchestrator.provider.openai.realtime.OpenAiRealtime;
import io.voxgate.orchestrator.provider.openai.transcription.OpenAiTranscriptionAsr;
import io.voxgate.orchestrator.provider.resilience.CachedLinesTts;
import io.voxgate.orchestrator.provider.scripted.ScriptedLlm;

import java.time.Duration;
import java.util.List;

/**
 * The providers voxgate ships, by the names assistant files use:
 *
 * <table>
 *   <caption>Built-in providers</caption>
 *   <tr><th>kind</th><th>name</th><th>what</th></tr>
 *   <tr><td>asr</td><td>{@code none}</td><td>no recognition: turns from VAD alone</td></tr>
 *   <tr><td>llm</td><td>{@code scripted}</td><td>rule-based agent from the assistant's script (offline)</td></tr>
 *   <tr><td>tts</td><td>{@code freetts}</td><td>FreeTTS kevin16, 16 kHz (offline)</td></tr>
 *   <tr><td>llm</td><td>{@code openai}</td><td>OpenAI-compatible Chat Completions, streaming</td></tr>
 *   <tr><td>tts</td><td>{@code openai}</td><td>OpenAI-compatible {@code /audio/speech}, PCM 24 kHz, streamed</td></tr>
 *   <tr><td>asr</td><td>{@code deepgram}</td><td>Deepgram live transcription over WebSocket</td></tr>
 * </table>
 */
public final class BuiltInProviders
{
    private BuiltInProviders()
    {
    }

    /**
     * A registry holding every built-in provider.
     *
     * @return the registry.
     */
    public static ProviderRegistry registry()
    {
        return new ProviderRegistry()
            .registerAsr(NoAsr.NAME, (spec, assistant, env) -> new NoAsr())
            .registerLlm(ScriptedLlm.NAME, (spec, assistant, env) -> new ScriptedLlm(
                null == assistant.script() ? new ScriptConfig(null, null, null) : assistant.script()))
            .registerTts(FreeTts.NAME, (spec, assistant, env) -> new FreeTts(
                spec.text("voice", "kevin16"),
                (int)spec.number("poolSize", 2),
                (int)spec.number("chunkMs", 100),
                env.executor(),
                env.metrics()))
            .registerLlm(OpenAiChatLlm.NAME, BuiltInProviders::openAiChat)
            .registerTts(OpenAiSpeechTts.NAME, BuiltInProviders::openAiSpeech)
            .registerAsr(DeepgramAsr.NAME, BuiltInProviders::deepgram)
            .registerAsr(OpenAiTranscriptionAsr.NAME, OpenAiTranscriptionAsr::create)
            .registerTts(CartesiaTts.NAME, CartesiaTts::create)
            .registerTts(ElevenLabsTts.NAME, ElevenLabsTts::create)
            .registerSpeechToSpeech(OpenAiRealtime.NAME, OpenAiRealtime::create);
    }

    /**
     * The last link of an assistant's TTS chain with its fixed lines (error and tool-limit fallbacks, re-prompt,
     * goodbyes) pre-rendered by {@code freetts} kevin16, for {@link ProviderRegistry#fallbackLines}: with it, the
     * fallback line is heard even when every configured synthesizer fails. Renders at start-up (about a second
     * per assistant).
     *
     * @param assistant the assistant.
     * @param env       the environment.
     * @return the cached lines.
     */
    public static TtsProvider fallbackLines(final AssistantConfig assistant, final ProviderEnvironment env)
    {
        final AssistantSettings settings = assistant.settingsFor(assistant.dynamicVariables());
        return CachedLinesTts.render(new FreeTts("kevin16", 1, 100, env.executor(), env.metrics()),
            List.of(settings.errorFallbackLine(), settings.toolLimitFallbackLine(), settings.repromptLine(),
                settings.idleGoodbyeLine(), settings.maxDurationGoodbyeLine()),
            Duration.ofSeconds(30));
    }

    private static DeepgramAsr deepgram(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment env)
    {
        final String encoding = spec.text("encoding", "linear16");
        final AudioFormat format = switch (encoding)
        {
            case "linear16" -> AudioFormat.PCM16_16K;
            case "mulaw" -> AudioFormat.MULAW_8K;
            default -> throw new IllegalArgumentException("deepgram encoding must be linear16 or mulaw, not " +
                encoding);
        };
        final String url = spec.text("url", DeepgramSettings.DEFAULT_URL);
        final DeepgramSettings settings = new DeepgramSettings(url, spec.text("model", "nova-3"), format,
            spec.number("endpointingMs", 300), spec.number("utteranceEndMs", 1000),
            Boolean.parseBoolean(spec.text("vadEvents", "false")), spec.number("keepAliveMs", 4000));
        return new DeepgramAsr(settings, env.apiKey(spec, "DEEPGRAM_API_KEY", true), env.http(), env.executor(),
            env.scheduler(), env.resilience(spec, "deepgram " + url));
    }

    private static OpenAiSpeechTts openAiSpeech(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment env)
    {
        final String baseUrl = spec.text("baseUrl", OpenAiChatLlm.DEFAULT_BASE_URL);
        return new OpenAiSpeechTts(baseUrl, spec.text("model", "gpt-4o-mini-tts"), spec.text("voice", "marin"),
            spec.text("instructions", null),
            env.apiKey(spec, "OPENAI_API_KEY", baseUrl.equals(OpenAiChatLlm.DEFAULT_BASE_URL)),
            (int)spec.number("chunkMs", 100), env.http(), env.executor(), env.scheduler(),
            env.resilience(spec, "openai-speech " + baseUrl));
    }

    private static OpenAiChatLlm openAiChat(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment env)
    {
        final String baseUrl = spec.text("baseUrl", OpenAiChatLlm.DEFAULT_BASE_URL);
        final String temperature = spec.text("temperature", null);
        return new OpenAiChatLlm(baseUrl, spec.text("model", "gpt-4o-mini"),
            null == temperature ? null : Double.valueOf(temperature),
            env.apiKey(spec, "OPENAI_API_KEY", baseUrl.equals(OpenAiChatLlm.DEFAULT_BASE_URL)),
            assistant.tools(), env.http(), env.executor(), env.scheduler(),
            env.resilience(spec, "openai-chat " + baseUrl));
    }
}
