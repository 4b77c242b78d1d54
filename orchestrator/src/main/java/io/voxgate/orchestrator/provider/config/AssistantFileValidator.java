package io.voxgate.orchestrator.provider.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxgate.orchestrator.model.AssistantSettings;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The schema of an assistant document ({@code config/assistants/ID.yaml}, or the same as JSON from the control
 * plane), checked field by field before it is bound to an {@link AssistantConfig}: unknown keys, wrong types,
 * numbers out of range, missing required fields, bad provider options, tools and scripts. Every problem names its
 * field path, e.g. {@code providers.tts[0].options.voice: must not be empty}.
 *
 * <p>Stateless; each {@link #validate} call uses its own {@link ConfigProblems}.
 */
final class AssistantFileValidator
{
    /** Assistant IDs: what a Twilio parameter or a URL path segment can carry verbatim. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Longest duration setting or option: 30 days in milliseconds (idle timers may be set very long on purpose). */
    static final long MAX_MS = 30L * 24 * 3600 * 1000;
    /** Largest count setting (turns, words, characters, tokens). */
    static final long MAX_COUNT = 1_000_000;

    private static final Set<String> TOP = keys("id", "systemPrompt", "greeting", "providers", "dynamicVariables",
        "settings", "tools", "script");
    private static final Set<String> PROVIDERS = keys("asr", "llm", "tts", "speechToSpeech");
    private static final Set<String> PROVIDER = keys("name", "options");
    /** Provider options read as numbers ({@link ProviderSpec#number}) that are not durations ending in Ms. */
    private static final Set<String> NUMERIC_OPTIONS = keys("sampleRate", "poolSize", "maxAttempts",
        "breakerFailures");
    /** Provider options naming an endpoint. */
    private static final Set<String> URL_OPTIONS = keys("url", "baseUrl");
    /** Settings that are top-level fields of the file instead. */
    private static final Set<String> TOP_LEVEL_SETTINGS = keys("name", "systemPrompt", "greeting");
    /** Settings the providers decide: a file setting them would contradict its own providers. */
    private static final Set<String> PROVIDER_SETTINGS = keys("speechToSpeech");
    /** Lines the orchestrator speaks when something fails: never empty. */
    private static final Set<String> REQUIRED_LINES = keys("errorFallbackLine", "toolLimitFallbackLine",
        "repromptLine");
    private static final Map<String, Class<?>> SETTINGS = settingTypes();

    private AssistantFileValidator()
    {
    }

    /**
     * Checks a whole document.
     *
     * @param root the parsed document.
     * @return the problems, empty when it is valid.
     */
    static List<String> validate(final JsonNode root)
    {
        final ConfigProblems problems = new ConfigProblems();
        if (null == root || root.isMissingNode() || root.isNull())
        {
            problems.add("", "the document is empty; an assistant needs at least id and providers");
            return problems.list();
        }
        if (!root.isObject())
        {
            problems.add("", "the document must be a mapping of keys, not " + ConfigProblems.describe(root));
            return problems.list();
        }
        problems.mapping(root, "", TOP);
        final JsonNode id = problems.required(root, "", "id");
        if (null != id)
        {
            problems.matches(id, "id", ID, "an assistant ID ([A-Za-z0-9_.-], 1-64 characters)");
        }
        optionalText(problems, root, "systemPrompt");
        optionalText(problems, root, "greeting");
        final JsonNode providers = problems.required(root, "", "providers");
        if (null != providers)
        {
            providers(problems, providers);
        }
        final JsonNode variables = ConfigProblems.optional(root, "dynamicVariables");
        if (null != variables && problems.isMapping(variables, "dynamicVariables"))
        {
            variables.properties().forEach((e) -> problems.scalar(e.getValue(), "dynamicVariables." + e.getKey()));
        }
        final Set<String> toolNames = ToolsValidator.validate(problems, ConfigProblems.optional(root, "tools"));
        final JsonNode settings = ConfigProblems.optional(root, "settings");
        if (null != settings)
        {
            settings(problems, settings, toolNames);
        }
        ScriptValidator.validate(problems, ConfigProblems.optional(root, "script"), toolNames);
        return problems.list();
    }

    private static void optionalText(final ConfigProblems problems, final JsonNode parent, final String key)
    {
        final JsonNode node = ConfigProblems.optional(parent, key);
        if (null != node)
        {
            problems.text(node, key);
        }
    }

    private static void providers(final ConfigProblems problems, final JsonNode providers)
    {
        if (!problems.mapping(providers, "providers", PROVIDERS))
        {
            return;
        }
        final JsonNode asr = ConfigProblems.optional(providers, "asr");
        if (null != asr)
        {
            provider(problems, asr, "providers.asr");
        }
        final JsonNode speechToSpeech = ConfigProblems.optional(providers, "speechToSpeech");
        if (null != speechToSpeech)
        {
            // The model hears and speaks itself: no llm; a tts only for the fixed lines (freetts when absent).
            provider(problems, speechToSpeech, "providers.speechToSpeech");
            if (null != ConfigProblems.optional(providers, "llm"))
            {
                problems.add("providers.llm", "must be absent with a speechToSpeech model (it replaces the llm)");
            }
            if (null != asr)
            {
                // It would be opened for every call and never hear a frame: the model takes the caller's audio.
                problems.add("providers.asr", "must be absent with a speechToSpeech model (it hears the caller)");
            }
            if (null != ConfigProblems.optional(providers, "tts"))
            {
                chain(problems, providers, "tts");
            }
            return;
        }
        chain(problems, providers, "llm");
        chain(problems, providers, "tts");
    }

    private static void chain(final ConfigProblems problems, final JsonNode providers, final String kind)
    {
        final String path = "providers." + kind;
        final JsonNode chain = ConfigProblems.optional(providers, kind);
        if (null == chain)
        {
            problems.add(path, "is required: a list of at least one " + kind + " provider");
            return;
        }
        if (!problems.isList(chain, path))
        {
            return;
        }
        if (chain.isEmpty())
        {
            problems.add(path, "needs at least one provider");
        }
        for (int i = 0; i < chain.size(); i++)
        {
            provider(problems, chain.get(i), ConfigProblems.element(path, i));
        }
    }

    private static void provider(final ConfigProblems problems, final JsonNode provider, final String path)
    {
        if (!problems.mapping(provider, path, PROVIDER))
        {
            return;
        }
        final JsonNode name = problems.required(provider, path, "name");
        if (null != name)
        {
            problems.nonBlankText(name, path + ".name");
        }
        final JsonNode options = ConfigProblems.optional(provider, "options");
        if (null == options || !problems.isMapping(options, path + ".options"))
        {
            return;
        }
        for (final Map.Entry<String, JsonNode> option : options.properties())
        {
            option(problems, option.getKey(), option.getValue(), path + ".options." + option.getKey());
        }
    }

    private static void option(final ConfigProblems problems, final String key, final JsonNode value,
        final String path)
    {
        if (!problems.scalar(value, path))
        {
            return;
        }
        if (key.endsWith("Ms"))
        {
            problems.wholeNumberIn(value, path, 0, MAX_MS);
        }
        else if (NUMERIC_OPTIONS.contains(key))
        {
            problems.wholeNumberIn(value, path, 0, MAX_COUNT);
        }
        else if (URL_OPTIONS.contains(key) && problems.nonBlankText(value, path))
        {
            ToolsValidator.url(problems, value.asText(), path, keys("http", "https", "ws", "wss"));
        }
        else if (key.equals("voice") || key.equals("model"))
        {
            problems.nonBlankText(value, path);
        }
    }

    private static void settings(final ConfigProblems problems, final JsonNode settings, final Set<String> tools)
    {
        if (!problems.isMapping(settings, "settings"))
        {
            return;
        }
        for (final Map.Entry<String, JsonNode> entry : settings.properties())
        {
            final String key = entry.getKey();
            final String path = "settings." + key;
            final Class<?> type = SETTINGS.get(key);
            if (TOP_LEVEL_SETTINGS.contains(key))
            {
                problems.add(path, "is a top-level field of the file, not a setting");
            }
            else if (PROVIDER_SETTINGS.contains(key))
            {
                problems.add(path, "is decided by providers.speechToSpeech, not a setting");
            }
            else if (null == type)
            {
                problems.add(path, "unknown setting; expected one of " + String.join(", ", SETTINGS.keySet()));
            }
            else
            {
                setting(problems, key, entry.getValue(), type, path, tools);
            }
        }
    }

    private static void setting(final ConfigProblems problems, final String key, final JsonNode value,
        final Class<?> type, final String path, final Set<String> tools)
    {
        if (type == long.class)
        {
            problems.wholeNumberIn(value, path, 0, MAX_MS);
        }
        else if (type == int.class)
        {
            problems.wholeNumberIn(value, path, 0, MAX_COUNT);
        }
        else if (type == boolean.class)
        {
            problems.bool(value, path);
        }
        else if (type == String.class)
        {
            if (REQUIRED_LINES.contains(key))
            {
                problems.nonBlankText(value, path);
            }
            else
            {
                problems.text(value, path);
            }
        }
        else if (problems.isList(value, path))
        {
            for (int i = 0; i < value.size(); i++)
            {
                final String element = ConfigProblems.element(path, i);
                if (problems.nonBlankText(value.get(i), element) && key.equals("clientTools") &&
                    !tools.contains(value.get(i).asText()))
                {
                    problems.add(element, "no tool '" + value.get(i).asText() + "' is declared under tools");
                }
            }
        }
    }

    private static Map<String, Class<?>> settingTypes()
    {
        final Map<String, Class<?>> types = new TreeMap<>();
        for (final Method method : AssistantSettings.Builder.class.getMethods())
        {
            if (method.getParameterCount() == 1 && method.getReturnType() == AssistantSettings.Builder.class &&
                !TOP_LEVEL_SETTINGS.contains(method.getName()) && !PROVIDER_SETTINGS.contains(method.getName()))
            {
                types.put(method.getName(), method.getParameterTypes()[0]);
            }
        }
        return Collections.unmodifiableMap(types);
    }

    static Set<String> keys(final String... keys)
    {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
