package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;

/**
 * The orchestrator's reducer: applies one {@link Event} to a {@link Session}, moving it to its next state and
 * emitting the resulting {@link io.voxgate.orchestrator.model.Command}s, in order, into a {@link CommandSink}.
 *
 * <p>It is a pure function of the session's state and the event: time comes only from event timestamps, there is
 * no clock, randomness or I/O (the sink and the DEBUG transition log aside), so a session log replays to the same
 * commands and states. Events of a run that is no longer current, of a cancelled timer or step are dropped and
 * counted ({@link Session#staleEvents()}); events that mean nothing in the current state are counted as ignored.
 * An event that changes nothing (e.g. an {@link Event.AudioLevel} while no candidate barge-in is open) allocates
 * nothing.
 *
 * <p><b>Threading:</b> the reducer itself holds no state and may be shared; each session is owned by exactly one
 * thread, which is the only one that may call {@link #apply} for it (see {@link Session}).
 *
 * <p>The policies live in their own classes: {@link TurnTaking} with the {@link EndpointingPolicy},
 * {@link BargeInPolicy}, {@link RunDriver} with its {@link PlayoutLedger}, {@link ToolLoop}, {@link CallLifecycle}
 * and {@link ContextPolicy}.
 */
public final class CallReducer
{
    /**
     * Applies one event.
     *
     * @param session the session, owned by the calling thread.
     * @param event   the event.
     * @param sink    receives the commands, in order.
     */
    public void apply(final Session session, final Event event, final CommandSink sink)
    {
        if (!session.id.equals(event.sessionId()))
        {
            session.foreignEvents++;
            return;
        }
        final SessionState before = session.state;
        if (before == SessionState.IDLE || before == SessionState.ENDED)
        {
            if (before == SessionState.IDLE && event instanceof Event.CallStarted started)
            {
                CallLifecycle.start(session, started.atMs(), sink);
                TransitionLog.transition(session, before, event);
            }
            else
            {
                session.ignoredEvents++;
            }
            return;
        }
        dispatch(session, event, sink);
        if (session.state != before)
        {
            TransitionLog.transition(session, before, event);
        }
    }

    private static void dispatch(final Session s, final Event event, final CommandSink sink)
    {
        switch (event)
        {
            case Event.AudioLevel level -> BargeInPolicy.audioLevel(s, level, sink);
            case Event.RunEvent runEvent -> RunDriver.onRunEvent(s, runEvent, sink);
            case Event.SpeechStarted started -> TurnTaking.speechStarted(s, started.atMs(), sink);
            case Event.SpeechStopped stopped -> TurnTaking.speechStopped(s, stopped.atMs(), sink);
            case Event.TranscriptPartial partial -> TurnTaking.partial(s, partial.atMs(), partial.text(), sink);
            case Event.TranscriptFinal transcript ->
                TurnTaking.finalTranscript(s, transcript.atMs(), transcript.text(), sink);
            case Event.Dtmf dtmf -> TurnTaking.dtmf(s, dtmf.atMs(), dtmf.digit(), sink);
            case Event.UserText typed -> TurnTaking.userText(s, typed.atMs(), typed.text(), sink);
            case Event.CancelResponse cancel -> BargeInPolicy.cancelResponse(s, cancel.atMs(), sink);
            case Event.AsrFailed ignored -> s.asrFailures++;
            case Event.TimerFired fired -> timer(s, fired, sink);
            case Event.SummaryReady ready -> ContextPolicy.summaryReady(s, ready);
            case Event.CallStarted ignored -> s.ignoredEvents++;
            case Event.CallEnded ended -> CallLifecycle.ended(s, sink);
        }
    }

    private static void timer(final Session s, final Event.TimerFired fired, final CommandSink sink)
    {
        if (!s.timers.consume(fired.kind(), fired.timerId()))
        {
            s.staleEvents++;
            return;
        }
        final long atMs = fired.atMs();
        switch (fired.kind())
        {
            case ENDPOINTING -> TurnTaking.endpointingDue(s, atMs, sink);
            case INTERRUPTION -> BargeInPolicy.interruptionDue(s, atMs, sink);
            case RESPONSE ->
            {
                if (null == s.run)
                {
                    s.ignoredEvents++;
                }
                else
                {
                    RunDriver.fail(s, atMs, sink);
                }
            }
            case TOOL -> ToolLoop.timeout(s, atMs, sink);
            case IDLE -> CallLifecycle.idle(s, atMs, sink);
            case MAX_DURATION -> CallLifecycle.maxDuration(s, atMs, sink);
            case HANGUP -> CallLifecycle.hangUp(s, sink);
        }
    }
}
