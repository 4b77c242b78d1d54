package io.voxgate.orchestrator.provider.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code script} section of an assistant document (the {@code scripted} LLM's intents, sequence and fallback
 * line): required fields, regular expressions that compile, intents that reply or call a declared tool, and sequence
 * steps that name an existing intent.
 *
 * <p>Stateless.
 */
final class ScriptValidator
{
    private static final Set<String> SCRIPT = AssistantFileValidator.keys("intents", "sequence", "fallback");
    private static final Set<String> INTENT = AssistantFileValidator.keys("name", "keywords", "regex", "reply",
        "tool", "toolReply", "endCall");
    private static final Set<String> INVOCATION = AssistantFileValidator.keys("name", "arguments");
    private static final Set<String> STEP = AssistantFileValidator.keys("say", "intent", "variables");

    private ScriptValidator()
    {
    }

    /**
     * Checks the script.
     *
     * @param problems where problems go.
     * @param script   the {@code script} node, or {@code null} when absent.
     * @param tools    the tools declared by the document.
     */
    static void validate(final ConfigProblems problems, final JsonNode script, final Set<String> tools)
    {
        if (null == script || !problems.mapping(script, "script", SCRIPT))
        {
            return;
        }
        final Set<String> intents = new HashSet<>();
        final JsonNode list = ConfigProblems.optional(script, "intents");
        if (null != list && problems.isList(list, "script.intents"))
        {
            for (int i = 0; i < list.size(); i++)
            {
                intent(problems, list.get(i), ConfigProblems.element("script.intents", i), tools, intents);
            }
        }
        final JsonNode sequence = ConfigProblems.optional(script, "sequence");
        if (null != sequence && problems.isList(sequence, "script.sequence"))
        {
            for (int i = 0; i < sequence.size(); i++)
            {
                step(problems, sequence.get(i), ConfigProblems.element("script.sequence", i), intents);
            }
        }
        final JsonNode fallback = ConfigProblems.optional(script, "fallback");
        if (null != fallback)
        {
            problems.nonBlankText(fallback, "script.fallback");
        }
    }

    private static void intent(final ConfigProblems problems, final JsonNode intent, final String path,
        final Set<String> tools, final Set<String> intents)
    {
        if (!problems.mapping(intent, path, INTENT))
        {
            return;
        }
        final JsonNode name = problems.required(intent, path, "name");
        if (null != name && problems.nonBlankText(name, path + ".name") && !intents.add(name.asText()))
        {
            problems.add(path + ".name", "'" + name.asText() + "' is declared twice");
        }
        final JsonNode keywords = ConfigProblems.optional(intent, "keywords");
        if (null != keywords && problems.isList(keywords, path + ".keywords"))
        {
            for (int i = 0; i < keywords.size(); i++)
            {
                problems.scalar(keywords.get(i), ConfigProblems.element(path + ".keywords", i));
            }
        }
        final JsonNode regex = ConfigProblems.optional(intent, "regex");
        if (null != regex && problems.nonBlankText(regex, path + ".regex"))
        {
            try
            {
                Pattern.compile(regex.asText());
            }
            catch (final PatternSyntaxException ex)
            {
                problems.add(path + ".regex", "is not a regular expression: " + ex.getDescription() + " near index " +
                    ex.getIndex());
            }
        }
        final JsonNode reply = ConfigProblems.optional(intent, "reply");
        final JsonNode tool = ConfigProblems.optional(intent, "tool");
        final JsonNode toolReply = ConfigProblems.optional(intent, "toolReply");
        if (null != reply)
        {
            problems.text(reply, path + ".reply");
        }
        if (null != toolReply)
        {
            problems.text(toolReply, path + ".toolReply");
        }
        if (null == tool && null == reply)
        {
            problems.add(path, "needs a reply or a tool");
        }
        final JsonNode endCall = ConfigProblems.optional(intent, "endCall");
        if (null != endCall)
        {
            problems.bool(endCall, path + ".endCall");
        }
        if (null != tool)
        {
            if (null == toolReply)
            {
                problems.add(path + ".toolReply", "is required with a tool");
            }
            invocation(problems, tool, path + ".tool", tools);
        }
    }

    private static void invocation(final ConfigProblems problems, final JsonNode tool, final String path,
        final Set<String> tools)
    {
        if (!problems.mapping(tool, path, INVOCATION))
        {
            return;
        }
        final JsonNode name = problems.required(tool, path, "name");
        if (null != name && problems.nonBlankText(name, path + ".name") && !tools.contains(name.asText()))
        {
            problems.add(path + ".name", "no tool '" + name.asText() + "' is declared under tools");
        }
        final JsonNode arguments = ConfigProblems.optional(tool, "arguments");
        if (null != arguments && problems.isMapping(arguments, path + ".arguments"))
        {
            for (final Map.Entry<String, JsonNode> argument : arguments.properties())
            {
                problems.scalar(argument.getValue(), path + ".arguments." + argument.getKey());
            }
        }
    }

    private static void step(final ConfigProblems problems, final JsonNode step, final String path,
        final Set<String> intents)
    {
        if (!problems.mapping(step, path, STEP))
        {
            return;
        }
        final JsonNode say = ConfigProblems.optional(step, "say");
        final JsonNode intent = ConfigProblems.optional(step, "intent");
        if ((null == say) == (null == intent))
        {
            problems.add(path, "needs exactly one of say and intent");
        }
        if (null != say)
        {
            problems.text(say, path + ".say");
        }
        if (null != intent && problems.nonBlankText(intent, path + ".intent") && !intents.contains(intent.asText()))
        {
            problems.add(path + ".intent", "no intent '" + intent.asText() + "' is declared under script.intents");
        }
        final JsonNode variables = ConfigProblems.optional(step, "variables");
        if (null != variables && problems.isMapping(variables, path + ".variables"))
        {
            for (final Map.Entry<String, JsonNode> variable : variables.properties())
            {
                problems.scalar(variable.getValue(), path + ".variables." + variable.getKey());
            }
        }
    }
}
