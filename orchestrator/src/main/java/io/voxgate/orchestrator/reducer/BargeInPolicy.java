package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

/**
 * Barge-in: caller speech over a live run is a candidate interruption; it interrupts once it has lasted
 * {@code minInterruptionDurationMs} (by timer or by audio-level frames, whichever comes first) or, when
 * {@code minInterruptionWords} is set, once its transcript has that many words. Shorter speech is a backchannel
 * and changes nothing. An interruption cancels the LLM, TTS and tools at once, clears the caller's playback and
 * remembers the unheard rest, which a false interruption (short, wordless) resumes. The goodbye line cannot be
 * interrupted. Stateless; works on the {@link Session} on its owning thread.
 */
final class BargeInPolicy
{
    private BargeInPolicy()
    {
    }

    static void startCandidate(final Session s, final long atMs, final CommandSink sink)
    {
        s.candidate = true;
        s.candidateStartMs = atMs;
        s.candidateWords = 0;
        s.candidateText.setLength(0);
        s.overlapInRun = true;
        if (s.settings.minInterruptionWords() == 0)
        {
            if (s.settings.minInterruptionDurationMs() == 0)
            {
                interrupt(s, atMs, true, sink);
            }
            else
            {
                s.timers.start(s.id, TimerKind.INTERRUPTION, atMs + s.settings.minInterruptionDurationMs(), sink);
            }
        }
    }

    /** Speech over the agent stopped before it interrupted: a backchannel. */
    static void endCandidate(final Session s, final CommandSink sink)
    {
        s.candidate = false;
        s.timers.cancel(s.id, TimerKind.INTERRUPTION, sink);
    }

    /** The steady-state path: returns at once, allocating nothing, unless this frame completes a barge-in. */
    static void audioLevel(final Session s, final Event.AudioLevel level, final CommandSink sink)
    {
        if (s.candidate && level.voiced() && s.settings.minInterruptionWords() == 0 &&
            level.atMs() - s.candidateStartMs >= s.settings.minInterruptionDurationMs())
        {
            interrupt(s, level.atMs(), true, sink);
        }
    }

    static void interruptionDue(final Session s, final long atMs, final CommandSink sink)
    {
        if (s.candidate && null != s.run)
        {
            interrupt(s, atMs, true, sink);
        }
        else
        {
            s.ignoredEvents++;
        }
    }

    /** Counts transcript words of speech over the agent; true when they interrupted. */
    static boolean words(final Session s, final int words, final long atMs, final CommandSink sink)
    {
        final int needed = s.settings.minInterruptionWords();
        if (needed > 0 && words >= needed)
        {
            interrupt(s, atMs, false, sink);
            return true;
        }
        return false;
    }

    /**
     * Stops the live run for the caller: cancel everything, clear playback, commit what was heard, and make the
     * caller's speech the pending turn.
     */
    static void interrupt(final Session s, final long atMs, final boolean allowResume, final CommandSink sink)
    {
        final Run run = s.run;
        s.bargeIns++;
        s.timers.cancel(s.id, TimerKind.INTERRUPTION, sink);
        final boolean needsLlm = !run.llmFinished;
        RunDriver.cancel(s, run, true, sink);
        final String unheard = needsLlm ? "" : run.ledger.unheardText();
        // A speech-to-speech model heard the caller's audio itself, and its transcript comes only after the turn is
        // committed: no barge-in can be known to be wordless, and a resume would ask the model to go on with a turn
        // whose input now holds the caller's speech. Every confirmed barge-in is a new turn.
        s.resume = allowResume && s.settings.resumeFalseInterruption() && !s.settings.speechToSpeech() &&
            (needsLlm || !unheard.isEmpty()) ?
            new Resume(run.turn, run.step, needsLlm, unheard) : null;
        s.candidate = false;
        s.userText.append(s.candidateText);
        s.userFinal |= !s.candidateText.isEmpty();
        s.userWords += s.candidateWords;
        s.candidateText.setLength(0);
        s.turnPending = true;
        s.speechStartMs = s.candidateStartMs;
        s.interruptionSpeechMs = 0;
        s.state = s.callerSpeaking ? SessionState.USER_SPEAKING : SessionState.LISTENING;
    }

    /**
     * The client cancelled the reply: the run stops as for a confirmed barge-in (cancel, clear, commit what was
     * heard), nothing is resumed and no turn starts; the session listens again as after any run's end.
     */
    static void cancelResponse(final Session s, final long atMs, final CommandSink sink)
    {
        final Run run = s.run;
        if (null == run || run.isGoodbye())
        {
            s.ignoredEvents++;
            return;
        }
        s.cancelledResponses++;
        RunDriver.cancel(s, run, true, sink);
        s.resume = null;
        RunDriver.afterRun(s, atMs, sink);
    }

    /** A false interruption: the caller said nothing after all, so the interrupted reply goes on. */
    static void resume(final Session s, final long atMs, final CommandSink sink)
    {
        final Resume resume = s.resume;
        s.resume = null;
        s.falseInterruptions++;
        TurnTaking.clearPendingTurn(s);
        if (resume.needsLlm())
        {
            RunDriver.continueReply(s, resume.turn(), resume.lastStep() + 1, atMs, sink);
        }
        else
        {
            RunDriver.speak(s, RunKind.RESUME, resume.turn(), resume.unheardText(), atMs, sink);
        }
    }
}
