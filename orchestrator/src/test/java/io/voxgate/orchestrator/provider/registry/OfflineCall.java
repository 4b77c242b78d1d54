package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandBuffer;
import io.voxgate.orchestrator.reducer.Session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A call of a real reducer driven by real providers, without audio transport: the test thread is the orchestrator
 * thread; provider events come through a {@link RecordingSink}; every {@code PlayAudio} counts as played at once
 * (its mark is echoed as {@code PlayoutProgress}); timers fire only when the test says so, on a virtual clock.
 */
final class OfflineCall
{
    final Session session;
    final List<Command> commands = new ArrayList<>();
    final List<Command.PlayAudio> played = new ArrayList<>();
    final List<String> heard = new ArrayList<>();

    private final CallReducer reducer = new CallReducer();
    private final CommandBuffer buffer = new CommandBuffer();
    private final RecordingSink sink;
    private final CallProviders providers;
    private final Map<TimerKind, Command.StartTimer> timers = new EnumMap<>(TimerKind.class);
    private final ArrayDeque<Event> local = new ArrayDeque<>();

    OfflineCall(final Session session, final RecordingSink sink, final CallProviders providers)
    {
        this.session = session;
        this.sink = sink;
        this.providers = providers;
    }

    /** Applies an event and everything it causes synchronously (marks). */
    void apply(final Event event)
    {
        local.add(event);
        while (!local.isEmpty())
        {
            buffer.clear();
            reducer.apply(session, local.poll(), buffer);
            final List<Command> emitted = List.copyOf(buffer.commands());
            commands.addAll(emitted);
            for (final Command command : emitted)
            {
                execute(command);
            }
        }
    }

    /** Applies provider events until the session is listening with no live run (bounded wait per event). */
    void untilListening()
    {
        while (!(session.state() == SessionState.LISTENING && session.currentRunId() == 0))
        {
            final Event event = sink.poll();
            if (null == event)
            {
                throw new AssertionError("stuck in " + session.state() + "; commands " + commands);
            }
            apply(event);
        }
    }

    /** Applies provider events until one matches (bounded wait per event); returns it. */
    Event until(final java.util.function.Predicate<Event> match)
    {
        while (true)
        {
            final Event event = sink.poll();
            if (null == event)
            {
                throw new AssertionError("no matching event; state " + session.state() + "; commands " + commands);
            }
            apply(event);
            if (match.test(event))
            {
                return event;
            }
        }
    }

    /** Fires the pending timer of a kind at its due time. */
    void fire(final TimerKind kind)
    {
        final Command.StartTimer timer = timers.remove(kind);
        if (null == timer)
        {
            throw new AssertionError("no " + kind + " timer pending; commands " + commands);
        }
        now(Math.max(sink.nowMs(), timer.dueAtMs()));
        apply(new Event.TimerFired(session.id(), timer.dueAtMs(), kind, timer.timerId()));
    }

    /** A caller utterance as the VAD reports it (no transcript: ASR none), then its end of turn. */
    void callerSpeaks(final long durationMs)
    {
        final long start = sink.nowMs() + 500;
        now(start);
        apply(new Event.SpeechStarted(session.id(), start));
        now(start + durationMs);
        apply(new Event.SpeechStopped(session.id(), start + durationMs));
        fire(TimerKind.ENDPOINTING);
    }

    long now()
    {
        return sink.nowMs();
    }

    private void now(final long ms)
    {
        sink.nowMs(ms);
    }

    private void execute(final Command command)
    {
        switch (command)
        {
            case Command.StartTimer start -> timers.put(start.kind(), start);
            case Command.CancelTimer cancel ->
            {
                final Command.StartTimer pending = timers.get(cancel.kind());
                if (null != pending && pending.timerId() == cancel.timerId())
                {
                    timers.remove(cancel.kind());
                }
            }
            case Command.PlayAudio play ->
            {
                played.add(play);
                local.add(new Event.PlayoutProgress(session.id(), sink.nowMs(), play.runId(), play.turn(),
                    play.segment(), play.segmentEndMs()));
            }
            case Command.SendAssistantMessage message -> heard.add(message.text());
            default -> providers.execute(command);
        }
    }
}
