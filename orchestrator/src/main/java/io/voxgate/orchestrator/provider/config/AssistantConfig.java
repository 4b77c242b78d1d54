package io.voxgate.orchestrator.provider.config;

import io.voxgate.orchestrator.model.AssistantSettings;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One assistant as its file {@code config/assistants/ID.yaml} describes it. Immutable; validated when read.
 *
 * <pre>
 * id: concierge
 * systemPrompt: You are the concierge of {{business_name}}.
 * greeting: Hello, this is {{business_name}}.
 * providers:
 *   asr: {name: none}
 *   llm: [{name: scripted}]
 *   tts: [{name: freetts, options: {voice: kevin16}}]
 * dynamicVariables: {business_name: Harbor View Hotel}
 * settings: {maxEndpointingDelayMs: 1200}
 * tools: [{name: check_availability, description: ..., parameters: {...}}, {name: show_map, execution: client}]
 * script: {intents: [...], sequence: [...], fallback: ...}
 * </pre>
 *
 * @param id               the assistant's ID, which calls select it by.
 * @param systemPrompt     the system prompt template.
 * @param greeting         the greeting template; empty when the caller speaks first.
 * @param providers        ASR, LLM chain and TTS chain.
 * @param dynamicVariables default template variables (a call's custom parameters override them).
 * @param settings         orchestrator settings by {@link AssistantSettings} component name.
 * @param tools            the tools the LLM may call; client-side ones are added to the {@code clientTools}
 *                         setting.
 * @param script           the {@code scripted} LLM's script, or {@code null}.
 */
public record AssistantConfig(String id, String systemPrompt, String greeting, Providers providers,
    Map<String, String> dynamicVariables, Map<String, Object> settings, List<ToolSpec> tools, ScriptConfig script)
{
    /**
     * Validates and copies; checks the settings by building them once.
     *
     * @param id               required.
     * @param systemPrompt     {@code null} for the default.
     * @param greeting         {@code null} for none.
     * @param providers        required.
     * @param dynamicVariables {@code null} for none.
     * @param settings         {@code null} for the defaults.
     * @param tools            {@code null} for none.
     * @param script           {@code null} for none.
     */
    public AssistantConfig
    {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providers, "providers");
        systemPrompt = null == systemPrompt ? AssistantSettings.defaults().systemPrompt() : systemPrompt;
        greeting = null == greeting ? "" : greeting;
        dynamicVariables = null == dynamicVariables ? Map.of() : Map.copyOf(dynamicVariables);
        settings = null == settings ? Map.of() : Map.copyOf(settings);
        tools = null == tools ? List.of() : List.copyOf(tools);
        try
        {
            settingsFor(id, systemPrompt, greeting, settings, tools, dynamicVariables);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("settings: " + ex.getMessage(), ex);
        }
    }

    /**
     * The call's variables: the assistant's defaults overlaid with the call's own (e.g. Twilio custom parameters).
     *
     * @param callVariables the call's variables.
     * @return the merged variables.
     */
    public Map<String, String> variablesFor(final Map<String, String> callVariables)
    {
        final Map<String, String> merged = new HashMap<>(dynamicVariables);
        merged.putAll(callVariables);
        return Map.copyOf(merged);
    }

    /**
     * The orchestrator settings of one call, with the prompt and greeting templates filled in.
     *
     * @param variables the call's variables (from {@link #variablesFor}).
     * @return the settings.
     */
    public AssistantSettings settingsFor(final Map<String, String> variables)
    {
        return settingsFor(id, systemPrompt, greeting, settings, tools, variables);
    }

    private static AssistantSettings settingsFor(final String id, final String systemPrompt, final String greeting,
        final Map<String, Object> settings, final List<ToolSpec> tools, final Map<String, String> variables)
    {
        final AssistantSettings.Builder builder = AssistantSettings.builder()
            .name(id)
            .systemPrompt(Template.render(systemPrompt, variables))
            .greeting(Template.render(greeting, variables));
        for (final Map.Entry<String, Object> entry : settings.entrySet())
        {
            apply(builder, entry.getKey(), entry.getValue());
        }
        if (tools.stream().anyMatch(ToolSpec::isClientSide))
        {
            // Tools declared with execution: client join the clientTools setting (the reducer's view of them).
            final Set<String> clientTools = new LinkedHashSet<>();
            if (settings.get("clientTools") instanceof List<?> listed)
            {
                listed.forEach((name) -> clientTools.add(name.toString()));
            }
            tools.stream().filter(ToolSpec::isClientSide).forEach((tool) -> clientTools.add(tool.name()));
            builder.clientTools(List.copyOf(clientTools));
        }
        return builder.build();
    }

    private static void apply(final AssistantSettings.Builder builder, final String key, final Object value)
    {
        for (final Method method : AssistantSettings.Builder.class.getMethods())
        {
            if (method.getName().equals(key) && method.getParameterCount() == 1)
            {
                try
                {
                    method.invoke(builder, convert(key, value, method.getParameterTypes()[0]));
                    return;
                }
                catch (final IllegalAccessException | InvocationTargetException ex)
                {
                    throw new IllegalArgumentException("setting " + key + ": " + ex.getCause(), ex);
                }
            }
        }
        throw new IllegalArgumentException("unknown setting '" + key + "'");
    }

    private static Object convert(final String key, final Object value, final Class<?> type)
    {
        if (type == long.class && value instanceof Number n)
        {
            return n.longValue();
        }
        if (type == int.class && value instanceof Number n)
        {
            return n.intValue();
        }
        if (type == boolean.class && value instanceof Boolean b)
        {
            return b;
        }
        if (type == String.class && value instanceof String s)
        {
            return s;
        }
        if (type == List.class && value instanceof List<?> list)
        {
            return list.stream().map(Object::toString).toList();
        }
        throw new IllegalArgumentException("setting " + key + " must be a " + type.getSimpleName() + ", not '" +
            value + "'");
    }

    /**
     * The providers of an assistant: a cascade (ASR, LLM chain, TTS chain), or a speech-to-speech model that hears
     * the caller and speaks the replies itself, with a TTS chain only for the fixed lines (greeting, re-prompts,
     * fallback and goodbye lines).
     *
     * @param asr            the recogniser ({@code none} when absent).
     * @param llm            the LLM chain: the first is primary, the others are tried in order when it fails before
     *                       answering; empty with a speech-to-speech model.
     * @param tts            the TTS chain, likewise ({@code freetts} when absent with a speech-to-speech model).
     * @param speechToSpeech the speech-to-speech model (e.g. {@code openai-realtime}), or {@code null}.
     */
    public record Providers(ProviderSpec asr, List<ProviderSpec> llm, List<ProviderSpec> tts,
        ProviderSpec speechToSpeech)
    {
        /**
         * A cascade without a speech-to-speech model.
         *
         * @param asr {@code null} for {@code none}.
         * @param llm at least one.
         * @param tts at least one.
         */
        public Providers(final ProviderSpec asr, final List<ProviderSpec> llm, final List<ProviderSpec> tts)
        {
            this(asr, llm, tts, null);
        }

        /**
         * Validates and copies.
         *
         * @param asr            {@code null} for {@code none}.
         * @param llm            at least one without a speech-to-speech model; none with one.
         * @param tts            at least one without a speech-to-speech model; {@code null} for {@code freetts}
         *                       with one.
         * @param speechToSpeech {@code null} for a cascade.
         */
        public Providers
        {
            asr = null == asr ? ProviderSpec.of("none") : asr;
            if (null != speechToSpeech)
            {
                if (null != llm && !llm.isEmpty())
                {
                    throw new IllegalArgumentException("providers: a speechToSpeech model replaces the llm");
                }
                llm = List.of();
                tts = null == tts || tts.isEmpty() ? List.of(ProviderSpec.of("freetts")) : List.copyOf(tts);
            }
            else
            {
                if (null == llm || llm.isEmpty() || null == tts || tts.isEmpty())
                {
                    throw new IllegalArgumentException("providers need at least one llm and one tts");
                }
                llm = List.copyOf(llm);
                tts = List.copyOf(tts);
            }
        }
    }
}
