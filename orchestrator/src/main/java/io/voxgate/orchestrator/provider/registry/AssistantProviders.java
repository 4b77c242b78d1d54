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
 */
public record AssistantProviders(AssistantConfig config, AsrProvider asr, LlmProvider llm, TtsProvider tts,
    ProviderEnvironment environment, SpeechToSpeechProvider speechToSpeech)
{
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
        return null == speechToSpeech ? settings : settings.toBuilder().speechToSpeech(true).build();
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
