package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.provider.AsrProvider;
import io.voxgate.orchestrator.provider.LlmProvider;
import io.voxgate.orchestrator.provider.SpeechToSpeechProvider;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import io.voxgate.orchestrator.provider.resilience.FallbackLlm;
import io.voxgate.orchestrator.provider.resilience.FallbackTts;
import io.voxgate.orchestrator.provider.tool.HttpTool;
import io.voxgate.orchestrator.provider.tool.ServerTool;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Provider names and their factories, per kind; builds an assistant's {@link AssistantProviders} from its
 * {@link AssistantConfig}, folding LLM and TTS chains of more than one provider into {@link FallbackLlm} and
 * {@link FallbackTts}, and adding the assistant's HTTP tools ({@link HttpTool}) to the environment's in-process
 * tools.
 *
 * <p><b>Threading:</b> registration at start-up on one thread; afterwards read-only and thread-safe.
 */
public final class ProviderRegistry
{
    private final Map<String, ProviderFactory<AsrProvider>> asr = new TreeMap<>();
    private final Map<String, ProviderFactory<LlmProvider>> llm = new TreeMap<>();
    private final Map<String, ProviderFactory<TtsProvider>> tts = new TreeMap<>();
    private final Map<String, ProviderFactory<SpeechToSpeechProvider>> speechToSpeech = new TreeMap<>();
    private BiFunction<AssistantConfig, ProviderEnvironment, TtsProvider> fallbackLines;

    /**
     * Appends a last link to every TTS chain, built per assistant (e.g. its fixed lines pre-rendered, so the
     * fallback line is heard when every synthesizer fails).
     *
     * @param factory builds the link for an assistant.
     * @return this registry.
     */
    public ProviderRegistry fallbackLines(final BiFunction<AssistantConfig, ProviderEnvironment, TtsProvider> factory)
    {
        this.fallbackLines = factory;
        return this;
    }

    /**
     * Registers a recogniser.
     *
     * @param name    its name in assistant files.
     * @param factory creates it.
     * @return this registry.
     */
    public ProviderRegistry registerAsr(final String name, final ProviderFactory<AsrProvider> factory)
    {
        asr.put(name, factory);
        return this;
    }

    /**
     * Registers a language model.
     *
     * @param name    its name in assistant files.
     * @param factory creates it.
     * @return this registry.
     */
    public ProviderRegistry registerLlm(final String name, final ProviderFactory<LlmProvider> factory)
    {
        llm.put(name, factory);
        return this;
    }

    /**
     * Registers a synthesizer.
     *
     * @param name    its name in assistant files.
     * @param factory creates it.
     * @return this registry.
     */
    public ProviderRegistry registerTts(final String name, final ProviderFactory<TtsProvider> factory)
    {
        tts.put(name, factory);
        return this;
    }

    /**
     * Registers a speech-to-speech model.
     *
     * @param name    its name in assistant files ({@code providers.speechToSpeech.name}).
     * @param factory creates it.
     * @return this registry.
     */
    public ProviderRegistry registerSpeechToSpeech(final String name,
        final ProviderFactory<SpeechToSpeechProvider> factory)
    {
        speechToSpeech.put(name, factory);
        return this;
    }

    /**
     * Builds an assistant's providers.
     *
     * @param assistant   the assistant.
     * @param environment what providers share.
     * @return its providers.
     * @throws IllegalArgumentException for an unknown provider name (listing the known ones) or bad options.
     */
    public AssistantProviders forAssistant(final AssistantConfig assistant, final ProviderEnvironment environment)
    {
        final AssistantConfig.Providers specs = assistant.providers();
        final AsrProvider asrProvider = create("asr", asr, specs.asr(), assistant, environment);
        final SpeechToSpeechProvider model = null == specs.speechToSpeech() ? null :
            create("speechToSpeech", speechToSpeech, specs.speechToSpeech(), assistant, environment);
        final List<LlmProvider> llms = new ArrayList<>();
        for (final ProviderSpec spec : specs.llm())
        {
            llms.add(create("llm", llm, spec, assistant, environment));
        }
        final List<TtsProvider> ttss = new ArrayList<>();
        for (final ProviderSpec spec : specs.tts())
        {
            ttss.add(create("tts", tts, spec, assistant, environment));
        }
        if (null != fallbackLines)
        {
            ttss.add(fallbackLines.apply(assistant, environment));
        }
        return new AssistantProviders(assistant, asrProvider,
            llms.isEmpty() ? null : llms.size() == 1 ? llms.getFirst() : new FallbackLlm(llms),
            ttss.size() == 1 ? ttss.getFirst() : new FallbackTts(ttss),
            environment, model, tools(assistant, environment));
    }

    private static Map<String, ServerTool> tools(final AssistantConfig assistant,
        final ProviderEnvironment environment)
    {
        final Map<String, ServerTool> tools = new HashMap<>(environment.tools());
        final List<ToolSpec> http = assistant.tools().stream().filter(ToolSpec::isHttp).toList();
        if (!http.isEmpty())
        {
            final long defaultTimeoutMs = assistant.settingsFor(assistant.dynamicVariables()).toolTimeoutMs();
            final OkHttpClient client = HttpTool.client(environment.http(), environment.executor());
            for (final ToolSpec spec : http)
            {
                try
                {
                    // An assistant's HTTP tool wins over an in-process tool of the same name: the file says so.
                    tools.put(spec.name(), new HttpTool(spec, environment.environment(), defaultTimeoutMs, client));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("assistant " + assistant.id() + ": " + ex.getMessage(), ex);
                }
            }
        }
        return tools;
    }

    private static <P> P create(final String kind, final Map<String, ProviderFactory<P>> factories,
        final ProviderSpec spec, final AssistantConfig assistant, final ProviderEnvironment environment)
    {
        final ProviderFactory<P> factory = factories.get(spec.name());
        if (null == factory)
        {
            throw new IllegalArgumentException("assistant " + assistant.id() + ": unknown " + kind + " provider '" +
                spec.name() + "' (known: " + String.join(", ", factories.keySet()) + ")");
        }
        return factory.create(spec, assistant, environment);
    }
}
