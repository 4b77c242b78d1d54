package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.provider.AsrProvider;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.EventSink;
import io.voxgate.orchestrator.provider.LlmProvider;
import io.voxgate.orchestrator.provider.SpeechToSpeechProvider;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.tool.HttpTool;
import io.voxgate.orchestrator.provider.tool.ServerTool;

import java.util.Map;

/**
 * One assistant's providers, built once at start-up and shared by its calls.
 *
 * <p>With a speech-to-speech model the model hears the caller and writes and speaks the replies (the reducer runs
 * in {@link AssistantSettings#speechToSpeech()} mode and the LLM is unused); the TTS speaks only the fixed lines.
 *
 * @param config         the assistant.
 * @param asr            its recogniser.
 * @param llm            its LLM (a chain when several are configured); {@code null} with a speech-to-speech model.
 * @param tts            its synthesizer (a chain when several are configured).
 * @param environment    what providers share (tools, executor).
 * @param speechToSpeech its speech-to-speech model, or {@code null} for a cascade.
 * @param tools          the server-side tools its calls run by name: the environment's in-process tools and the
 *                       assistant's HTTP tools ({@link HttpTool}), immutable.
 */
public record AssistantProviders(AssistantConfig config, AsrProvider asr, LlmProvider llm, TtsProvider tts,
    ProviderEnvironment environment, SpeechToSpeechProvider speechToSpeech, Map<String, ServerTool> tools)
{
    /**
     * Copies the tools.
     *
     * @param config         the assistant.
     * @param asr            its recogniser.
     * @param llm            its LLM; {@code null} with a speech-to-speech model.
     * @param tts            its synthesizer.
     * @param environment    what providers share.
     * @param speechToSpeech its speech-to-speech model, or {@code null}.
     * @param tools          the server-side tools by name.
     */
    public AssistantProviders
    {
        tools = Map.copyOf(tools);
    }

    /**
     * Providers whose server-side tools are the environment's in-process ones.
     *
     * @param config         the assistant.
     * @param asr            its recogniser.
     * @param llm            its LLM; {@code null} with a speech-to-speech model.
     * @param tts            its synthesizer.
     * @param environment    what providers share.
     * @param speechToSpeech its speech-to-speech model, or {@code null}.
     */
    public AssistantProviders(final AssistantConfig config, final AsrProvider asr, final LlmProvider llm,
        final TtsProvider tts, final ProviderEnvironment environment, final SpeechToSpeechProvider speechToSpeech)
    {
        this(config, asr, llm, tts, environment, speechToSpeech, environment.tools());
    }

    /**
     * A cascade's providers.
     *
     * @param config      the assistant.
     * @param asr         its recogniser.
     * @param llm         its LLM.
     * @param tts         its synthesizer.
     * @param environment what providers share.
     */
    public AssistantProviders(final AssistantConfig config, final AsrProvider asr, final LlmProvider llm,
        final TtsProvider tts, final ProviderEnvironment environment)
    {
        this(config, asr, llm, tts, environment, null);
    }

    /**
     * The caller audio a call feeds {@link CallProviders#audio}: the speech-to-speech model's input format, or the
     * recogniser's.
     *
     * @return the format.
     */
    public AudioFormat callerAudioFormat()
    {
        return null == speechToSpeech ? asr.inputFormat() : speechToSpeech.inputFormat();
    }

    /**
     * The orchestrator settings of a call.
     *
     * @param callVariables the call's variables (e.g. Twilio custom parameters).
     * @return the settings with templates filled in.
     */
    public AssistantSettings settingsFor(final Map<String, String> callVariables)
    {
        final AssistantSettings settings = config.settingsFor(config.variablesFor(callVariables));
        // The mode follows the providers, whatever the settings say.
        return settings.speechToSpeech() == (null != speechToSpeech) ? settings :
            settings.toBuilder().speechToSpeech(null != speechToSpeech).build();
    }

    /**
     * Opens the provider sessions of one call.
     *
     * @param sessionId     the orchestrator session ID.
     * @param events        where the call's events go.
     * @param callVariables the call's variables.
     * @return the call's providers; close them when the call ends.
     */
    public CallProviders open(final String sessionId, final EventSink events, final Map<String, String> callVariables)
    {
        return new CallProviders(this, new CallContext(sessionId, events, config.variablesFor(callVariables)));
    }
}
