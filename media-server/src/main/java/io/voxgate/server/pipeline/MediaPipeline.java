package io.voxgate.server.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The media pipeline, assembled: the straight line from the transport's event loops to its socket writes.
 *
 * <pre>
 *  event loops ─tryPublish*─▶ IngressRing ─▶ DSP shards ─▶ orchestrator ─▶ EgressRing ─▶ egress ─▶ EgressSink
 *  (many: MPSC)               (off-heap      (μ-law→PCM16,  (reducer per   (commands,    (→ 8 kHz, μ-law,
 *                              slots)         8→16 kHz,      call, timers,  audio by      base64, Twilio
 *                                             VAD, level)    assistants)    reference)    JSON)
 * </pre>
 *
 * <p><b>Threads and memory-ordering crossings</b> (each is a Disruptor sequence: the writer's ordered store of its
 * sequence after writing the entry, the reader's barrier load before reading it):
 * <ol>
 *   <li>Event loop → DSP shards: the event loop fills a claimed slot and publishes its sequence.</li>
 *   <li>DSP shard → orchestrator: the shard writes its results into the slot; its processor sequence advances after
 *   {@code onEvent}; the orchestrator's barrier waits for every shard's sequence.</li>
 *   <li>Orchestrator → event loops (slot reuse): the ring's gating sequence is the orchestrator's, so a slot is only
 *   reclaimed by a producer after the orchestrator has finished reading it.</li>
 *   <li>Orchestrator → egress: the orchestrator fills an egress command and publishes it (single producer).</li>
 *   <li>Egress → event loops (index reuse): the egress thread releases the session index under the registry's lock,
 *   which the next acquiring event loop takes.</li>
 * </ol>
 * Nothing else is shared: per-session DSP state belongs to its shard, sessions and timers to the orchestrator,
 * per-session egress state to the egress thread. Counters are atomics read by the metrics exporter.
 *
 * <p><b>Sleeping and waking</b> ({@link StagedWaitStrategy}): a DSP shard sleeps until an event loop publishes (a
 * Twilio event loop wakes it once per I/O batch, not per frame); the orchestrator sleeps until a DSP shard finishes
 * a batch, its next timer is due or a provider thread posts it an event; the egress thread sleeps until the
 * orchestrator publishes. No stage polls a clock (each sleep is bounded at
 * 100 ms as a safety net only), and under load a thread wakes once per batch rather than once per frame.
 *
 * <p>Lifecycle: construct, {@link #start()}, use, {@link #close()} (after the transport has drained its calls).
 */
public final class MediaPipeline implements AutoCloseable
{
    /**
     * The longest the orchestrator sleeps while no audio arrives; it sleeps less when a timer is due sooner, and
     * other threads' events wake it (it used to wake every millisecond to look).
     */
    private static final long ORCHESTRATOR_MAX_SLEEP_MILLIS = 100;
    /** The DSP shards and the egress writer have nothing to do unless woken; this only bounds a sleep. */
    private static final long WORKER_IDLE_MILLIS = 100;

    private final PipelineSettings settings;
    private final PipelineCounters counters = new PipelineCounters();
    private final PipelineLatencies latencies = new PipelineLatencies();
    private final CallRegistry registry;
    private final StagedWaitStrategy ingressWait;
    private final IngressRing ingress;
    private final EgressRing egress;
    private final OrchestratorStage orchestrator;
    private final List<BatchEventProcessor<?>> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AssistantLookup assistants;
    private final SessionLogThread sessionLogThread;
    private final SessionLogRecorder sessionLogRecorder;
    private boolean started;

    /**
     * A pipeline with the built-in assistants ({@code parrot}, {@code tone}) on the system clock.
     *
     * @param settings sizes and choices.
     * @param sink     the transport's writer.
     */
    public MediaPipeline(final PipelineSettings settings, final EgressSink sink)
    {
        this(settings, sink, SystemNanoClock.INSTANCE, List.of(new ParrotAssistant(), new ToneAssistant()));
    }

    /**
     * A pipeline with given assistants and clock.
     *
     * @param settings   sizes and choices.
     * @param sink       the transport's writer.
     * @param clock      the clock of {@code receivedNanos} and of the timers ({@code System.nanoTime()} in
     *                   production; tests drive their own).
     * @param assistants the assistants calls may select; {@link PipelineSettings#defaultAssistant()} among them.
     * @throws IllegalArgumentException if the default assistant is not among them.
     * @throws UncheckedIOException     if the session log directory cannot be created.
     */
    public MediaPipeline(final PipelineSettings settings, final EgressSink sink, final NanoClock clock,
        final List<AssistantBackend> assistants)
    {
        this(settings, sink, clock, assistants, CallHistory.NONE);
    }

    /**
     * A pipeline with given assistants and clock that reports each call's history.
     *
     * @param settings   sizes and choices.
     * @param sink       the transport's writer.
     * @param clock      the clock of {@code receivedNanos} and of the timers.
     * @param assistants the assistants calls may select; {@link PipelineSettings#defaultAssistant()} among them.
     * @param history    told each call's start, commands, events and end on the orchestrator thread (it must not
     *                   block); {@link CallHistory#NONE} for none.
     * @throws IllegalArgumentException if the default assistant is not among them.
     * @throws UncheckedIOException     if the session log directory cannot be created.
     */
    public MediaPipeline(final PipelineSettings settings, final EgressSink sink, final NanoClock clock,
        final List<AssistantBackend> assistants, final CallHistory history)
    {
        this(settings, sink, clock, AssistantLookup.of(byName(assistants)), history);
    }

    /**
     * A pipeline whose calls find their assistant in a lookup that may change while it runs (a live directory
     * the control plane updates; see {@code io.voxgate.server.assistant.AssistantDirectory}).
     *
     * @param settings   sizes and choices.
     * @param sink       the transport's writer.
     * @param clock      the clock of {@code receivedNanos} and of the timers.
     * @param assistants read once per call start on the orchestrator thread (never blocks);
     *                   {@link PipelineSettings#defaultAssistant()} must resolve.
     * @param history    told each call's start, commands, events and end on the orchestrator thread (it must not
     *                   block); {@link CallHistory#NONE} for none.
     * @throws IllegalArgumentException if the default assistant does not resolve.
     * @throws UncheckedIOException     if the session log directory cannot be created.
     */
    public MediaPipeline(final PipelineSettings settings, final EgressSink sink, final NanoClock clock,
        final AssistantLookup assistants, final CallHistory history)
    {
        this.settings = settings;
        this.assistants = assistants;
        this.registry = new CallRegistry(settings.maxCalls());
        this.ingressWait = new StagedWaitStrategy(WORKER_IDLE_MILLIS, ORCHESTRATOR_MAX_SLEEP_MILLIS,
            TimeUnit.MILLISECONDS, this::orchestratorSleepNanos);
        this.ingress = new IngressRing(settings.ingressRingSize(), settings.maxCalls(), ingressWait, counters);
        this.egress = new EgressRing(settings.egressRingSize(),
            new StagedWaitStrategy(WORKER_IDLE_MILLIS, WORKER_IDLE_MILLIS, TimeUnit.MILLISECONDS), counters);
        if (null != settings.sessionLogDir())
        {
            createDirectories(settings.sessionLogDir());
            final OneToOneConcurrentArrayQueue<SessionLogEntry> logQueue =
                new OneToOneConcurrentArrayQueue<>(settings.sessionLogQueue());
            sessionLogThread = new SessionLogThread(settings.sessionLogDir(), logQueue, counters);
            sessionLogRecorder = new SessionLogRecorder(logQueue, settings.maxCalls(), counters);
        }
        else
        {
            sessionLogThread = null;
            sessionLogRecorder = null;
        }
        this.orchestrator = new OrchestratorStage(registry, assistants, settings.defaultAssistant(), egress, clock,
            counters, latencies, sessionLogRecorder, history);
        orchestrator.wakeWith(ingressWait::wakeLaterStages);

        final RingBuffer<IngressSlot> in = ingress.ringBuffer();
        final int shards = settings.dspThreads();
        final Sequence[] dspSequences = new Sequence[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            final DspStage dsp = new DspStage(shard, shards, settings.maxCalls(), settings.vadMode(), clock,
                counters, latencies, this::needsWidebandAudio);
            final BatchEventProcessor<IngressSlot> processor =
                new BatchEventProcessorBuilder().build(in, in.newBarrier(), dsp);
            processor.setExceptionHandler(new CountingExceptionHandler<>(counters.dsp, PipelineCounters.DSP_ERRORS));
            dspSequences[shard] = processor.getSequence();
            add(processor, "voxgate-dsp-" + shard);
        }
        final BatchEventProcessor<IngressSlot> orchestration =
            new BatchEventProcessorBuilder().build(in, in.newBarrier(dspSequences), orchestrator);
        orchestration.setExceptionHandler(
            new CountingExceptionHandler<>(counters.orchestrator, PipelineCounters.ORC_ERRORS));
        in.addGatingSequences(orchestration.getSequence());
        add(orchestration, "voxgate-orchestrator");

        final RingBuffer<EgressCommand> out = egress.ringBuffer();
        final BatchEventProcessor<EgressCommand> writer = new BatchEventProcessorBuilder().build(
            out, out.newBarrier(), new EgressStage(registry, sink, clock, counters, latencies));
        writer.setExceptionHandler(new CountingExceptionHandler<>(counters.egress, PipelineCounters.OUT_ERRORS));
        out.addGatingSequences(writer.getSequence());
        add(writer, "voxgate-egress");
    }

    private void add(final BatchEventProcessor<?> processor, final String name)
    {
        processors.add(processor);
        final Thread thread = new Thread(processor, name);
        thread.setDaemon(true);
        threads.add(thread);
    }

    /**
     * Starts the stage threads.
     *
     * @throws IllegalStateException if already started.
     */
    public synchronized void start()
    {
        if (started)
        {
            throw new IllegalStateException("already started");
        }
        started = true;
        threads.forEach(Thread::start);
        if (null != sessionLogThread)
        {
            sessionLogThread.start();
        }
    }

    /**
     * Stops the stage threads (slots not yet processed are abandoned: drain the calls first) and waits for them.
     */
    @Override
    public synchronized void close()
    {
        processors.forEach(BatchEventProcessor::halt);
        // Halting wakes the stages that wait for publishes; the orchestrator may sleep until its next timer.
        ingressWait.wakeLaterStages();
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (null != sessionLogThread)
        {
            // After the orchestrator: everything it queued is written, logs of calls still running get a trailer.
            sessionLogThread.close();
        }
    }

    /**
     * Whether every published ingress slot and egress command has been fully handled (for tests and drain checks).
     *
     * @return true when both rings' consumers have caught up with their producers.
     */
    public boolean isQuiescent()
    {
        final RingBuffer<IngressSlot> in = ingress.ringBuffer();
        final RingBuffer<EgressCommand> out = egress.ringBuffer();
        final long epoch = orchestrator.housekeepingEpoch();
        return (epoch & 1) == 0 && in.remainingCapacity() == in.getBufferSize() &&
            out.remainingCapacity() == out.getBufferSize() && orchestrator.housekeepingEpoch() == epoch;
    }

    /** How long the orchestrator may sleep (its own thread, just before it does). */
    private long orchestratorSleepNanos()
    {
        return orchestrator.sleepNanos();
    }

    /** Whether the assistant a session starts with reads 16 kHz PCM (DSP thread, once per call). */
    private boolean needsWidebandAudio(final int sessionIndex)
    {
        return registry.assistant(sessionIndex, orchestrator::assistantFor).needsWidebandAudio();
    }

    /**
     * Hands a client (browser/app) session's typed text, tool result or cancel to the orchestrator thread. Call it
     * only while the transport owns the session index (between its {@code START} and its terminal slot); an input
     * that arrives after its session ended is discarded by session ID.
     *
     * @param sessionIndex  the session.
     * @param sessionId     its stream SID.
     * @param receivedNanos when it arrived ({@link System#nanoTime()}).
     * @param input         the input.
     * @param inFlight      the session's count of inputs not yet taken: incremented here, decremented by the
     *                      orchestrator when it takes the input (lets the transport bound each session's share).
     * @return false if the orchestrator's client inbox is full (nothing was queued).
     */
    public boolean postClientInput(final int sessionIndex, final String sessionId, final long receivedNanos,
        final ClientInput input, final AtomicInteger inFlight)
    {
        inFlight.incrementAndGet();
        if (orchestrator.post(new ClientInput.Posted(sessionIndex, sessionId, receivedNanos, input, inFlight)))
        {
            return true;
        }
        inFlight.decrementAndGet();
        return false;
    }

    /**
     * @return the ring the transport publishes into.
     */
    public IngressRing ingress()
    {
        return ingress;
    }

    /**
     * @return the session table.
     */
    public CallRegistry registry()
    {
        return registry;
    }

    /**
     * @return the counters.
     */
    public PipelineCounters counters()
    {
        return counters;
    }

    /**
     * @return the latency histograms.
     */
    public PipelineLatencies latencies()
    {
        return latencies;
    }

    /**
     * @return the settings.
     */
    public PipelineSettings settings()
    {
        return settings;
    }

    /**
     * @return the names of the assistants calls may select.
     */
    public Set<String> assistantNames()
    {
        return assistants.names();
    }

    private static Map<String, AssistantBackend> byName(final List<AssistantBackend> assistants)
    {
        final Map<String, AssistantBackend> byName = new LinkedHashMap<>();
        for (final AssistantBackend assistant : assistants)
        {
            byName.put(assistant.name(), assistant);
        }
        return byName;
    }

    /**
     * @return the stage threads (and the session log thread when logging), for CPU and allocation accounting.
     */
    public List<Thread> threads()
    {
        if (null == sessionLogThread)
        {
            return List.copyOf(threads);
        }
        final List<Thread> all = new ArrayList<>(threads);
        all.add(sessionLogThread.thread());
        return List.copyOf(all);
    }

    /**
     * Whether every session log opened so far is closed on disk (true when logging is off): for tests and for
     * checks after a drain, when no call is running.
     *
     * @return true when every queued line is written and every opened log closed (or failed).
     */
    public boolean sessionLogsClosed()
    {
        return null == sessionLogRecorder ||
            counters.sessionLogLinesQueued() == counters.sessionLogLinesWritten() &&
            counters.sessionLogsOpened() - counters.sessionLogsNotOpened() ==
            counters.sessionLogsClosed() + counters.sessionLogWriteErrors();
    }

    private static void createDirectories(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the session log directory " + directory, ex);
        }
    }

    /**
     * Counts an exception that escaped a stage's own handling and lets the processor go on.
     */
    private record CountingExceptionHandler<T>(AtomicLongArray group, int index) implements ExceptionHandler<T>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final T event)
        {
            group.incrementAndGet(index);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            group.incrementAndGet(index);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            group.incrementAndGet(index);
        }
    }
}
