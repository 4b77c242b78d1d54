package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.provider.AsrProvider;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.EventSink;
import io.voxgate.orchestrator.provider.LlmProvider;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.config.AssistantConfig;

import java.util.Map;

/**
 * One assistant's providers, built once at start-up and shared by its calls.
 *
 * @param config      the assistant.
 * @param asr         its recogniser.
 * @param llm         its LLM (a chain when several are configured).
 * @param tts         its synthesizer (a chain when several are configured).
 * @param environment what providers share (tools, executor).
 */
public record AssistantProviders(AssistantConfig config, AsrProvider asr, LlmProvider llm, TtsProvider tts,
    ProviderEnvironment environment)
{
    /**
     * The orchestrator settings of a call.
     *
     * @param callVariables the call's variables (e.g. Twilio custom parameters).
     * @return the settings with templates filled in.
     */
    public AssistantSettings settingsFor(final Map<String, String> callVariables)
    {
        return config.settingsFor(config.variablesFor(callVariables));
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
