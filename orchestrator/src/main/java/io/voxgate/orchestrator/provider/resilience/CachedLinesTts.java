package io.voxgate.orchestrator.provider.resilience;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.EventSink;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.TtsSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The last link of a TTS chain: the assistant's fixed lines (the error fallback line, re-prompt, goodbyes)
 * synthesized once at start-up, so that when every synthesizer fails, the fallback line the reducer then asks for
 * is still heard. It serves exactly those texts, at once, from memory; any other text fails ({@code client}).
 *
 * <p>Immutable after construction and thread-safe. Chunks are shared between calls and must not be modified
 * (the pipeline only reads {@code PlayAudio} bytes).
 */
public final class CachedLinesTts implements TtsProvider
{
    /** The registry name. */
    public static final String NAME = "cached-lines";

    private final Map<String, Clip> clips;

    private CachedLinesTts(final Map<String, Clip> clips)
    {
        this.clips = Map.copyOf(clips);
    }

    /**
     * Renders the lines with a synthesizer (e.g. {@code freetts}), waiting at most {@code bound} for each.
     *
     * @param source the synthesizer.
     * @param lines  the lines; blank ones are skipped.
     * @param bound  the longest wait per line.
     * @return the cache.
     * @throws IllegalStateException when a line cannot be rendered.
     */
    public static CachedLinesTts render(final TtsProvider source, final Collection<String> lines,
        final Duration bound)
    {
        final Map<String, Clip> clips = new LinkedHashMap<>();
        for (final String line : lines)
        {
            if (line.isBlank() || clips.containsKey(line))
            {
                continue;
            }
            final Collector collector = new Collector();
            try (TtsSession session = source.open(new CallContext("cached-lines", collector, Map.of())))
            {
                session.synthesize(new Command.SynthesizeSegment("cached-lines", 1, 0, 0, line));
                if (!collector.done.await(bound.toMillis(), TimeUnit.MILLISECONDS) || collector.failed ||
                    collector.chunks.isEmpty())
                {
                    throw new IllegalStateException("cannot render fallback line '" + line + "' with " +
                        source.name());
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted rendering fallback lines", ex);
            }
            clips.put(line, new Clip(collector.sampleRate, List.copyOf(collector.chunks)));
        }
        return new CachedLinesTts(clips);
    }

    /**
     * The cached lines.
     *
     * @return their texts.
     */
    public Collection<String> lines()
    {
        return clips.keySet();
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public TtsSession open(final CallContext call)
    {
        final RunPublisher publisher = new RunPublisher(call.events());
        return new TtsSession()
        {
            @Override
            public void synthesize(final Command.SynthesizeSegment command)
            {
                final Clip clip = clips.get(command.text().strip());
                final long runId = command.runId();
                if (null == clip)
                {
                    publisher.publish(runId, new Event.TtsFailed(call.sessionId(), publisher.nowMs(), runId,
                        command.turn(), command.segment(),
                        "client: every synthesizer failed and this is not a cached line"));
                    return;
                }
                for (final byte[] chunk : clip.chunks())
                {
                    publisher.publish(runId, new Event.TtsAudio(call.sessionId(), publisher.nowMs(), runId,
                        command.turn(), command.segment(), clip.sampleRate(), chunk));
                }
                publisher.publish(runId, new Event.TtsDone(call.sessionId(), publisher.nowMs(), runId,
                    command.turn(), command.segment()));
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

    /** A rendered line. */
    private record Clip(int sampleRate, List<byte[]> chunks)
    {
    }

    /** Collects one line's audio. */
    private static final class Collector implements EventSink
    {
        private final List<byte[]> chunks = new ArrayList<>();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile int sampleRate;
        private volatile boolean failed;

        @Override
        public long nowMs()
        {
            return 0;
        }

        @Override
        public synchronized void publish(final Event event)
        {
            switch (event)
            {
                case Event.TtsAudio audio ->
                {
                    sampleRate = audio.sampleRate();
                    chunks.add(audio.pcm());
                }
                case Event.TtsDone ignored -> done.countDown();
                case Event.TtsFailed ignored ->
                {
                    failed = true;
                    done.countDown();
                }
                default ->
                {
                }
            }
        }
    }
}
