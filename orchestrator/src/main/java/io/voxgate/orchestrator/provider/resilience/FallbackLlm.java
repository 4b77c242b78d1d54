package io.voxgate.orchestrator.provider.resilience;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.EventSink;
import io.voxgate.orchestrator.provider.LlmProvider;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RunPublisher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An assistant's LLM chain: requests go to the first provider; when one fails before producing any output, the
 * same request goes to the next, and only the last one's failure reaches the orchestrator. After output was
 * produced a failure passes through unchanged (the reducer then speaks its fallback line).
 *
 * <p>Immutable and thread-safe, like every provider.
 */
public final class FallbackLlm implements LlmProvider
{
    private final List<LlmProvider> chain;

    /**
     * A chain.
     *
     * @param chain the providers, primary first; at least one.
     */
    public FallbackLlm(final List<LlmProvider> chain)
    {
        if (chain.isEmpty())
        {
            throw new IllegalArgumentException("empty LLM chain");
        }
        this.chain = List.copyOf(chain);
    }

    @Override
    public String name()
    {
        return String.join(">", chain.stream().map(LlmProvider::name).toList());
    }

    @Override
    public LlmSession open(final CallContext call)
    {
        return new ChainSession(call);
    }

    private final class ChainSession implements LlmSession
    {
        private final RunPublisher publisher;
        private final LlmSession[] sessions;
        private final Map<Long, Active> active = new ConcurrentHashMap<>();

        ChainSession(final CallContext call)
        {
            this.publisher = new RunPublisher(call.events());
            this.sessions = new LlmSession[chain.size()];
            for (int i = 0; i < sessions.length; i++)
            {
                sessions[i] = chain.get(i).open(new CallContext(call.sessionId(), new Link(i, call.events()),
                    call.variables()));
            }
        }

        @Override
        public void start(final Command.StartLlm command)
        {
            active.put(command.runId(), new Active(command));
            sessions[0].start(command);
        }

        @Override
        public void cancel(final long runId)
        {
            publisher.cancel(runId);
            active.remove(runId);
            for (final LlmSession session : sessions)
            {
                session.cancel(runId);
            }
        }

        @Override
        public void close()
        {
            publisher.close();
            active.clear();
            for (final LlmSession session : sessions)
            {
                session.close();
            }
        }

        /** Receives provider {@code index}'s events. */
        private final class Link implements EventSink
        {
            private final int index;
            private final EventSink sink;

            Link(final int index, final EventSink sink)
            {
                this.index = index;
                this.sink = sink;
            }

            @Override
            public long nowMs()
            {
                return sink.nowMs();
            }

            @Override
            public void publish(final Event event)
            {
                if (!(event instanceof Event.RunEvent runEvent))
                {
                    publisher.publish(event);
                    return;
                }
                final Active run = active.get(runEvent.runId());
                if (null == run)
                {
                    return;
                }
                final Command.StartLlm next;
                synchronized (run)
                {
                    if (run.provider != index || run.command.step() != step(event))
                    {
                        return;
                    }
                    if (event instanceof Event.LlmFailed && !run.produced && index + 1 < sessions.length)
                    {
                        run.provider = index + 1;
                        next = run.command;
                    }
                    else
                    {
                        next = null;
                        run.produced |= event instanceof Event.LlmDelta || event instanceof Event.LlmToolCall;
                        publisher.publish(runEvent.runId(), event);
                    }
                }
                if (null != next)
                {
                    sessions[index + 1].start(next);
                }
            }

            private static int step(final Event event)
            {
                return switch (event)
                {
                    case Event.LlmDelta e -> e.step();
                    case Event.LlmToolCall e -> e.step();
                    case Event.LlmDone e -> e.step();
                    case Event.LlmFailed e -> e.step();
                    default -> -1;
                };
            }
        }
    }

    /** The request of one run and which provider serves it. */
    private static final class Active
    {
        private final Command.StartLlm command;
        private int provider;
        private boolean produced;

        Active(final Command.StartLlm command)
        {
            this.command = command;
        }
    }
}
