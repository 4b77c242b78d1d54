package io.voxgate.server.pipeline;

import com.lmax.disruptor.EventHandler;
import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.PlayoutMarks;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandSink;
import io.voxgate.orchestrator.reducer.Session;
import org.agrona.AsciiSequenceView;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orchestrator stage: the single thread that owns every call's orchestrator {@link Session}. It turns ingress
 * slots (after the DSP stage) into reducer events (call start/end, VAD edges, voiced frames during a reply, DTMF,
 * echoed marks), applies them with the {@link CallReducer}, and executes the commands: audio, clear and hang-up go to
 * the {@link EgressRing}, timers to {@link SessionTimers}, everything else to the call's {@link BackendSession}.
 *
 * <p>Time: the session clock is milliseconds since the call's {@code START} slot was received; slot events carry
 * their arrival time on it, timer firings the pipeline clock's now. The reducer itself never reads a clock.
 *
 * <p>Per media frame the steady state allocates nothing but, while a reply is playing and the caller's frame is
 * voiced, one {@code AudioLevel} event (the reducer needs those frames only to complete a barge-in, which can only
 * be open while a reply runs; all other frames are not turned into events).
 *
 * <p><b>Threading:</b> runs on the orchestrator thread. Its barrier waits for every DSP shard's sequence, so the DSP
 * results in a slot are visible; its own writes reach the egress thread through the egress ring's publication. A
 * failure in one call's event is caught, counted and the thread goes on.
 */
final class OrchestratorStage implements EventHandler<IngressSlot>, CommandSink, SessionTimers.Expiry
{
    private static final long NANOS_PER_MS = 1_000_000L;
    /** How soon ends and session-log lines that found their queue full are offered again. */
    private static final long RETRY_NANOS = NANOS_PER_MS;


    private final CallRegistry registry;
    /** Read once per call start: a non-blocking lookup (a live directory the control plane updates). */
    private final AssistantLookup assistants;
    private final AssistantBackend defaultAssistant;
    private final EgressRing egress;
    private final NanoClock clock;
    private final PipelineCounters counters;
    private final PipelineLatencies latencies;
    private final CallReducer reducer = new CallReducer();
    private final Session[] sessions;
    private final BackendSession[] backends;
    private final long[] startNanos;
    /** Arrival of the frame where the caller's speech last started (barge-in reaction origin). */
    private final long[] speechStartNanos;
    /** Arrival of the input that last ended caller speech or typed a key (turn latency origin). */
    private final long[] turnEndNanos;
    /** The origin to stamp on a session's next PlayAudio: its reply's first audio; 0 when none is awaited. */
    private final long[] firstAudioOrigin;
    private final SessionTimers timers;
    private final PendingEvents pending;
    private final IntArrayQueue endsToRetry = new IntArrayQueue();
    private final AsciiSequenceView markName = new AsciiSequenceView();
    /** Per client (browser) session its event translator; {@code null} for phone calls. */
    private final ClientEvents[] clients;
    /** Typed text, tool results and cancels from client transports (event loops), drained here. */
    private final ManyToOneConcurrentArrayQueue<ClientInput.Posted> clientInbox =
        new ManyToOneConcurrentArrayQueue<>(4096);
    /** Client inputs whose session's START has not reached this thread yet. */
    private final ArrayDeque<ClientInput.Posted> deferredInputs = new ArrayDeque<>();
    /** Session logging, or {@code null} when off. */
    private final SessionLogRecorder sessionLog;
    /** Where each call's transcript, tool calls and metadata go (non-blocking offers). */
    private final CallHistory history;

    /** Odd while housekeeping runs outside any ring sequence (timers, retries); see MediaPipeline#isQuiescent. */
    private final AtomicLong housekeepingEpoch = new AtomicLong();
    private int currentIndex;
    private long nowNanos;

    OrchestratorStage(final CallRegistry registry, final Map<String, AssistantBackend> assistants,
        final String defaultAssistant, final EgressRing egress, final NanoClock clock,
        final PipelineCounters counters, final PipelineLatencies latencies, final SessionLogRecorder sessionLog)
    {
        this(registry, AssistantLookup.of(assistants), defaultAssistant, egress, clock, counters, latencies,
            sessionLog, CallHistory.NONE);
    }

    OrchestratorStage(final CallRegistry registry, final AssistantLookup assistants,
        final String defaultAssistant, final EgressRing egress, final NanoClock clock,
        final PipelineCounters counters, final PipelineLatencies latencies, final SessionLogRecorder sessionLog,
        final CallHistory history)
    {
        this.history = history;
        this.sessionLog = sessionLog;
        this.latencies = latencies;
        this.pending = new PendingEvents(counters);
        this.registry = registry;
        this.assistants = assistants;
        this.defaultAssistant = assistants.find(defaultAssistant);
        if (null == this.defaultAssistant)
        {
            throw new IllegalArgumentException("unknown default assistant " + defaultAssistant + "; known: " +
                assistants.names());
        }
        this.egress = egress;
        this.clock = clock;
        this.counters = counters;
        this.sessions = new Session[registry.maxCalls()];
        this.backends = new BackendSession[registry.maxCalls()];
        this.startNanos = new long[registry.maxCalls()];
        this.speechStartNanos = new long[registry.maxCalls()];
        this.turnEndNanos = new long[registry.maxCalls()];
        this.firstAudioOrigin = new long[registry.maxCalls()];
        this.clients = new ClientEvents[registry.maxCalls()];
        this.timers = new SessionTimers(registry.maxCalls());
    }

    /**
     * The session of an index, for tests on the orchestrator thread (or after the pipeline has stopped).
     */
    Session session(final int index)
    {
        return sessions[index];
    }

    @Override
    public void onEvent(final IngressSlot slot, final long sequence, final boolean endOfBatch)
    {
        final long begin = clock.nanoTime();
        nowNanos = begin;
        try
        {
            handle(slot);
        }
        catch (final RuntimeException ex)
        {
            // One call's failure must not stop the thread that orchestrates all calls.
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_ERRORS, 1);
        }
        drain();
        if (endOfBatch)
        {
            housekeeping(begin);
        }
        PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_SLOTS, 1);
        PipelineCounters.maxSingleWriter(counters.orchestrator, PipelineCounters.ORC_MAX_NANOS,
            clock.nanoTime() - begin);
    }

    @Override
    public void onStart()
    {
        pending.ownedBy(Thread.currentThread());
    }

    @Override
    public void onTimeout(final long sequence)
    {
        housekeeping(clock.nanoTime());
    }

    /**
     * Sets what wakes this stage when another thread posts it an event (it may be asleep until its next timer).
     */
    void wakeWith(final Runnable wake)
    {
        pending.wakeWith(wake);
    }

    /**
     * How long the orchestrator may sleep while no audio arrives (its thread): until its next timer is due, or a
     * millisecond while it retries ends or session-log lines that found no room, or not at all when events wait.
     *
     * @return nanoseconds, {@code 0} or more; {@link Long#MAX_VALUE} when only a wake-up can bring work.
     */
    long sleepNanos()
    {
        if (!pending.isEmpty() || !pending.inboxIsEmpty())
        {
            return 0;
        }
        if (!endsToRetry.isEmpty() || null != sessionLog && sessionLog.backlog() > 0)
        {
            return RETRY_NANOS;
        }
        final long next = timers.nextDeadlineNanos();
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, next - clock.nanoTime());
    }

    /** Fires due timers, applies events posted from other threads, retries ends the egress ring had no room for. */
    void housekeeping(final long now)
    {
        nowNanos = now;
        // Work done here is covered by no ingress sequence, so it is announced for isIdle().
        housekeepingEpoch.incrementAndGet();
        try
        {
            if (timers.pending() > 0)
            {
                timers.poll(now, this);
            }
            drain();
            while (!endsToRetry.isEmpty() && egress.tryEnd(endsToRetry.peekInt(), now))
            {
                endsToRetry.pollInt();
            }
            if (null != sessionLog)
            {
                sessionLog.retryBacklog();
            }
        }
        finally
        {
            housekeepingEpoch.incrementAndGet();
        }
    }

    /**
     * Whether the orchestrator is between units of work: no housekeeping in progress and none started since
     * {@code epoch} (any thread; pair with a check of the rings).
     */
    long housekeepingEpoch()
    {
        return housekeepingEpoch.get();
    }

    void handle(final IngressSlot slot)
    {
        final int index = slot.sessionIndex();
        switch (slot.kind())
        {
            case SlotKind.MEDIA, SlotKind.PCM16 -> media(index, slot);
            case SlotKind.START -> start(index, slot);
            case SlotKind.DTMF -> dtmf(index, slot);
            case SlotKind.MARK -> mark(index, slot);
            case SlotKind.STOP -> end(index, slot, "stop");
            case SlotKind.CLOSED -> end(index, slot, "closed");
            default ->
            {
                // DISCARDED: rejected by the transport side, nothing to do.
            }
        }
    }

    private void media(final int index, final IngressSlot slot)
    {
        final Session session = sessions[index];
        if (null == session)
        {
            return;
        }
        backends[index].onCallerAudio(slot);
        final int flags = slot.vadFlags();
        final boolean speech = (flags & IngressSlot.VAD_SPEECH) != 0;
        final int edges = flags & (IngressSlot.VAD_STARTED | IngressSlot.VAD_STOPPED);
        if (edges != 0)
        {
            if ((edges & IngressSlot.VAD_STARTED) != 0)
            {
                speechStartNanos[index] = slot.receivedNanos();
            }
            if ((edges & IngressSlot.VAD_STOPPED) != 0)
            {
                turnEndNanos[index] = slot.receivedNanos();
            }
            final long atMs = atMs(index, slot);
            if (null != clients[index])
            {
                clients[index].speechEdges(index, edges, speech);
            }
            if (edges == (IngressSlot.VAD_STARTED | IngressSlot.VAD_STOPPED))
            {
                // Several VAD frames in one slot: the last edge is the one matching the final decision.
                apply(index, speech ? new Event.SpeechStopped(session.id(), atMs) :
                    new Event.SpeechStarted(session.id(), atMs));
            }
            apply(index, speech ? new Event.SpeechStarted(session.id(), atMs) :
                new Event.SpeechStopped(session.id(), atMs));
        }
        if (speech && session.currentRunId() != 0)
        {
            apply(index, new Event.AudioLevel(session.id(), atMs(index, slot), true, slot.levelDbfs()));
        }
        latencies.orchestrator().recordValue(PipelineLatencies.clamp(clock.nanoTime() - slot.receivedNanos()));
    }

    private void start(final int index, final IngressSlot slot)
    {
        if (null != sessions[index])
        {
            // A second START without a terminal slot is a transport bug: keep the running call.
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_ERRORS, 1);
            return;
        }
        final CallStart start = registry.start(index);
        final AssistantBackend assistant = registry.assistant(index, this::assistantFor);
        final AssistantSettings settings = null == start.client() ? assistant.settingsFor(start) :
            start.client().overrides().apply(assistant.settingsFor(start));
        final Session session = new Session(start.streamSid(), settings);
        final BackendSession backend = assistant.open(start, session.id(),
            new SessionPoster(pending, index, session, clock, slot.receivedNanos()));
        clients[index] = null == start.client() ? null : new ClientEvents(egress);
        sessions[index] = session;
        backends[index] = backend;
        if (null != sessionLog)
        {
            sessionLog.open(index, start, session);
        }
        startNanos[index] = slot.receivedNanos();
        speechStartNanos[index] = 0;
        turnEndNanos[index] = 0;
        firstAudioOrigin[index] = 0;
        PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_CALLS_STARTED, 1);
        if (!egress.tryBegin(index, nowNanos))
        {
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_ERRORS, 1);
        }
        history.callStarted(index, start, session.id(), System.currentTimeMillis());
        apply(index, new Event.CallStarted(session.id(), 0));
    }

    private void dtmf(final int index, final IngressSlot slot)
    {
        final Session session = sessions[index];
        if (null != session)
        {
            turnEndNanos[index] = slot.receivedNanos();
            apply(index, new Event.Dtmf(session.id(), atMs(index, slot), DtmfDigits.string(slot.argument())));
        }
    }

    private void mark(final int index, final IngressSlot slot)
    {
        final Session session = sessions[index];
        if (null == session)
        {
            return;
        }
        markName.wrap(slot.buffer(), slot.payloadOffset(), slot.payloadLength());
        final Event.PlayoutProgress progress = PlayoutMarks.parse(session.id(), atMs(index, slot), markName);
        if (null == progress)
        {
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_UNKNOWN_MARKS, 1);
            return;
        }
        apply(index, progress);
    }

    private void end(final int index, final IngressSlot slot, final String reason)
    {
        final Session session = sessions[index];
        if (null != session)
        {
            try
            {
                apply(index, new Event.CallEnded(session.id(), atMs(index, slot), reason));
                drain();
                backends[index].close();
            }
            finally
            {
                history.callEnded(index, reason, System.currentTimeMillis());
                clients[index] = null;
                if (null != sessionLog)
                {
                    sessionLog.close(index);
                }
                backends[index] = null;
                sessions[index] = null;
                timers.cancelAll(index);
                PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_CALLS_ENDED, 1);
            }
        }
        // Always hand the index back through the egress thread, even for a call whose start failed.
        if (!egress.tryEnd(index, nowNanos))
        {
            endsToRetry.addInt(index);
        }
    }

    private long atMs(final int index, final IngressSlot slot)
    {
        return (slot.receivedNanos() - startNanos[index]) / NANOS_PER_MS;
    }

    private void apply(final int index, final Event event)
    {
        currentIndex = index;
        history.event(index, event);
        final Session session = sessions[index];
        if (null != clients[index] && event instanceof Event.LlmDelta delta && delta.runId() == session.currentRunId())
        {
            clients[index].assistantDelta(index, delta, nowNanos);
        }
        if (null == sessionLog)
        {
            reducer.apply(session, event, this);
        }
        else
        {
            sessionLog.beforeApply(index, session);
            reducer.apply(session, event, this);
            sessionLog.afterApply(index, session, event);
        }
        PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_EVENTS, 1);
    }

    /** Applies queued backend answers and timer firings, in order, including those they cause. */
    private void drain()
    {
        takeClientInputs();
        pending.takeInbox();
        while (!pending.isEmpty())
        {
            final int index = pending.headIndex();
            final Session session = pending.headSession();
            final Event event = pending.headEvent();
            pending.removeHead();
            if (sessions[index] == session)
            {
                try
                {
                    apply(index, event);
                }
                catch (final RuntimeException ex)
                {
                    PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_ERRORS, 1);
                }
            }
        }
    }

    /** The assistant a start names, or the default one (any thread: the lookup is thread-safe). */
    AssistantBackend assistantFor(final CallStart start)
    {
        final AssistantBackend named = assistants.find(start.assistant());
        return null == named ? defaultAssistant : named;
    }

    /**
     * Queues a client session's input for the orchestrator thread (any thread; non-blocking).
     *
     * @param posted the input with its session.
     * @return false when the inbox is full (the input is dropped; the caller reports it).
     */
    boolean post(final ClientInput.Posted posted)
    {
        return clientInbox.offer(posted);
    }

    private void takeClientInputs()
    {
        // Inputs that arrived before their session's START came through the DSP stage go first, in their order.
        for (int waiting = deferredInputs.size(); waiting > 0; waiting--)
        {
            takeClientInput(deferredInputs.poll());
        }
        ClientInput.Posted posted;
        while (null != (posted = clientInbox.poll()))
        {
            takeClientInput(posted);
        }
    }

    private void takeClientInput(final ClientInput.Posted posted)
    {
        final int index = posted.sessionIndex();
        final Session session = sessions[index];
        if (null == session)
        {
            // The inbox bypasses the ingress ring, so an input can overtake its session's START: keep it until then.
            final CallStart start = registry.start(index);
            if (null != start && start.streamSid().equals(posted.sessionId()))
            {
                deferredInputs.add(posted);
                return;
            }
            posted.inFlight().decrementAndGet();
            return;
        }
        posted.inFlight().decrementAndGet();
        if (null == clients[index] || !session.id().equals(posted.sessionId()))
        {
            return;
        }
        final long atMs = Math.max(0, (posted.receivedNanos() - startNanos[index]) / NANOS_PER_MS);
        final Event event = clients[index].toEvent(index, session.id(), atMs, posted.input(), nowNanos);
        if (null != event)
        {
            pending.add(index, session, event);
        }
    }

    @Override
    public void onDue(final int sessionIndex, final TimerKind kind, final long timerId, final long now)
    {
        final Session session = sessions[sessionIndex];
        if (null != session)
        {
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_TIMERS_FIRED, 1);
            pending.add(sessionIndex, session, new Event.TimerFired(session.id(),
                (now - startNanos[sessionIndex]) / NANOS_PER_MS, kind, timerId));
        }
    }

    @Override
    public void accept(final Command command)
    {
        final int index = currentIndex;
        PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_COMMANDS, 1);
        if (null != sessionLog)
        {
            sessionLog.command(command);
        }
        history.command(index, command);
        if (null != clients[index])
        {
            clients[index].command(index, command, nowNanos);
        }
        final boolean done = switch (command)
        {
            // A full egress ring drops the command and counts it there (egressDroppedRingFull).
            case Command.PlayAudio play ->
            {
                if (!egress.tryPlay(index, play, nowNanos, firstAudioOrigin[index]))
                {
                    // The chunk is lost (counted as an egress drop) and so is the mark that would have followed it:
                    // report its playout now, or a reply whose last chunk was dropped would keep its run speaking
                    // until a barge-in.
                    pending.add(index, sessions[index], new Event.PlayoutProgress(sessions[index].id(),
                        (nowNanos - startNanos[index]) / NANOS_PER_MS, play.runId(), play.turn(), play.segment(),
                        play.segmentEndMs()));
                }
                firstAudioOrigin[index] = 0;
                yield true;
            }
            case Command.ClearPlayback clear ->
            {
                egress.tryClear(index, clear.turn(), nowNanos, speechStartNanos[index]);
                yield true;
            }
            case Command.StartLlm llm ->
            {
                if (llm.step() == 0 && llm.turn() > 0 && turnEndNanos[index] != 0)
                {
                    // A reply to a caller turn: the turn latency ends here, time to first audio at its first play.
                    latencies.turn().recordValue(PipelineLatencies.clamp(nowNanos - turnEndNanos[index]));
                    firstAudioOrigin[index] = turnEndNanos[index];
                }
                yield executeOnBackend(index, command);
            }
            case Command.HangUp hangUp ->
            {
                egress.tryHangUp(index, hangUp.reason(), nowNanos);
                yield true;
            }
            case Command.StartTimer start ->
            {
                timers.start(index, start.kind(), start.timerId(), startNanos[index] + start.dueAtMs() * NANOS_PER_MS);
                yield true;
            }
            case Command.CancelTimer cancel ->
            {
                timers.cancel(index, cancel.kind(), cancel.timerId());
                yield true;
            }
            default -> executeOnBackend(index, command);
        };
        if (!done)
        {
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_IGNORED_COMMANDS, 1);
        }
    }

    private boolean executeOnBackend(final int index, final Command command)
    {
        final BackendSession backend = backends[index];
        return null != backend && backend.execute(command, (nowNanos - startNanos[index]) / NANOS_PER_MS);
    }
}
