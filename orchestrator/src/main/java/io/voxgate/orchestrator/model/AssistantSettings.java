package io.voxgate.orchestrator.model;

import java.util.List;
import java.util.Objects;

/**
 * How an assistant behaves in a call: turn-taking, barge-in, tools, timers, fallback lines and context budget.
 *
 * <p>Immutable; validated at construction, so bad configuration fails at start-up and never in a call. Build one
 * with {@link #builder()} (which starts from the defaults listed with each component) or take
 * {@link #defaults()}. Durations are milliseconds on the session clock.
 *
 * @param name the assistant's name, for logs. Default {@code default}.
 * @param systemPrompt the first message of every context; empty for none. Default {@code You are a helpful voice
 *     assistant. Keep answers short.}.
 * @param greeting spoken when the call starts; empty for none (the caller speaks first). Default {@code }.
 * @param minEndpointingDelayMs silence after speech that ends a turn once a final transcript exists. Default {@code
 *     500}.
 * @param maxEndpointingDelayMs silence after speech that ends a turn even without a final transcript. Default {@code
 *     3000}.
 * @param minInterruptionDurationMs caller speech over the agent that counts as barge-in (duration mode). Default {@code
 *     300}.
 * @param minInterruptionWords when above 0: transcript words over the agent that count as barge-in, instead of
 *     duration. Default {@code 0}.
 * @param falseInterruptionTimeoutMs a barge-in whose speech stopped within this time with no words is false. Default
 *     {@code 2000}.
 * @param resumeFalseInterruption whether a false interruption resumes the interrupted reply. Default {@code true}.
 * @param responseTimeoutMs an LLM step or synthesis with no audio within this time fails (spoken fallback). Default
 *     {@code 8000}.
 * @param maxToolSteps tool steps per turn; one more request for tools gets the tool-limit fallback line. Default {@code
 *     5}.
 * @param toolTimeoutMs how long server-side tool calls may take. Default {@code 10000}.
 * @param clientToolTimeoutMs how long client-side tool calls may take. Default {@code 15000}.
 * @param clientTools names of the tools the client executes; all others run server-side. Default {@code List.of()}.
 * @param idleTimeoutMs caller silence (agent silent too) before a re-prompt. Default {@code 10000}.
 * @param maxReprompts re-prompts before the agent says goodbye and hangs up. Default {@code 2}.
 * @param repromptLine the re-prompt. Default {@code Are you still there?}.
 * @param idleGoodbyeLine said before hanging up an idle call; empty to hang up silently. Default {@code It seems you
 *     have stepped away. Goodbye!}.
 * @param maxCallDurationMs maximum call duration; 0 for none. Default {@code 1800000}.
 * @param maxDurationGoodbyeLine said when the maximum duration is reached. Default {@code We have reached the time
 *     limit for this call. Goodbye!}.
 * @param goodbyeGraceMs how long a goodbye line may take before the call is hung up anyway. Default {@code 10000}.
 * @param errorFallbackLine spoken when the LLM or TTS fails or times out. Default {@code Sorry, I am having trouble
 *     right now. Could you say that again?}.
 * @param toolLimitFallbackLine spoken when the tool steps of a turn are exhausted. Default {@code Sorry, I could not
 *     finish that. Is there anything else I can help with?}.
 * @param minSentenceChars a sentence end cuts a TTS segment once the segment has this many characters. Default {@code
 *     12}.
 * @param minClauseChars a clause end (comma, semicolon, colon) cuts a TTS segment at this many characters. Default
 *     {@code 40}.
 * @param contextTokenBudget estimated tokens (characters / 4) of history above which older turns are summarized.
 *     Default {@code 4000}.
 * @param contextTurnBudget user turns in the history above which older turns are summarized. Default {@code 24}.
 * @param keepLastTurns user turns (with their replies) kept verbatim when summarizing. Default {@code 4}.
 * @param speechToSpeech whether a speech-to-speech model both writes and speaks the replies: a reply step's text and
 *     audio then form one segment (no TTS segments are cut), and an interrupted reply is truncated in the model's
 *     memory ({@code TruncateReply}). Set from the assistant's providers. Default {@code false}.
 */
public record AssistantSettings(
    String name,
    String systemPrompt,
    String greeting,
    long minEndpointingDelayMs,
    long maxEndpointingDelayMs,
    long minInterruptionDurationMs,
    int minInterruptionWords,
    long falseInterruptionTimeoutMs,
    boolean resumeFalseInterruption,
    long responseTimeoutMs,
    int maxToolSteps,
    long toolTimeoutMs,
    long clientToolTimeoutMs,
    List<String> clientTools,
    long idleTimeoutMs,
    int maxReprompts,
    String repromptLine,
    String idleGoodbyeLine,
    long maxCallDurationMs,
    String maxDurationGoodbyeLine,
    long goodbyeGraceMs,
    String errorFallbackLine,
    String toolLimitFallbackLine,
    int minSentenceChars,
    int minClauseChars,
    int contextTokenBudget,
    int contextTurnBudget,
    int keepLastTurns,
    boolean speechToSpeech)
{
    /**
     * Validates the settings.
     *
     * @param name see the record description.
     * @param systemPrompt see the record description.
     * @param greeting see the record description.
     * @param minEndpointingDelayMs see the record description.
     * @param maxEndpointingDelayMs see the record description.
     * @param minInterruptionDurationMs see the record description.
     * @param minInterruptionWords see the record description.
     * @param falseInterruptionTimeoutMs see the record description.
     * @param resumeFalseInterruption see the record description.
     * @param responseTimeoutMs see the record description.
     * @param maxToolSteps see the record description.
     * @param toolTimeoutMs see the record description.
     * @param clientToolTimeoutMs see the record description.
     * @param clientTools see the record description.
     * @param idleTimeoutMs see the record description.
     * @param maxReprompts see the record description.
     * @param repromptLine see the record description.
     * @param idleGoodbyeLine see the record description.
     * @param maxCallDurationMs see the record description.
     * @param maxDurationGoodbyeLine see the record description.
     * @param goodbyeGraceMs see the record description.
     * @param errorFallbackLine see the record description.
     * @param toolLimitFallbackLine see the record description.
     * @param minSentenceChars see the record description.
     * @param minClauseChars see the record description.
     * @param contextTokenBudget see the record description.
     * @param contextTurnBudget see the record description.
     * @param keepLastTurns see the record description.
     * @param speechToSpeech see the record description.
     */
    public AssistantSettings
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(repromptLine, "repromptLine");
        Objects.requireNonNull(idleGoodbyeLine, "idleGoodbyeLine");
        Objects.requireNonNull(maxDurationGoodbyeLine, "maxDurationGoodbyeLine");
        Objects.requireNonNull(errorFallbackLine, "errorFallbackLine");
        Objects.requireNonNull(toolLimitFallbackLine, "toolLimitFallbackLine");
        clientTools = List.copyOf(clientTools);
        requireNonNegative(minEndpointingDelayMs, "minEndpointingDelayMs");
        if (maxEndpointingDelayMs < minEndpointingDelayMs)
        {
            throw new IllegalArgumentException("maxEndpointingDelayMs < minEndpointingDelayMs");
        }
        requireNonNegative(minInterruptionDurationMs, "minInterruptionDurationMs");
        requireNonNegative(minInterruptionWords, "minInterruptionWords");
        requireNonNegative(falseInterruptionTimeoutMs, "falseInterruptionTimeoutMs");
        requireNonNegative(maxToolSteps, "maxToolSteps");
        requireNonNegative(maxReprompts, "maxReprompts");
        requireNonNegative(maxCallDurationMs, "maxCallDurationMs");
        requireNonNegative(minSentenceChars, "minSentenceChars");
        requireNonNegative(minClauseChars, "minClauseChars");
        requirePositive(responseTimeoutMs, "responseTimeoutMs");
        requirePositive(toolTimeoutMs, "toolTimeoutMs");
        requirePositive(clientToolTimeoutMs, "clientToolTimeoutMs");
        requirePositive(idleTimeoutMs, "idleTimeoutMs");
        requirePositive(goodbyeGraceMs, "goodbyeGraceMs");
        requirePositive(contextTokenBudget, "contextTokenBudget");
        requirePositive(contextTurnBudget, "contextTurnBudget");
        requirePositive(keepLastTurns, "keepLastTurns");
        if (errorFallbackLine.isBlank() || toolLimitFallbackLine.isBlank() || repromptLine.isBlank())
        {
            throw new IllegalArgumentException("fallback and re-prompt lines must not be blank");
        }
    }

    /**
     * The defaults.
     *
     * @return settings with every default.
     */
    public static AssistantSettings defaults()
    {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * A builder starting from these settings.
     *
     * @return a new builder.
     */
    public Builder toBuilder()
    {
        final Builder builder = new Builder();
        builder.name = name;
        builder.systemPrompt = systemPrompt;
        builder.greeting = greeting;
        builder.minEndpointingDelayMs = minEndpointingDelayMs;
        builder.maxEndpointingDelayMs = maxEndpointingDelayMs;
        builder.minInterruptionDurationMs = minInterruptionDurationMs;
        builder.minInterruptionWords = minInterruptionWords;
        builder.falseInterruptionTimeoutMs = falseInterruptionTimeoutMs;
        builder.resumeFalseInterruption = resumeFalseInterruption;
        builder.responseTimeoutMs = responseTimeoutMs;
        builder.maxToolSteps = maxToolSteps;
        builder.toolTimeoutMs = toolTimeoutMs;
        builder.clientToolTimeoutMs = clientToolTimeoutMs;
        builder.clientTools = clientTools;
        builder.idleTimeoutMs = idleTimeoutMs;
        builder.maxReprompts = maxReprompts;
        builder.repromptLine = repromptLine;
        builder.idleGoodbyeLine = idleGoodbyeLine;
        builder.maxCallDurationMs = maxCallDurationMs;
        builder.maxDurationGoodbyeLine = maxDurationGoodbyeLine;
        builder.goodbyeGraceMs = goodbyeGraceMs;
        builder.errorFallbackLine = errorFallbackLine;
        builder.toolLimitFallbackLine = toolLimitFallbackLine;
        builder.minSentenceChars = minSentenceChars;
        builder.minClauseChars = minClauseChars;
        builder.contextTokenBudget = contextTokenBudget;
        builder.contextTurnBudget = contextTurnBudget;
        builder.keepLastTurns = keepLastTurns;
        builder.speechToSpeech = speechToSpeech;
        return builder;
    }

    /**
     * Whether the named tool is executed by the client.
     *
     * @param toolName the tool.
     * @return true for a client-side tool.
     */
    public boolean isClientTool(final String toolName)
    {
        return clientTools.contains(toolName);
    }

    private static void requireNonNegative(final long value, final String name)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }

    private static void requirePositive(final long value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    /**
     * Builds {@link AssistantSettings}; starts from the defaults. Not thread-safe.
     */
    public static final class Builder
    {
        private String name = "default";
        private String systemPrompt = "You are a helpful voice assistant. Keep answers short.";
        private String greeting = "";
        private long minEndpointingDelayMs = 500;
        private long maxEndpointingDelayMs = 3000;
        private long minInterruptionDurationMs = 300;
        private int minInterruptionWords = 0;
        private long falseInterruptionTimeoutMs = 2000;
        private boolean resumeFalseInterruption = true;
        private long responseTimeoutMs = 8000;
        private int maxToolSteps = 5;
        private long toolTimeoutMs = 10000;
        private long clientToolTimeoutMs = 15000;
        private List<String> clientTools = List.of();
        private long idleTimeoutMs = 10000;
        private int maxReprompts = 2;
        private String repromptLine = "Are you still there?";
        private String idleGoodbyeLine = "It seems you have stepped away. Goodbye!";
        private long maxCallDurationMs = 1800000;
        private String maxDurationGoodbyeLine = "We have reached the time limit for this call. Goodbye!";
        private long goodbyeGraceMs = 10000;
        private String errorFallbackLine = "Sorry, I am having trouble right now. Could you say that again?";
        private String toolLimitFallbackLine = "Sorry, I could not finish that. Is there anything else I"
            + " can help with?";
        private int minSentenceChars = 12;
        private int minClauseChars = 40;
        private int contextTokenBudget = 4000;
        private int contextTurnBudget = 24;
        private int keepLastTurns = 4;
        private boolean speechToSpeech = false;

        private Builder()
        {
        }

        /**
         * Sets {@code name}: the assistant's name, for logs.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder name(final String value)
        {
            this.name = value;
            return this;
        }

        /**
         * Sets {@code systemPrompt}: the first message of every context; empty for none.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder systemPrompt(final String value)
        {
            this.systemPrompt = value;
            return this;
        }

        /**
         * Sets {@code greeting}: spoken when the call starts; empty for none (the caller speaks first).
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder greeting(final String value)
        {
            this.greeting = value;
            return this;
        }

        /**
         * Sets {@code minEndpointingDelayMs}: silence after speech that ends a turn once a final transcript exists.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder minEndpointingDelayMs(final long value)
        {
            this.minEndpointingDelayMs = value;
            return this;
        }

        /**
         * Sets {@code maxEndpointingDelayMs}: silence after speech that ends a turn even without a final transcript.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder maxEndpointingDelayMs(final long value)
        {
            this.maxEndpointingDelayMs = value;
            return this;
        }

        /**
         * Sets {@code minInterruptionDurationMs}: caller speech over the agent that counts as barge-in (duration mode).
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder minInterruptionDurationMs(final long value)
        {
            this.minInterruptionDurationMs = value;
            return this;
        }

        /**
         * Sets {@code minInterruptionWords}: when above 0: transcript words over the agent that count as barge-in,
         *     instead of duration.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder minInterruptionWords(final int value)
        {
            this.minInterruptionWords = value;
            return this;
        }

        /**
         * Sets {@code falseInterruptionTimeoutMs}: a barge-in whose speech stopped within this time with no words is
         *     false.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder falseInterruptionTimeoutMs(final long value)
        {
            this.falseInterruptionTimeoutMs = value;
            return this;
        }

        /**
         * Sets {@code resumeFalseInterruption}: whether a false interruption resumes the interrupted reply.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder resumeFalseInterruption(final boolean value)
        {
            this.resumeFalseInterruption = value;
            return this;
        }

        /**
         * Sets {@code responseTimeoutMs}: an LLM step or synthesis with no audio within this time fails (spoken
         *     fallback).
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder responseTimeoutMs(final long value)
        {
            this.responseTimeoutMs = value;
            return this;
        }

        /**
         * Sets {@code maxToolSteps}: tool steps per turn; one more request for tools gets the tool-limit fallback line.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder maxToolSteps(final int value)
        {
            this.maxToolSteps = value;
            return this;
        }

        /**
         * Sets {@code toolTimeoutMs}: how long server-side tool calls may take.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder toolTimeoutMs(final long value)
        {
            this.toolTimeoutMs = value;
            return this;
        }

        /**
         * Sets {@code clientToolTimeoutMs}: how long client-side tool calls may take.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder clientToolTimeoutMs(final long value)
        {
            this.clientToolTimeoutMs = value;
            return this;
        }

        /**
         * Sets {@code clientTools}: names of the tools the client executes; all others run server-side.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder clientTools(final List<String> value)
        {
            this.clientTools = value;
            return this;
        }

        /**
         * Sets {@code idleTimeoutMs}: caller silence (agent silent too) before a re-prompt.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder idleTimeoutMs(final long value)
        {
            this.idleTimeoutMs = value;
            return this;
        }

        /**
         * Sets {@code maxReprompts}: re-prompts before the agent says goodbye and hangs up.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder maxReprompts(final int value)
        {
            this.maxReprompts = value;
            return this;
        }

        /**
         * Sets {@code repromptLine}: the re-prompt.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder repromptLine(final String value)
        {
            this.repromptLine = value;
            return this;
        }

        /**
         * Sets {@code idleGoodbyeLine}: said before hanging up an idle call; empty to hang up silently.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder idleGoodbyeLine(final String value)
        {
            this.idleGoodbyeLine = value;
            return this;
        }

        /**
         * Sets {@code maxCallDurationMs}: maximum call duration; 0 for none.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder maxCallDurationMs(final long value)
        {
            this.maxCallDurationMs = value;
            return this;
        }

        /**
         * Sets {@code maxDurationGoodbyeLine}: said when the maximum duration is reached.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder maxDurationGoodbyeLine(final String value)
        {
            this.maxDurationGoodbyeLine = value;
            return this;
        }

        /**
         * Sets {@code goodbyeGraceMs}: how long a goodbye line may take before the call is hung up anyway.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder goodbyeGraceMs(final long value)
        {
            this.goodbyeGraceMs = value;
            return this;
        }

        /**
         * Sets {@code errorFallbackLine}: spoken when the LLM or TTS fails or times out.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder errorFallbackLine(final String value)
        {
            this.errorFallbackLine = value;
            return this;
        }

        /**
         * Sets {@code toolLimitFallbackLine}: spoken when the tool steps of a turn are exhausted.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder toolLimitFallbackLine(final String value)
        {
            this.toolLimitFallbackLine = value;
            return this;
        }

        /**
         * Sets {@code minSentenceChars}: a sentence end cuts a TTS segment once the segment has this many characters.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder minSentenceChars(final int value)
        {
            this.minSentenceChars = value;
            return this;
        }

        /**
         * Sets {@code minClauseChars}: a clause end (comma, semicolon, colon) cuts a TTS segment at this many
         *     characters.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder minClauseChars(final int value)
        {
            this.minClauseChars = value;
            return this;
        }

        /**
         * Sets {@code contextTokenBudget}: estimated tokens (characters / 4) of history above which older turns are
         *     summarized.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder contextTokenBudget(final int value)
        {
            this.contextTokenBudget = value;
            return this;
        }

        /**
         * Sets {@code contextTurnBudget}: user turns in the history above which older turns are summarized.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder contextTurnBudget(final int value)
        {
            this.contextTurnBudget = value;
            return this;
        }

        /**
         * Sets {@code keepLastTurns}: user turns (with their replies) kept verbatim when summarizing.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder keepLastTurns(final int value)
        {
            this.keepLastTurns = value;
            return this;
        }

        /**
         * Sets {@code speechToSpeech}: whether a speech-to-speech model both writes and speaks the replies.
         *
         * @param value the value.
         * @return this builder.
         */
        public Builder speechToSpeech(final boolean value)
        {
            this.speechToSpeech = value;
            return this;
        }

        /**
         * Builds and validates the settings.
         *
         * @return the settings.
         * @throws IllegalArgumentException for an invalid value.
         */
        public AssistantSettings build()
        {
            return new AssistantSettings(
                name,
                systemPrompt,
                greeting,
                minEndpointingDelayMs,
                maxEndpointingDelayMs,
                minInterruptionDurationMs,
                minInterruptionWords,
                falseInterruptionTimeoutMs,
                resumeFalseInterruption,
                responseTimeoutMs,
                maxToolSteps,
                toolTimeoutMs,
                clientToolTimeoutMs,
                clientTools,
                idleTimeoutMs,
                maxReprompts,
                repromptLine,
                idleGoodbyeLine,
                maxCallDurationMs,
                maxDurationGoodbyeLine,
                goodbyeGraceMs,
                errorFallbackLine,
                toolLimitFallbackLine,
                minSentenceChars,
                minClauseChars,
                contextTokenBudget,
                contextTurnBudget,
                keepLastTurns,
                speechToSpeech);
        }
    }
}
