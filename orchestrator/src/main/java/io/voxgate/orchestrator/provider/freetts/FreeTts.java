package io.voxgate.orchestrator.provider.freetts;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * TTS {@code freetts}: offline synthesis with FreeTTS's {@code kevin16} voice (16 kHz PCM16 mono), in chunks of
 * {@code chunkMs} milliseconds. No keys, no network: the default voice and the last link of every TTS chain.
 *
 * <p>Each call's segments are synthesized one after the other on the shared executor (never on the orchestrator
 * thread), borrowing a voice from a process-wide {@link VoicePool}. Cancelling a run drops its queued segments and
 * stops the one being synthesized at its next chunk.
 *
 * <p>Immutable and thread-safe.
 */
public final class FreeTts implements TtsProvider
{
    /** The registry name. */
    public static final String NAME = "freetts";

    private final VoicePool voices;
    private final Executor executor;
    private final ProviderMetrics metrics;

    /**
     * A synthesizer.
     *
     * @param voiceName the FreeTTS voice ({@code kevin16}).
     * @param poolSize  voices allocated at most, i.e. segments synthesized at once in the process.
     * @param chunkMs   milliseconds of audio per {@code TtsAudio} event.
     * @param executor  where synthesis runs.
     * @param metrics   {@code tts_ttfb}, requests, errors.
     */
    public FreeTts(final String voiceName, final int poolSize, final int chunkMs, final Executor executor,
        final ProviderMetrics metrics)
    {
        if (chunkMs < 10)
        {
            throw new IllegalArgumentException("freetts chunkMs must be at least 10: " + chunkMs);
        }
        this.voices = new VoicePool(voiceName, poolSize, chunkMs);
        this.executor = executor;
        this.metrics = metrics;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public TtsSession open(final CallContext call)
    {
        return new Session(call);
    }

    private final class Session implements TtsSession
    {
        private final String sessionId;
        private final RunPublisher publisher;
        private final ArrayDeque<Command.SynthesizeSegment> queue = new ArrayDeque<>();
        private boolean draining;

        Session(final CallContext call)
        {
            this.sessionId = call.sessionId();
            this.publisher = new RunPublisher(call.events());
        }

        @Override
        public void synthesize(final Command.SynthesizeSegment command)
        {
            synchronized (this)
            {
                queue.addLast(command);
                if (draining)
                {
                    return;
                }
                draining = true;
            }
            executor.execute(this::drain);
        }

        @Override
        public void cancel(final long runId)
        {
            publisher.cancel(runId);
            synchronized (this)
            {
                queue.removeIf((segment) -> segment.runId() == runId);
            }
        }

        @Override
        public void close()
        {
            publisher.close();
            synchronized (this)
            {
                queue.clear();
            }
        }

        private void drain()
        {
            while (true)
            {
                final Command.SynthesizeSegment next;
                synchronized (this)
                {
                    next = queue.pollFirst();
                    if (null == next)
                    {
                        draining = false;
                        return;
                    }
                }
                render(next, sessionId, publisher);
            }
        }
    }

    private void render(final Command.SynthesizeSegment command, final String sessionId,
        final RunPublisher publisher)
    {
        final long runId = command.runId();
        if (!publisher.isLive(runId))
        {
            return;
        }
        metrics.request(NAME);
        final long startNanos = System.nanoTime();
        VoicePool.Lease lease = null;
        boolean ok;
        try
        {
            lease = voices.borrow();
            final boolean[] first = {true};
            lease.collector().target(new SampleCollector.Target()
            {
                @Override
                public boolean chunk(final byte[] pcm, final int sampleRate)
                {
                    if (first[0])
                    {
                        first[0] = false;
                        metrics.latency(NAME, ProviderMetrics.Latency.TTS_TTFB, System.nanoTime() - startNanos);
                    }
                    return publisher.publish(runId, new Event.TtsAudio(sessionId, publisher.nowMs(), runId,
                        command.turn(), command.segment(), sampleRate, pcm));
                }

                @Override
                public boolean live()
                {
                    return publisher.isLive(runId);
                }
            });
            ok = lease.voice().speak(command.text()) && lease.collector().flush();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        catch (final RuntimeException ex)
        {
            ok = false;
        }
        finally
        {
            if (null != lease)
            {
                voices.release(lease);
            }
        }
        if (ok)
        {
            publisher.publish(runId, new Event.TtsDone(sessionId, publisher.nowMs(), runId, command.turn(),
                command.segment()));
        }
        else if (publisher.isLive(runId))
        {
            metrics.error(NAME, io.voxgate.orchestrator.provider.resilience.ErrorKind.SERVER);
            publisher.publish(runId, new Event.TtsFailed(sessionId, publisher.nowMs(), runId, command.turn(),
                command.segment(), "freetts could not synthesize the segment"));
        }
    }
}
