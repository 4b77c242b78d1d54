package io.voxgate.orchestrator.provider.scripted;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmProvider;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.config.ScriptConfig;

/**
 * LLM {@code scripted}: a rule-based agent that answers from the assistant's {@link ScriptConfig} with the same
 * events a model would (text deltas word by word, tool calls, done). Offline, no keys.
 *
 * <p>It is stateless: every reply is a function of the request's context (see {@link ScriptedReplies}), so a
 * session replays identically. Requests are answered synchronously on the calling thread (no I/O), through the
 * call's sink, which queues them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScriptedLlm implements LlmProvider
{
    /** The registry name. */
    public static final String NAME = "scripted";

    private final ScriptConfig script;

    /**
     * An agent for one script.
     *
     * @param script the script.
     */
    public ScriptedLlm(final ScriptConfig script)
    {
        this.script = script;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public LlmSession open(final CallContext call)
    {
        final RunPublisher publisher = new RunPublisher(call.events());
        final ScriptedReplies replies = new ScriptedReplies(script, call.variables());
        return new LlmSession()
        {
            @Override
            public void start(final Command.StartLlm command)
            {
                replies.answer(command, call.sessionId(), publisher);
            }

            @Override
            public void cancel(final long runId)
            {
                publisher.cancel(runId);
            }

            @Override
            public void close()
            {
                publisher.close();
            }
        };
    }
}
