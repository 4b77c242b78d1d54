package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * The tool calls of one run, per LLM step: what the model asked for, what has answered, what is still pending.
 * Owned by the session's thread.
 */
final class ToolSteps
{
    /** One requested call and its result. */
    static final class Entry
    {
        final int step;
        final ToolCall call;
        final boolean clientSide;
        String result;
        boolean executing;

        Entry(final int step, final ToolCall call, final boolean clientSide)
        {
            this.step = step;
            this.call = call;
            this.clientSide = clientSide;
        }
    }

    private final ArrayList<Entry> entries = new ArrayList<>(4);
    private int stepsExecuted;

    void request(final int step, final ToolCall call, final boolean clientSide)
    {
        entries.add(new Entry(step, call, clientSide));
    }

    boolean requested(final int step)
    {
        for (int i = 0, n = entries.size(); i < n; i++)
        {
            if (entries.get(i).step == step)
            {
                return true;
            }
        }
        return false;
    }

    boolean requestedNamed(final int step, final String name)
    {
        for (int i = 0, n = entries.size(); i < n; i++)
        {
            final Entry entry = entries.get(i);
            if (entry.step == step && entry.call.name().equals(name))
            {
                return true;
            }
        }
        return false;
    }

    int stepsExecuted()
    {
        return stepsExecuted;
    }

    /** Marks the calls of {@code step} as executing; returns them in request order. */
    List<Entry> execute(final int step)
    {
        stepsExecuted++;
        final List<Entry> started = new ArrayList<>();
        for (final Entry entry : entries)
        {
            if (entry.step == step)
            {
                entry.executing = true;
                started.add(entry);
            }
        }
        return started;
    }

    /** Forgets the calls of a step that will not run (the tool-step limit was reached). */
    void drop(final int step)
    {
        entries.removeIf(entry -> entry.step == step);
    }

    /** The executing call with this ID and side still waiting for a result, or {@code null}. */
    Entry pendingCall(final String callId, final boolean clientSide)
    {
        for (int i = 0, n = entries.size(); i < n; i++)
        {
            final Entry entry = entries.get(i);
            if (entry.executing && null == entry.result && entry.clientSide == clientSide &&
                entry.call.id().equals(callId))
            {
                return entry;
            }
        }
        return null;
    }

    int pending()
    {
        int pending = 0;
        for (int i = 0, n = entries.size(); i < n; i++)
        {
            final Entry entry = entries.get(i);
            if (entry.executing && null == entry.result)
            {
                pending++;
            }
        }
        return pending;
    }

    /** The executing calls without a result, in request order. */
    List<Entry> pendingEntries()
    {
        final List<Entry> pending = new ArrayList<>();
        for (final Entry entry : entries)
        {
            if (entry.executing && null == entry.result)
            {
                pending.add(entry);
            }
        }
        return pending;
    }

    /** The calls of {@code step} that have a result, in request order. */
    List<ToolCall> answeredCalls(final int step)
    {
        final List<ToolCall> calls = new ArrayList<>();
        for (final Entry entry : entries)
        {
            if (entry.step == step && null != entry.result)
            {
                calls.add(entry.call);
            }
        }
        return calls;
    }

    /** Appends the tool messages of the answered calls of {@code step} to {@code messages}. */
    void appendResults(final int step, final List<ChatMessage> messages)
    {
        for (final Entry entry : entries)
        {
            if (entry.step == step && null != entry.result)
            {
                messages.add(ChatMessage.tool(entry.call.id(), entry.result));
            }
        }
    }
}
