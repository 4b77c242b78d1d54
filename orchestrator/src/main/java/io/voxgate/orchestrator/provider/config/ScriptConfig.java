package io.voxgate.orchestrator.provider.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The script of the {@code scripted} LLM: intents matched on the caller's words, a sequence of replies for turns
 * without a transcript (ASR {@code none}), and a fallback line. Texts are templates: {@code {{name}}} is replaced by
 * a dynamic variable, a named regex group or, after a tool call, {@code {{result.field}}} of the tool's JSON result.
 *
 * @param intents  tried in order on the transcript; the first that matches answers.
 * @param sequence replies for transcript-less turns, in order; once used up the fallback answers.
 * @param fallback the reply when nothing matches.
 */
public record ScriptConfig(List<Intent> intents, List<Step> sequence, String fallback)
{
    /**
     * Validates and copies.
     *
     * @param intents  {@code null} for none.
     * @param sequence {@code null} for none.
     * @param fallback {@code null} for a generic line.
     */
    public ScriptConfig
    {
        intents = null == intents ? List.of() : List.copyOf(intents);
        sequence = null == sequence ? List.of() : List.copyOf(sequence);
        fallback = null == fallback ? "Sorry, I did not understand that." : fallback;
        for (final Step step : sequence)
        {
            if (null != step.intent() && intents.stream().noneMatch((i) -> i.name().equals(step.intent())))
            {
                throw new IllegalArgumentException("script sequence names unknown intent '" + step.intent() + "'");
            }
        }
    }

    /**
     * One intent: matched when any keyword occurs as a word of the transcript or the regex finds a match.
     *
     * @param name      the intent's name.
     * @param keywords  words (case-insensitive).
     * @param regex     a Java regular expression (case-insensitive); its named groups become variables.
     * @param reply     the reply template (when no tool).
     * @param tool      a tool to call instead of replying at once.
     * @param toolReply the reply template once the tool answered; may use {@code {{result.field}}}.
     * @param endCall   whether the intent's last words (its reply, or its toolReply after the tool) end the call:
     *                  the agent says them, then calls the built-in {@code end_call} tool, so the call is hung up
     *                  once they have been heard.
     */
    public record Intent(String name, List<String> keywords, String regex, String reply, ToolInvocation tool,
        String toolReply, boolean endCall)
    {
        /**
         * An intent that does not end the call.
         *
         * @param name      required.
         * @param keywords  {@code null} for none.
         * @param regex     {@code null} for none.
         * @param reply     required without a tool.
         * @param tool      {@code null} for none.
         * @param toolReply required with a tool.
         */
        public Intent(final String name, final List<String> keywords, final String regex, final String reply,
            final ToolInvocation tool, final String toolReply)
        {
            this(name, keywords, regex, reply, tool, toolReply, false);
        }

        /**
         * Validates and copies.
         *
         * @param name      required.
         * @param keywords  {@code null} for none.
         * @param regex     {@code null} for none.
         * @param reply     required without a tool.
         * @param tool      {@code null} for none.
         * @param toolReply required with a tool.
         * @param endCall   whether the intent's last words end the call.
         */
        public Intent
        {
            Objects.requireNonNull(name, "intent name");
            keywords = null == keywords ? List.of() : List.copyOf(keywords);
            if (null == tool && null == reply)
            {
                throw new IllegalArgumentException("intent '" + name + "' needs a reply or a tool");
            }
            if (null != tool && null == toolReply)
            {
                throw new IllegalArgumentException("intent '" + name + "' calls a tool and needs a toolReply");
            }
        }
    }

    /**
     * A tool call an intent makes.
     *
     * @param name      the tool.
     * @param arguments argument templates; sent as a JSON object of strings.
     */
    public record ToolInvocation(String name, Map<String, String> arguments)
    {
        /**
         * Validates and copies.
         *
         * @param name      required.
         * @param arguments {@code null} for none.
         */
        public ToolInvocation
        {
            Objects.requireNonNull(name, "tool name");
            arguments = null == arguments ? Map.of() : Map.copyOf(arguments);
        }
    }

    /**
     * One reply of the sequence: either a line or an intent (with variables standing in for what a transcript
     * would have provided).
     *
     * @param say       a reply template.
     * @param intent    an intent's name.
     * @param variables variables for the intent's templates.
     */
    public record Step(String say, String intent, Map<String, String> variables)
    {
        /**
         * Validates and copies.
         *
         * @param say       a line, or {@code null} with an intent.
         * @param intent    an intent, or {@code null} with a line.
         * @param variables {@code null} for none.
         */
        public Step
        {
            if ((null == say) == (null == intent))
            {
                throw new IllegalArgumentException("a sequence step needs exactly one of 'say' and 'intent'");
            }
            variables = null == variables ? Map.of() : Map.copyOf(variables);
        }
    }
}
