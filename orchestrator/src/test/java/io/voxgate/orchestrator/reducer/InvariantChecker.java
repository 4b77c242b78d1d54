package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks the orchestrator's invariants after every event of a random session: never two replies to one turn; no
 * audio of a cancelled run after its clear; every run command belongs to the current run; never stuck in
 * THINKING/SPEAKING/TOOL_CALLING without outstanding work or a timer; the history holds only assistant text whose
 * audio was confirmed played; stale events change nothing.
 */
final class InvariantChecker
{
    private final Set<Integer> repliedTurns = new HashSet<>();
    private final Set<Long> endedRuns = new HashSet<>();
    private final Set<Long> clearedRuns = new HashSet<>();
    private final Map<Long, List<String>> segmentTexts = new HashMap<>();
    private final Map<Long, Map<Integer, Long>> confirmedMs = new HashMap<>();
    /** Speech-to-speech: the step each segment of a run was made for (-1 for a fixed line), as SpokenReply does. */
    private final Map<Long, List<Integer>> segmentSteps = new HashMap<>();
    private long lastRunId;

    /** Call before applying {@code event} to learn which playout it confirms. */
    void beforeApply(final Session session, final Event event)
    {
        if (event instanceof Event.PlayoutProgress progress && progress.runId() == session.currentRunId())
        {
            confirmedMs.computeIfAbsent(progress.runId(), id -> new HashMap<>())
                .merge(progress.segment(), progress.playedMs(), Math::max);
        }
    }

    void afterApply(final RandomWorld world, final Session session, final Event event, final long runBefore,
        final long staleBefore, final List<Command> commands)
    {
        final long runAfter = session.currentRunId();
        long lastSeen = 0;
        for (final Command command : commands)
        {
            if (command instanceof Command.RunCommand run)
            {
                check(!endedRuns.contains(run.runId()), () -> "command for an ended run: " + command);
                check(run.runId() == runBefore || run.runId() == runAfter, () -> "command for a non-current run: " +
                    command + " before " + runBefore + " after " + runAfter);
                check(run.runId() >= lastSeen, () -> "run IDs out of order within an event: " + commands);
                lastSeen = run.runId();
            }
            switch (command)
            {
                case Command.StartLlm start ->
                {
                    if (start.step() == 0)
                    {
                        check(repliedTurns.add(start.turn()), () -> "second reply to turn " + start.turn());
                    }
                }
                case Command.PlayAudio play -> check(!clearedRuns.contains(play.runId()), () -> "audio after clear");
                case Command.ClearPlayback clear -> clearedRuns.add(clear.runId());
                case Command.SynthesizeSegment synth ->
                {
                    final List<String> texts = segmentTexts.computeIfAbsent(synth.runId(), id -> new ArrayList<>());
                    check(texts.size() == synth.segment(), () -> "segment index gap: " + synth);
                    texts.add(synth.text());
                    segmentSteps.computeIfAbsent(synth.runId(), id -> new ArrayList<>()).add(-1);
                }
                case Command.SendAssistantMessage message -> checkHeard(message);
                default ->
                {
                }
            }
            if (command instanceof Command.RunCommand run && run.runId() > lastRunId)
            {
                lastRunId = run.runId();
            }
        }
        if (world.speechToSpeech && session.staleEvents() == staleBefore && runAfter == runBefore)
        {
            spokenReply(session, event);
        }
        if (runBefore != 0 && runBefore != runAfter)
        {
            endedRuns.add(runBefore);
        }
        if (session.staleEvents() > staleBefore)
        {
            check(commands.isEmpty() && session.staleEvents() == staleBefore + 1 && runAfter == runBefore,
                () -> "a stale event changed something: " + event + " -> " + commands);
        }
        checkNotStuck(world, session);
        checkHistory(session);
    }

    /**
     * Speech-to-speech: the model's text and audio of a step form one segment, made at the step's first text or
     * audio while it is generated; its text is the step's transcript deltas.
     */
    private void spokenReply(final Session session, final Event event)
    {
        final Run run = session.run;
        final boolean delta = event instanceof Event.LlmDelta d && null != run && d.runId() == run.id &&
            d.step() == run.step;
        final boolean audio = event instanceof Event.TtsAudio a && null != run && a.runId() == run.id;
        if (!delta && !audio)
        {
            return;
        }
        final List<String> texts = segmentTexts.computeIfAbsent(run.id, id -> new ArrayList<>());
        final List<Integer> steps = segmentSteps.computeIfAbsent(run.id, id -> new ArrayList<>());
        if (steps.isEmpty() || steps.getLast() != run.step)
        {
            if (!delta && !run.llmActive)
            {
                return;
            }
            texts.add("");
            steps.add(run.step);
        }
        if (event instanceof Event.LlmDelta d)
        {
            texts.set(texts.size() - 1, texts.getLast() + d.text());
        }
    }

    private void checkHeard(final Command.SendAssistantMessage message)
    {
        final List<List<String>> segments = new ArrayList<>();
        final List<String> all = new ArrayList<>();
        int confirmedWords = 0;
        final List<String> texts = segmentTexts.getOrDefault(message.runId(), List.of());
        final Map<Integer, Long> confirmed = confirmedMs.getOrDefault(message.runId(), Map.of());
        for (int i = 0; i < texts.size(); i++)
        {
            // A speech-to-speech step may be audio only: its segment has no words.
            final List<String> words = texts.get(i).isBlank() ? List.of() : List.of(texts.get(i).strip().split("\\s+"));
            all.addAll(words);
            // A segment none of whose audio was confirmed played (none sent, or cut before its first mark) was not
            // heard: it contributes no words, so the heard text may skip it.
            final boolean played = confirmed.getOrDefault(i, 0L) > 0;
            segments.add(played ? words : List.of());
            confirmedWords += played ? words.size() : 0;
        }
        final List<String> heard = List.of(message.text().split("\\s+"));
        // Heard text is, segment by segment in order, a prefix of each played segment's words.
        int at = 0;
        for (final List<String> words : segments)
        {
            int taken = 0;
            while (at < heard.size() && taken < words.size() && words.get(taken).equals(heard.get(at)))
            {
                taken++;
                at++;
            }
        }
        final int matched = at;
        check(matched == heard.size(),
            () -> "heard text is not made of prefixes of the played segments: " + message.text() + " / " + all);
        check(heard.size() <= confirmedWords, () -> "heard text beyond confirmed playout: " + message.text());
    }

    private static void checkNotStuck(final RandomWorld world, final Session session)
    {
        final SessionState state = session.state();
        final long run = session.currentRunId();
        switch (state)
        {
            case THINKING, SPEAKING, TOOL_CALLING ->
            {
                check(run != 0, () -> state + " without a run");
                final boolean work = world.llm.stream().anyMatch(job -> job.runId() == run) ||
                    world.tts.stream().anyMatch(job -> job.runId() == run) ||
                    world.marks.stream().anyMatch(mark -> mark.runId() == run) ||
                    world.tools.stream().anyMatch(job -> job.runId() == run) ||
                    session.isTimerPending(TimerKind.RESPONSE) || session.isTimerPending(TimerKind.TOOL) ||
                    session.isTimerPending(TimerKind.HANGUP);
                check(work, () -> state + " with nothing outstanding for run " + run);
            }
            case LISTENING ->
            {
                check(run == 0, () -> "listening with a live run");
                check(session.isTimerPending(TimerKind.ENDPOINTING) || session.isTimerPending(TimerKind.IDLE),
                    () -> "listening without an endpointing or idle timer");
            }
            case USER_SPEAKING ->
            {
                check(run == 0, () -> "user speaking with a live run");
                check(session.callerSpeaking(), () -> "user speaking while the VAD says silence");
            }
            case ENDED -> check(run == 0 && !session.anyTimerPending(), () -> "ended with a run or timers");
            case IDLE -> check(false, () -> "idle after the call started");
        }
    }

    private static void checkHistory(final Session session)
    {
        int user = 0;
        for (final ChatMessage message : session.history())
        {
            if (message.role() == Role.ASSISTANT)
            {
                check(null != message.content() || !message.toolCalls().isEmpty(), () -> "empty assistant message");
            }
            user += message.role() == Role.USER ? 1 : 0;
        }
        check(user <= session.turn(), () -> "more user messages than turns");
    }

    /** The message is built only on failure: these checks run after every one of a million events. */
    private static void check(final boolean condition, final Supplier<String> message)
    {
        if (!condition)
        {
            throw new AssertionError(message.get());
        }
    }
}
