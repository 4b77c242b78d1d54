package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.Role;

import java.util.List;

/**
 * Keeps the context within budget: when the history holds more than {@code contextTurnBudget} user turns or more
 * than {@code contextTokenBudget} estimated tokens (characters / 4, a deliberately cheap estimate), ask the
 * summarizer for a summary of everything before the last {@code keepLastTurns} user turns; its answer replaces
 * those messages with one system message holding the summary and the facts sheet. One request at a time; the cut
 * is always at a user message, so tool calls and their results stay together. Stateless; works on the
 * {@link Session} on its owning thread.
 */
final class ContextPolicy
{
    static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";
    static final String FACTS_PREFIX = "\nFacts: ";

    private ContextPolicy()
    {
    }

    static void maybeSummarize(final Session s, final CommandSink sink)
    {
        if (s.summaryPending)
        {
            return;
        }
        int userTurns = 0;
        long chars = 0;
        for (int i = 0, n = s.history.size(); i < n; i++)
        {
            final ChatMessage message = s.history.get(i);
            userTurns += message.role() == Role.USER ? 1 : 0;
            chars += null == message.content() ? 0 : message.content().length();
        }
        if (userTurns <= s.settings.contextTurnBudget() && chars / 4 <= s.settings.contextTokenBudget())
        {
            return;
        }
        final int first = firstSummarizable(s);
        final int keepFrom = startOfLastTurns(s, s.settings.keepLastTurns());
        if (keepFrom <= first)
        {
            return;
        }
        s.summaryPending = true;
        s.summaryCount = keepFrom - first;
        s.lastSummaryId++;
        sink.accept(new Command.SummarizeContext(s.id, s.lastSummaryId, List.copyOf(s.history.subList(first,
            keepFrom))));
    }

    static void summaryReady(final Session s, final Event.SummaryReady ready)
    {
        if (!s.summaryPending || ready.requestId() != s.lastSummaryId)
        {
            s.staleEvents++;
            return;
        }
        final int first = firstSummarizable(s);
        s.history.subList(first, first + s.summaryCount).clear();
        final String facts = null == ready.facts() || ready.facts().isBlank() ? "" : FACTS_PREFIX + ready.facts();
        s.history.add(first, ChatMessage.system(SUMMARY_PREFIX + ready.summary() + facts));
        s.summaryPending = false;
        s.summaryCount = 0;
    }

    /** The system prompt stays; everything after it may be summarized. */
    private static int firstSummarizable(final Session s)
    {
        return s.settings.systemPrompt().isEmpty() ? 0 : 1;
    }

    /** Index of the first message of the last {@code turns} user turns (the history size if there are none). */
    private static int startOfLastTurns(final Session s, final int turns)
    {
        int seen = 0;
        for (int i = s.history.size() - 1; i >= 0; i--)
        {
            if (s.history.get(i).role() == Role.USER && ++seen == turns)
            {
                return i;
            }
        }
        return 0;
    }
}
