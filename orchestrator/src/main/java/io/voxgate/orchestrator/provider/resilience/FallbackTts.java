package io.voxgate.orchestrator.provider.resilience;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.EventSink;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.TtsSession;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An assistant's TTS chain (e.g. a cloud voice, then {@code freetts}): each segment goes to the first provider;
 * when it fails before any audio, the segment goes to the next. Because segments may then be served by different
 * providers at once, events are re-ordered per run: a segment's events pass only once every earlier segment of the
 * run is done or failed; later segments' events wait in a small buffer.
 *
 * <p>Immutable and thread-safe, like every provider.
 */
public final class FallbackTts implements TtsProvider
{
    private final List<TtsProvider> chain;

    /**
     * A chain.
     *
     * @param chain the providers, primary first; at least one.
     */
    public FallbackTts(final List<TtsProvider> chain)
    {
        if (chain.isEmpty())
        {
            throw new IllegalArgumentException("empty TTS chain");
        }
        this.chain = List.copyOf(chain);
    }

    @Override
    public String name()
    {
        return String.join(">", chain.stream().map(TtsProvider::name).toList());
    }

    @Override
    public TtsSession open(final CallContext call)
    {
        return new ChainSession(call);
    }

    private final class ChainSession implements TtsSession
    {
        private final RunPublisher publisher;
        private final TtsSession[] sessions;
        private final Map<Long, RunOrder> runs = new ConcurrentHashMap<>();

        ChainSession(final CallContext call)
        {
            this.publisher = new RunPublisher(call.events());
            this.sessions = new TtsSession[chain.size()];
            for (int i = 0; i < sessions.length; i++)
            {
                sessions[i] = chain.get(i).open(new CallContext(call.sessionId(), new Link(i, call.events()),
                    call.variables()));
            }
        }

        @Override
        public void synthesize(final Command.SynthesizeSegment command)
        {
            final RunOrder order = runs.computeIfAbsent(command.runId(), (id) -> new RunOrder());
            synchronized (order)
            {
                order.pending.addLast(new Segment(command));
            }
            sessions[0].synthesize(command);
        }

        @Override
        public void cancel(final long runId)
        {
            publisher.cancel(runId);
            runs.remove(runId);
            for (final TtsSession session : sessions)
            {
                session.cancel(runId);
            }
        }

        @Override
        public void close()
        {
            publisher.close();
            runs.clear();
            for (final TtsSession session : sessions)
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
                final RunOrder order = runs.get(runEvent.runId());
                if (null == order)
                {
                    return;
                }
                Command.SynthesizeSegment retry = null;
                synchronized (order)
                {
                    final Segment segment = order.find(segmentOf(event));
                    if (null == segment || segment.provider != index)
                    {
                        return;
                    }
                    if (event instanceof Event.TtsFailed && !segment.produced && index + 1 < sessions.length)
                    {
                        segment.provider = index + 1;
                        retry = segment.command;
                    }
                    else
                    {
                        segment.produced |= event instanceof Event.TtsAudio;
                        segment.buffered.add(event);
                        segment.complete = event instanceof Event.TtsDone || event instanceof Event.TtsFailed;
                        order.flush(publisher, runEvent.runId());
                    }
                }
                if (null != retry)
                {
                    sessions[index + 1].synthesize(retry);
                }
            }

            private static int segmentOf(final Event event)
            {
                return switch (event)
                {
                    case Event.TtsAudio e -> e.segment();
                    case Event.TtsDone e -> e.segment();
                    case Event.TtsFailed e -> e.segment();
                    default -> -1;
                };
            }
        }
    }

    /** The segments of one run not yet fully passed on, in request order. */
    private static final class RunOrder
    {
        private final ArrayDeque<Segment> pending = new ArrayDeque<>();

        Segment find(final int segment)
        {
            for (final Segment s : pending)
            {
                if (s.command.segment() == segment)
                {
                    return s;
                }
            }
            return null;
        }

        /** Passes on the head segment's events; once it is complete, moves on to the next. */
        void flush(final RunPublisher publisher, final long runId)
        {
            while (!pending.isEmpty())
            {
                final Segment head = pending.peekFirst();
                for (final Event event : head.buffered)
                {
                    publisher.publish(runId, event);
                }
                head.buffered.clear();
                if (!head.complete)
                {
                    return;
                }
                pending.removeFirst();
            }
        }
    }

    /** One segment: who serves it, and its events not yet passed on. */
    private static final class Segment
    {
        private final Command.SynthesizeSegment command;
        private final List<Event> buffered = new ArrayList<>();
        private int provider;
        private boolean produced;
        private boolean complete;

        Segment(final Command.SynthesizeSegment command)
        {
            this.command = command;
        }
    }
}
