package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a run from start to end: LLM requests and their streamed text cut into TTS segments, synthesized audio
 * to playout, playout marks, completion, failure with a spoken fallback, and committing what the caller heard to
 * the history. Stateless; works on the {@link Session} on its owning thread.
 */
final class RunDriver
{
    private RunDriver()
    {
    }

    static void startReply(final Session s, final long atMs, final CommandSink sink)
    {
        final Run run = newRun(s, RunKind.REPLY, s.turn, 0);
        startLlmStep(s, run, atMs, sink);
    }

    /** Resumes an interrupted reply by asking the LLM to continue after what was heard. */
    static void continueReply(final Session s, final int turn, final int step, final long atMs,
        final CommandSink sink)
    {
        final Run run = newRun(s, RunKind.RESUME, turn, step);
        startLlmStep(s, run, atMs, sink);
    }

    static void startLlmStep(final Session s, final Run run, final long atMs, final CommandSink sink)
    {
        run.llmActive = true;
        run.audioThisStep = false;
        sink.accept(new Command.StartLlm(s.id, run.id, run.turn, run.step, context(s, run)));
        s.timers.start(s.id, TimerKind.RESPONSE, atMs + s.settings.responseTimeoutMs(), sink);
        settle(s);
    }

    /** Starts a run that speaks a fixed text (greeting, re-prompt, fallback, resumed text, goodbye). */
    static void speak(final Session s, final RunKind kind, final int turn, final String text, final long atMs,
        final CommandSink sink)
    {
        final Run run = newRun(s, kind, turn, 0);
        run.llmFinished = true;
        if (s.settings.speechToSpeech())
        {
            // One segment per line: its audio comes back as one stream, like a model's reply.
            synthesize(s, run, text.strip(), sink);
        }
        else
        {
            s.chunker.append(text);
            emitSegments(s, run, sink);
            flushChunker(s, run, sink);
        }
        s.timers.start(s.id, TimerKind.RESPONSE, atMs + s.settings.responseTimeoutMs(), sink);
        settle(s);
        checkComplete(s, atMs, sink);
    }

    private static Run newRun(final Session s, final RunKind kind, final int turn, final int step)
    {
        final Run run = new Run(++s.lastRunId, turn, kind, step);
        s.run = run;
        s.overlapInRun = false;
        s.chunker.reset();
        TransitionLog.run(s, "started", run);
        return run;
    }

    /** The context of an LLM step: the history, then this run's earlier steps as generated, with tool results. */
    private static List<ChatMessage> context(final Session s, final Run run)
    {
        final List<ChatMessage> context = new ArrayList<>(s.history.size() + 4);
        context.addAll(s.history);
        for (int step = run.firstStep; step < run.step; step++)
        {
            final String text = run.ledger.fullText(step);
            final List<ToolCall> calls = run.tools.answeredCalls(step);
            if (!text.isEmpty() || !calls.isEmpty())
            {
                context.add(ChatMessage.assistant(text.isEmpty() ? null : text, calls));
            }
            run.tools.appendResults(step, context);
        }
        return List.copyOf(context);
    }

    /**
     * A late final transcript joined the turn being answered: if the reply has produced nothing yet (no text cut
     * into segments, no tool call), restart its LLM request as the next step of the same run, with the completed
     * user message. Otherwise the model already committed to an answer and the text only enters the history.
     */
    static void restartIfSilent(final Session s, final long atMs, final CommandSink sink)
    {
        final Run run = s.run;
        // A speech-to-speech model heard the caller's audio itself: its transcript only completes the history.
        if (!s.settings.speechToSpeech() && run.kind == RunKind.REPLY && run.llmActive &&
            run.step == run.firstStep && run.ledger.size() == 0 &&
            !run.tools.requested(run.step) && !s.chunker.hasPending())
        {
            sink.accept(new Command.CancelLlm(s.id, run.id, run.turn));
            TransitionLog.run(s, "restarted", run);
            run.step++;
            startLlmStep(s, run, atMs, sink);
        }
    }

    static void onRunEvent(final Session s, final Event.RunEvent event, final CommandSink sink)
    {
        final Run run = s.run;
        if (null == run || run.id != event.runId() || run.turn != event.turn())
        {
            s.staleEvents++;
            return;
        }
        switch (event)
        {
            case Event.LlmDelta delta ->
            {
                if (isCurrentStep(s, run, delta.step()))
                {
                    if (s.settings.speechToSpeech())
                    {
                        SpokenReply.text(run, delta.text());
                    }
                    else
                    {
                        s.chunker.append(delta.text());
                        emitSegments(s, run, sink);
                    }
                }
            }
            case Event.LlmToolCall call ->
            {
                if (isCurrentStep(s, run, call.step()))
                {
                    run.tools.request(call.step(), call.call(), s.settings.isClientTool(call.call().name()));
                }
            }
            case Event.LlmDone done ->
            {
                if (isCurrentStep(s, run, done.step()))
                {
                    llmDone(s, run, done.atMs(), sink);
                }
            }
            case Event.LlmFailed failed ->
            {
                if (isCurrentStep(s, run, failed.step()))
                {
                    run.llmActive = false;
                    fail(s, failed.atMs(), sink);
                }
            }
            case Event.TtsAudio audio -> ttsAudio(s, run, audio, sink);
            case Event.TtsDone done -> ttsDone(s, run, done, sink);
            case Event.TtsFailed failed ->
            {
                if (null == run.ledger.get(failed.segment()))
                {
                    s.staleEvents++;
                }
                else
                {
                    fail(s, failed.atMs(), sink);
                }
            }
            case Event.PlayoutProgress progress -> playout(s, run, progress, sink);
            case Event.ToolResult result ->
                ToolLoop.result(s, run, result.callId(), result.resultJson(), false, result.atMs(), sink);
            case Event.ClientToolResult result ->
                ToolLoop.result(s, run, result.callId(), result.resultJson(), true, result.atMs(), sink);
        }
    }

    private static boolean isCurrentStep(final Session s, final Run run, final int step)
    {
        if (run.llmActive && step == run.step)
        {
            return true;
        }
        s.staleEvents++;
        return false;
    }

    private static void llmDone(final Session s, final Run run, final long atMs, final CommandSink sink)
    {
        run.llmActive = false;
        if (s.settings.speechToSpeech())
        {
            SpokenReply.complete(run);
        }
        flushChunker(s, run, sink);
        if (run.tools.requestedNamed(run.step, ToolCall.END_CALL))
        {
            run.tools.drop(run.step);
            run.llmFinished = true;
            CallLifecycle.endCallAfter(s, run, atMs, sink);
        }
        else if (run.tools.requested(run.step))
        {
            if (run.tools.stepsExecuted() >= s.settings.maxToolSteps())
            {
                run.tools.drop(run.step);
                synthesize(s, run, s.settings.toolLimitFallbackLine(), sink);
                run.llmFinished = true;
            }
            else
            {
                ToolLoop.execute(s, run, atMs, sink);
            }
        }
        else
        {
            run.llmFinished = true;
        }
        settle(s);
        checkComplete(s, atMs, sink);
    }

    private static void ttsAudio(final Session s, final Run run, final Event.TtsAudio audio, final CommandSink sink)
    {
        final int index = s.settings.speechToSpeech() ? SpokenReply.audioSegment(run) : audio.segment();
        final PlayoutLedger.Segment segment = run.ledger.get(index);
        if (null == segment || segment.ttsDone || audio.sampleRate() <= 0)
        {
            s.staleEvents++;
            return;
        }
        final long endMs = PlayoutLedger.addAudio(segment, audio.pcm().length, audio.sampleRate());
        sink.accept(new Command.PlayAudio(s.id, run.id, run.turn, index, audio.sampleRate(), audio.pcm(), endMs));
        if (segment.step == run.step && !run.audioThisStep)
        {
            run.audioThisStep = true;
            s.timers.cancel(s.id, TimerKind.RESPONSE, sink);
        }
        settle(s);
    }

    private static void ttsDone(final Session s, final Run run, final Event.TtsDone done, final CommandSink sink)
    {
        final PlayoutLedger.Segment segment = run.ledger.get(s.settings.speechToSpeech() ?
            SpokenReply.audioSegment(run) : done.segment());
        if (null == segment || segment.ttsDone)
        {
            s.staleEvents++;
            return;
        }
        segment.ttsDone = true;
        settle(s);
        checkComplete(s, done.atMs(), sink);
    }

    private static void playout(final Session s, final Run run, final Event.PlayoutProgress progress,
        final CommandSink sink)
    {
        final PlayoutLedger.Segment segment = run.ledger.get(progress.segment());
        if (null == segment || progress.playedMs() > segment.sentEndMs)
        {
            s.staleEvents++;
            return;
        }
        if (progress.playedMs() > segment.playedMs)
        {
            segment.playedMs = progress.playedMs();
            settle(s);
            checkComplete(s, progress.atMs(), sink);
        }
    }

    static void emitSegments(final Session s, final Run run, final CommandSink sink)
    {
        String segment;
        while (null != (segment = s.chunker.next()))
        {
            synthesize(s, run, segment, sink);
        }
    }

    private static void flushChunker(final Session s, final Run run, final CommandSink sink)
    {
        emitSegments(s, run, sink);
        final String rest = s.chunker.flush();
        if (null != rest)
        {
            synthesize(s, run, rest, sink);
        }
    }

    private static void synthesize(final Session s, final Run run, final String text, final CommandSink sink)
    {
        final int index = run.ledger.add(run.step, text);
        sink.accept(new Command.SynthesizeSegment(s.id, run.id, run.turn, index, text));
    }

    /** Sets the state from the live run's facts. */
    static void settle(final Session s)
    {
        final Run run = s.run;
        if (null == run)
        {
            return;
        }
        if (run.ledger.hasUnplayedAudio())
        {
            s.state = SessionState.SPEAKING;
        }
        else if (run.tools.pending() > 0)
        {
            s.state = SessionState.TOOL_CALLING;
        }
        else
        {
            s.state = run.audioThisStep ? SessionState.SPEAKING : SessionState.THINKING;
        }
    }

    static void checkComplete(final Session s, final long atMs, final CommandSink sink)
    {
        final Run run = s.run;
        if (null != run && run.llmFinished && !run.llmActive && run.tools.pending() == 0 &&
            !s.chunker.hasPending() && run.ledger.allPlayed())
        {
            s.timers.cancel(s.id, TimerKind.RESPONSE, sink);
            commitHeard(s, run, false, sink);
            s.run = null;
            TransitionLog.run(s, "completed", run);
            if (run.isGoodbye())
            {
                CallLifecycle.hangUp(s, sink);
            }
            else
            {
                afterRun(s, atMs, sink);
            }
        }
    }

    /** After a run ends: the caller may already be talking (a new turn), otherwise listen with an idle timer. */
    static void afterRun(final Session s, final long atMs, final CommandSink sink)
    {
        if (s.candidate)
        {
            BargeInPolicy.endCandidate(s, sink);
            s.userText.append(s.candidateText);
            s.candidateText.setLength(0);
            s.turnPending = true;
            s.state = SessionState.USER_SPEAKING;
        }
        else
        {
            s.state = SessionState.LISTENING;
            s.timers.start(s.id, TimerKind.IDLE, atMs + s.settings.idleTimeoutMs(), sink);
        }
        ContextPolicy.maybeSummarize(s, sink);
    }

    /** An LLM or TTS failure or a response timeout: stop the run and speak the fallback line. */
    static void fail(final Session s, final long atMs, final CommandSink sink)
    {
        s.failures++;
        final Run run = s.run;
        cancel(s, run, true, sink);
        TransitionLog.run(s, "failed", run);
        if (run.isGoodbye())
        {
            CallLifecycle.hangUp(s, sink);
        }
        else if (run.kind == RunKind.FALLBACK)
        {
            afterRun(s, atMs, sink);
        }
        else
        {
            speak(s, RunKind.FALLBACK, run.turn, s.settings.errorFallbackLine(), atMs, sink);
        }
    }

    /**
     * Stops the live run: cancels its LLM, TTS and tools (and clears the caller's playback when asked), cancels its
     * timers, commits what the caller heard and makes the run stale.
     */
    static void cancel(final Session s, final Run run, final boolean clearPlayback, final CommandSink sink)
    {
        if (run.llmActive)
        {
            run.llmActive = false;
            sink.accept(new Command.CancelLlm(s.id, run.id, run.turn));
        }
        if (!run.ledger.allSynthesized())
        {
            sink.accept(new Command.CancelTts(s.id, run.id, run.turn));
        }
        final boolean unplayed = run.ledger.hasUnplayedAudio();
        if (clearPlayback && unplayed)
        {
            sink.accept(new Command.ClearPlayback(s.id, run.id, run.turn));
        }
        if (s.settings.speechToSpeech() && unplayed)
        {
            final PlayoutLedger.Segment spoken = run.ledger.get(run.ledger.size() - 1);
            sink.accept(new Command.TruncateReply(s.id, run.id, run.turn, spoken.playedMs));
        }
        ToolLoop.cancelPending(s, run, sink);
        s.timers.cancel(s.id, TimerKind.RESPONSE, sink);
        s.timers.cancel(s.id, TimerKind.TOOL, sink);
        commitHeard(s, run, true, sink);
        s.chunker.reset();
        s.run = null;
        TransitionLog.run(s, "cancelled", run);
    }

    /** Appends what the caller heard of the run (and its answered tool calls) to the history. */
    private static void commitHeard(final Session s, final Run run, final boolean interrupted,
        final CommandSink sink)
    {
        final StringBuilder all = new StringBuilder();
        for (int step = run.firstStep; step <= run.step; step++)
        {
            final String heard = run.ledger.heardText(step);
            final List<ToolCall> calls = run.tools.answeredCalls(step);
            if (!heard.isEmpty() || !calls.isEmpty())
            {
                s.history.add(ChatMessage.assistant(heard.isEmpty() ? null : heard, calls));
            }
            run.tools.appendResults(step, s.history);
            if (!heard.isEmpty())
            {
                if (!all.isEmpty())
                {
                    all.append(' ');
                }
                all.append(heard);
            }
        }
        if (!all.isEmpty())
        {
            sink.accept(new Command.SendAssistantMessage(s.id, run.id, run.turn, all.toString(), interrupted));
        }
    }
}
