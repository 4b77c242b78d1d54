package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.text.WordCount;

/**
 * The caller's side of turn-taking: VAD edges, transcripts and DTMF build the pending user turn, and the
 * {@link EndpointingPolicy} decides when it ends; its end starts exactly one reply. Speech and transcripts while a
 * run is live go to the {@link BargeInPolicy}; a final transcript that arrives late for the turn being answered
 * joins that turn's user message instead of starting a second reply (and, while nothing of the reply has been
 * produced yet, the LLM request is restarted as the run's next step so the model sees the whole turn).
 * Stateless; works on the {@link Session} on its owning thread.
 */
final class TurnTaking
{
    private TurnTaking()
    {
    }

    static void speechStarted(final Session s, final long atMs, final CommandSink sink)
    {
        if (s.callerSpeaking)
        {
            s.ignoredEvents++;
            return;
        }
        s.callerSpeaking = true;
        s.speechStartMs = atMs;
        s.reprompts = 0;
        s.timers.cancel(s.id, TimerKind.IDLE, sink);
        if (null != s.run)
        {
            if (!s.run.isGoodbye())
            {
                BargeInPolicy.startCandidate(s, atMs, sink);
            }
            return;
        }
        s.timers.cancel(s.id, TimerKind.ENDPOINTING, sink);
        s.turnPending = true;
        s.state = SessionState.USER_SPEAKING;
    }

    static void speechStopped(final Session s, final long atMs, final CommandSink sink)
    {
        if (!s.callerSpeaking)
        {
            s.ignoredEvents++;
            return;
        }
        s.callerSpeaking = false;
        s.speechStopMs = atMs;
        if (null != s.resume)
        {
            // Judge the interruption by all its speech, not by the last segment: a long wordless barge-in followed
            // by a short blip is not a cough.
            s.interruptionSpeechMs += atMs - s.speechStartMs;
        }
        if (s.candidate)
        {
            s.backchannels++;
            BargeInPolicy.endCandidate(s, sink);
            return;
        }
        if (null == s.run && s.turnPending)
        {
            s.state = SessionState.LISTENING;
            scheduleEndpointing(s, atMs, sink);
        }
    }

    static void partial(final Session s, final long atMs, final String text, final CommandSink sink)
    {
        if (null != s.run && s.run.isGoodbye())
        {
            s.ignoredEvents++;
            return;
        }
        if (s.settings.speechToSpeech())
        {
            // The model transcribes a turn only once it is committed: every transcript is of a turn already taken.
            sink.accept(new Command.SendTranscript(s.id, s.turn, text, false));
            return;
        }
        final int words = WordCount.of(text);
        sink.accept(new Command.SendTranscript(s.id, s.turn + 1, text, false));
        if (null != s.run)
        {
            if (s.candidate)
            {
                BargeInPolicy.words(s, s.candidateWords + words, atMs, sink);
            }
            return;
        }
        s.userWords = Math.max(s.userWords, words);
    }

    static void finalTranscript(final Session s, final long atMs, final String text, final CommandSink sink)
    {
        final int words = WordCount.of(text);
        if (words == 0 || (null != s.run && s.run.isGoodbye()))
        {
            s.ignoredEvents++;
            return;
        }
        if (s.settings.speechToSpeech())
        {
            // Turns come from voice activity alone here; the transcript, always late, only completes its turn's
            // user message (it must not open a turn, count towards a barge-in or be taken for a backchannel).
            sink.accept(new Command.SendTranscript(s.id, s.turn, text, true));
            appendToLastUserMessage(s, text);
            return;
        }
        if (null != s.run)
        {
            if (s.candidate)
            {
                sink.accept(new Command.SendTranscript(s.id, s.turn + 1, text, true));
                appendText(s.candidateText, text);
                s.candidateWords += words;
                BargeInPolicy.words(s, s.candidateWords, atMs, sink);
            }
            else if (s.overlapInRun)
            {
                s.backchannels++;
            }
            else
            {
                sink.accept(new Command.SendTranscript(s.id, s.turn, text, true));
                appendToLastUserMessage(s, text);
                RunDriver.restartIfSilent(s, atMs, sink);
            }
            return;
        }
        sink.accept(new Command.SendTranscript(s.id, s.turn + 1, text, true));
        s.timers.cancel(s.id, TimerKind.IDLE, sink);
        s.reprompts = 0;
        appendText(s.userText, text);
        s.userFinal = true;
        s.userWords += words;
        if (!s.callerSpeaking)
        {
            if (!s.turnPending || !s.timers.isPending(TimerKind.ENDPOINTING))
            {
                s.speechStopMs = atMs;
            }
            s.turnPending = true;
            s.state = SessionState.LISTENING;
            scheduleEndpointing(s, atMs, sink);
        }
        else
        {
            s.turnPending = true;
        }
    }

    static void dtmf(final Session s, final long atMs, final String digit, final CommandSink sink)
    {
        if (null != s.run && s.run.isGoodbye())
        {
            s.ignoredEvents++;
            return;
        }
        s.timers.cancel(s.id, TimerKind.IDLE, sink);
        s.reprompts = 0;
        if (null != s.run)
        {
            if (s.candidate)
            {
                s.timers.cancel(s.id, TimerKind.INTERRUPTION, sink);
            }
            BargeInPolicy.interrupt(s, atMs, false, sink);
        }
        s.dtmfDigits.append(digit);
        s.userFinal = true;
        s.userWords++;
        s.turnPending = true;
        if (s.callerSpeaking)
        {
            s.state = SessionState.USER_SPEAKING;
            return;
        }
        s.state = SessionState.LISTENING;
        if ("#".equals(digit))
        {
            endTurn(s, atMs, sink);
        }
        else
        {
            s.timers.start(s.id, TimerKind.ENDPOINTING, atMs + s.settings.maxEndpointingDelayMs(), sink);
        }
    }

    /**
     * Typed text is a complete user turn: a running reply is interrupted first (as by a key press), then the text
     * joins what the caller already said of the pending turn and the turn ends at once. Caller speech still going on
     * becomes a barge-in candidate against the new reply.
     */
    static void userText(final Session s, final long atMs, final String text, final CommandSink sink)
    {
        final int words = WordCount.of(text);
        if (words == 0 || (null != s.run && s.run.isGoodbye()))
        {
            s.ignoredEvents++;
            return;
        }
        if (null != s.run)
        {
            BargeInPolicy.interrupt(s, atMs, false, sink);
        }
        sink.accept(new Command.SendTranscript(s.id, s.turn + 1, text, true));
        s.timers.cancel(s.id, TimerKind.IDLE, sink);
        s.reprompts = 0;
        appendText(s.userText, text);
        s.userFinal = true;
        s.userWords += words;
        endTurn(s, atMs, sink);
        if (s.callerSpeaking)
        {
            // Speech still going on is now speech over the reply, as if it had started after the reply began.
            BargeInPolicy.startCandidate(s, atMs, sink);
        }
    }

    static void endpointingDue(final Session s, final long atMs, final CommandSink sink)
    {
        if (s.callerSpeaking || !s.turnPending || null != s.run)
        {
            s.ignoredEvents++;
            return;
        }
        if (EndpointingPolicy.isFalseInterruption(s))
        {
            BargeInPolicy.resume(s, atMs, sink);
        }
        else
        {
            endTurn(s, atMs, sink);
        }
    }

    private static void scheduleEndpointing(final Session s, final long atMs, final CommandSink sink)
    {
        final long due = EndpointingPolicy.dueAt(s.settings, s.speechStopMs, s.userFinal,
            EndpointingPolicy.isFalseInterruption(s));
        if (due <= atMs)
        {
            s.timers.cancel(s.id, TimerKind.ENDPOINTING, sink);
            endpointingDue(s, atMs, sink);
        }
        else
        {
            s.timers.start(s.id, TimerKind.ENDPOINTING, due, sink);
        }
    }

    /** The caller's turn is over: commit it to the history and start its one reply. */
    static void endTurn(final Session s, final long atMs, final CommandSink sink)
    {
        s.timers.cancel(s.id, TimerKind.ENDPOINTING, sink);
        final StringBuilder text = new StringBuilder(s.userText);
        if (!s.dtmfDigits.isEmpty())
        {
            appendText(text, "[DTMF " + s.dtmfDigits + "]");
        }
        s.turn++;
        s.history.add(ChatMessage.user(text.toString()));
        clearPendingTurn(s);
        s.resume = null;
        RunDriver.startReply(s, atMs, sink);
    }

    static void clearPendingTurn(final Session s)
    {
        s.userText.setLength(0);
        s.dtmfDigits.setLength(0);
        s.userFinal = false;
        s.userWords = 0;
        s.turnPending = false;
    }

    private static void appendToLastUserMessage(final Session s, final String text)
    {
        for (int i = s.history.size() - 1; i >= 0; i--)
        {
            final ChatMessage message = s.history.get(i);
            if (message.role() == Role.USER)
            {
                final StringBuilder merged = new StringBuilder(message.content());
                appendText(merged, text);
                s.history.set(i, ChatMessage.user(merged.toString()));
                return;
            }
        }
    }

    private static void appendText(final StringBuilder out, final String text)
    {
        if (!out.isEmpty())
        {
            out.append(' ');
        }
        out.append(text.strip());
    }
}
