package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

/**
 * The call around the turns: start (ASR, maximum-duration timer, greeting or idle timer), the idle caller
 * (re-prompts, then goodbye and hang-up), the maximum duration (goodbye and hang-up), the model ending the call
 * ({@code end_call}: its words, then hang-up), and the end of the call.
 * Stateless; works on the {@link Session} on its owning thread.
 */
final class CallLifecycle
{
    /** The {@code HangUp} reason after the model called {@code end_call}. */
    static final String END_CALL_REASON = "end_call";

    private CallLifecycle()
    {
    }

    static void start(final Session s, final long atMs, final CommandSink sink)
    {
        s.state = SessionState.LISTENING;
        sink.accept(new Command.StartAsr(s.id));
        if (s.settings.maxCallDurationMs() > 0)
        {
            s.timers.start(s.id, TimerKind.MAX_DURATION, atMs + s.settings.maxCallDurationMs(), sink);
        }
        if (s.settings.greeting().isBlank())
        {
            s.timers.start(s.id, TimerKind.IDLE, atMs + s.settings.idleTimeoutMs(), sink);
        }
        else
        {
            RunDriver.speak(s, RunKind.GREETING, 0, s.settings.greeting(), atMs, sink);
        }
    }

    static void idle(final Session s, final long atMs, final CommandSink sink)
    {
        if (null != s.run || s.turnPending || s.callerSpeaking)
        {
            s.ignoredEvents++;
            return;
        }
        if (s.reprompts < s.settings.maxReprompts())
        {
            s.reprompts++;
            RunDriver.speak(s, RunKind.REPROMPT, s.turn, s.settings.repromptLine(), atMs, sink);
        }
        else
        {
            goodbye(s, atMs, "idle", s.settings.idleGoodbyeLine(), sink);
        }
    }

    static void maxDuration(final Session s, final long atMs, final CommandSink sink)
    {
        if (null != s.run && s.run.isGoodbye())
        {
            s.ignoredEvents++;
            return;
        }
        goodbye(s, atMs, "max-duration", s.settings.maxDurationGoodbyeLine(), sink);
    }

    private static void goodbye(final Session s, final long atMs, final String reason, final String line,
        final CommandSink sink)
    {
        if (null != s.run)
        {
            RunDriver.cancel(s, s.run, true, sink);
        }
        s.timers.cancel(s.id, TimerKind.ENDPOINTING, sink);
        s.timers.cancel(s.id, TimerKind.INTERRUPTION, sink);
        s.timers.cancel(s.id, TimerKind.IDLE, sink);
        s.candidate = false;
        s.resume = null;
        TurnTaking.clearPendingTurn(s);
        s.goodbyeReason = reason;
        if (line.isBlank())
        {
            hangUp(s, sink);
        }
        else
        {
            s.timers.start(s.id, TimerKind.HANGUP, atMs + s.settings.goodbyeGraceMs(), sink);
            RunDriver.speak(s, RunKind.GOODBYE, s.turn, line, atMs, sink);
        }
    }

    /**
     * The model called {@code end_call}: the run becomes the call's goodbye. What it says plays to its end (an open
     * barge-in candidate is dropped, later speech cannot interrupt it), then the call is hung up; the
     * {@code HANGUP} timer cuts a goodbye that does not finish in time.
     */
    static void endCallAfter(final Session s, final Run run, final long atMs, final CommandSink sink)
    {
        run.endsCall = true;
        if (s.candidate)
        {
            BargeInPolicy.endCandidate(s, sink);
        }
        s.resume = null;
        s.goodbyeReason = END_CALL_REASON;
        s.timers.start(s.id, TimerKind.HANGUP, atMs + s.settings.goodbyeGraceMs(), sink);
    }

    /** Ends the call from our side once the goodbye has played (or could not be played in time). */
    static void hangUp(final Session s, final CommandSink sink)
    {
        if (null != s.run)
        {
            RunDriver.cancel(s, s.run, false, sink);
        }
        s.timers.cancelAll(s.id, sink);
        sink.accept(new Command.StopAsr(s.id));
        sink.accept(new Command.HangUp(s.id, s.goodbyeReason));
        s.candidate = false;
        s.state = SessionState.ENDED;
    }

    /** The transport ended the call: cancel everything; nothing is left to clear or hang up. */
    static void ended(final Session s, final CommandSink sink)
    {
        if (null != s.run)
        {
            RunDriver.cancel(s, s.run, false, sink);
        }
        s.timers.cancelAll(s.id, sink);
        sink.accept(new Command.StopAsr(s.id));
        s.candidate = false;
        s.state = SessionState.ENDED;
    }
}
