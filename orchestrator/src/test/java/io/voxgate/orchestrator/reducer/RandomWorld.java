package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random world around one session for property tests: it executes the session's commands the way
 * providers, the transport and the timer service would (LLM scripts with deltas, tool calls and failures, TTS jobs
 * in segment order, playout marks in order, marks returned after a clear, tool results in any order, timers), and
 * interleaves them at random with caller behaviour (speech, audio frames, transcripts, DTMF), client input (typed
 * text, cancelled replies), stale events of ended runs and cancelled timers, summaries and the end of the call.
 */
final class RandomWorld
{
    static final String S = "prop";
    private static final String[] WORDS = {"yes", "no", "the", "table", "3.5", "Dr.", "Smith", "at", "noon", "please",
        "jane.doe@example.com", "www.example.com", "okay", "wait", "pizza", "Oslo", "tomorrow", "and", "then"};
    private static final String[] ENDS = {"", "", "", ",", ".", "!", "?", ";"};

    record LlmJob(long runId, int turn, int step, List<Event> script)
    {
    }

    record TtsJob(long runId, int turn, int segment, int[] chunksLeft)
    {
    }

    record Mark(long runId, int turn, int segment, long endMs)
    {
    }

    record ToolJob(long runId, int turn, String callId, boolean client)
    {
    }

    record Timer(long id, long dueAtMs)
    {
    }

    final SplittableRandom random;
    final AssistantSettings settings;
    /** The LLM is a speech-to-speech model: its scripts carry the reply's audio (segment 0, 8 kHz) as well. */
    final boolean speechToSpeech;
    /** The furthest audio end played out per run (PlayAudio), to check TruncateReply against. */
    final Map<Long, Long> sentEndMs = new HashMap<>();
    int truncations;
    final List<LlmJob> llm = new ArrayList<>();
    final List<TtsJob> tts = new ArrayList<>();
    final List<Mark> marks = new ArrayList<>();
    final List<Mark> returnedMarks = new ArrayList<>();
    final List<ToolJob> tools = new ArrayList<>();
    final Map<TimerKind, Timer> timers = new EnumMap<>(TimerKind.class);
    final List<Timer> oldTimers = new ArrayList<>();
    final List<long[]> oldRuns = new ArrayList<>();
    long summaryId;
    long now;
    boolean callerSpeaking;
    boolean hungUp;
    int toolCalls;

    RandomWorld(final long seed)
    {
        this(seed, false);
    }

    RandomWorld(final long seed, final boolean speechToSpeech)
    {
        this.speechToSpeech = speechToSpeech;
        random = new SplittableRandom(seed);
        settings = AssistantSettings.builder()
            .systemPrompt(random.nextBoolean() ? "Be brief." : "")
            .greeting(random.nextInt(3) == 0 ? "Hello! How can I help you today?" : "")
            .minInterruptionWords(random.nextInt(3) == 0 ? 2 : 0)
            .resumeFalseInterruption(random.nextInt(4) != 0)
            .maxToolSteps(1 + random.nextInt(5))
            .clientTools(List.of("client_tool"))
            .idleTimeoutMs(3_000 + random.nextInt(5_000))
            .maxReprompts(random.nextInt(3))
            .maxCallDurationMs(random.nextInt(3) == 0 ? 0 : 20_000 + random.nextInt(60_000))
            .contextTurnBudget(2 + random.nextInt(4))
            .keepLastTurns(1 + random.nextInt(2))
            .speechToSpeech(speechToSpeech)
            .build();
    }

    /** Executes the commands of the last event. */
    void execute(final List<Command> commands, final Session session)
    {
        for (final Command command : commands)
        {
            switch (command)
            {
                case Command.StartLlm start -> llm.add(new LlmJob(start.runId(), start.turn(), start.step(),
                    script(start.runId(), start.turn(), start.step())));
                case Command.CancelLlm cancel -> llm.removeIf(job -> job.runId() == cancel.runId());
                // One synthesis in ten ends without audio (a TTS giving up with an empty stream): not heard.
                case Command.SynthesizeSegment synth -> tts.add(new TtsJob(synth.runId(), synth.turn(),
                    synth.segment(), new int[] {random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3)}));
                case Command.CancelTts cancel -> tts.removeIf(job -> job.runId() == cancel.runId());
                case Command.PlayAudio play ->
                {
                    marks.add(new Mark(play.runId(), play.turn(), play.segment(), play.segmentEndMs()));
                    sentEndMs.merge(play.runId(), play.segmentEndMs(), Math::max);
                }
                case Command.ClearPlayback clear ->
                {
                    for (final Mark mark : marks)
                    {
                        if (mark.runId() == clear.runId() && random.nextBoolean())
                        {
                            returnedMarks.add(mark);
                        }
                    }
                    marks.removeIf(mark -> mark.runId() == clear.runId());
                }
                case Command.ExecuteTool execute ->
                    tools.add(new ToolJob(execute.runId(), execute.turn(), execute.call().id(), false));
                case Command.RequestClientTool request ->
                    tools.add(new ToolJob(request.runId(), request.turn(), request.call().id(), true));
                case Command.CancelTool cancel -> tools.removeIf(job -> job.callId().equals(cancel.callId()));
                case Command.StartTimer start ->
                {
                    final Timer old = timers.put(start.kind(), new Timer(start.timerId(), start.dueAtMs()));
                    if (null != old)
                    {
                        oldTimers.add(old);
                    }
                }
                case Command.CancelTimer cancel ->
                {
                    final Timer old = timers.remove(cancel.kind());
                    if (null != old)
                    {
                        oldTimers.add(old);
                    }
                }
                case Command.SummarizeContext summarize -> summaryId = summarize.requestId();
                case Command.HangUp hangUp -> hungUp = true;
                case Command.StartAsr ignored ->
                {
                }
                case Command.StopAsr ignored ->
                {
                }
                case Command.SendTranscript ignored ->
                {
                }
                case Command.SendAssistantMessage ignored ->
                {
                }
                case Command.TruncateReply truncate ->
                {
                    // The model's memory is cut where the caller stopped hearing: never beyond the audio played out.
                    truncations++;
                    if (!speechToSpeech || truncate.playedMs() < 0 ||
                        truncate.playedMs() > sentEndMs.getOrDefault(truncate.runId(), 0L))
                    {
                        throw new AssertionError("bad " + truncate + ", audio sent " + sentEndMs);
                    }
                }
            }
        }
        final long current = session.currentRunId();
        if (current != 0 && (oldRuns.isEmpty() || oldRuns.get(oldRuns.size() - 1)[0] != current))
        {
            oldRuns.add(new long[] {current, session.run.turn});
        }
    }

    private List<Event> script(final long runId, final int turn, final int step)
    {
        final List<Event> script = new ArrayList<>();
        final int deltas = random.nextInt(4);
        // A speech-to-speech model speaks as it writes: audio deltas (8 kHz PCM16) among the transcript deltas;
        // usually a step with text has audio, but one in five has none (text without audio must not count as heard).
        final int audio = !speechToSpeech ? 0 : deltas > 0 ? random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3) :
            random.nextInt(2);
        for (int i = 0; i < Math.max(deltas, audio); i++)
        {
            if (i < audio)
            {
                script.add(new Event.TtsAudio(S, 0, runId, turn, 0, 8_000, new byte[16 * (20 + random.nextInt(200))]));
            }
            if (i < deltas)
            {
                script.add(new Event.LlmDelta(S, 0, runId, turn, step, words(1 + random.nextInt(6)) + " "));
            }
        }
        if (random.nextInt(4) == 0)
        {
            final int calls = 1 + random.nextInt(2);
            for (int i = 0; i < calls; i++)
            {
                final String name = random.nextInt(3) == 0 ? "client_tool" : "server_tool";
                script.add(new Event.LlmToolCall(S, 0, runId, turn, step, new ToolCall("c" + ++toolCalls, name, "{}")));
            }
        }
        if (random.nextInt(20) == 0)
        {
            script.add(new Event.LlmFailed(S, 0, runId, turn, step, "boom"));
            return script;
        }
        if (audio > 0)
        {
            script.add(new Event.TtsDone(S, 0, runId, turn, 0));
        }
        script.add(new Event.LlmDone(S, 0, runId, turn, step));
        return script;
    }

    String words(final int count)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]).append(ENDS[random.nextInt(ENDS.length)]);
        }
        return text.toString();
    }

    /** The next event of the world, or {@code null} when nothing can happen any more. */
    Event next(final Session session)
    {
        now += random.nextInt(120);
        for (int attempt = 0; attempt < 50; attempt++)
        {
            final Event event = pick(session);
            if (null != event)
            {
                return event;
            }
        }
        return null;
    }

    private Event pick(final Session session)
    {
        final int roll = random.nextInt(100);
        if (roll < 8)
        {
            callerSpeaking = !callerSpeaking;
            return callerSpeaking ? new Event.SpeechStarted(S, now) : new Event.SpeechStopped(S, now);
        }
        if (roll < 20)
        {
            return new Event.AudioLevel(S, now, callerSpeaking, -30f);
        }
        if (roll < 24)
        {
            return new Event.TranscriptPartial(S, now, words(1 + random.nextInt(3)));
        }
        if (roll < 29)
        {
            return new Event.TranscriptFinal(S, now, random.nextInt(8) == 0 ? " " : words(1 + random.nextInt(5)));
        }
        if (roll < 30)
        {
            return new Event.Dtmf(S, now, random.nextInt(3) == 0 ? "#" : String.valueOf(random.nextInt(10)));
        }
        if (roll < 44 && !llm.isEmpty())
        {
            final LlmJob job = llm.get(0);
            final Event event = job.script().remove(0);
            if (job.script().isEmpty())
            {
                llm.remove(0);
            }
            return at(event);
        }
        if (roll < 58 && !tts.isEmpty())
        {
            return ttsStep();
        }
        if (roll < 70 && !marks.isEmpty())
        {
            final Mark mark = marks.remove(0);
            return new Event.PlayoutProgress(S, now, mark.runId(), mark.turn(), mark.segment(), mark.endMs());
        }
        if (roll < 73 && !returnedMarks.isEmpty())
        {
            final Mark mark = returnedMarks.remove(0);
            return new Event.PlayoutProgress(S, now, mark.runId(), mark.turn(), mark.segment(), mark.endMs());
        }
        if (roll < 79 && !tools.isEmpty())
        {
            final ToolJob job = tools.remove(random.nextInt(tools.size()));
            return job.client() ?
                new Event.ClientToolResult(S, now, job.runId(), job.turn(), job.callId(), "{\"ok\":1}", false) :
                new Event.ToolResult(S, now, job.runId(), job.turn(), job.callId(), "{\"ok\":2}", false);
        }
        if (roll < 88 && !timers.isEmpty())
        {
            TimerKind earliest = null;
            for (final Map.Entry<TimerKind, Timer> entry : timers.entrySet())
            {
                if (null == earliest || entry.getValue().dueAtMs() < timers.get(earliest).dueAtMs())
                {
                    earliest = entry.getKey();
                }
            }
            final Timer due = timers.get(earliest);
            if (due.dueAtMs() > now && random.nextInt(4) != 0)
            {
                return null;
            }
            final Timer timer = timers.remove(earliest);
            now = Math.max(now, timer.dueAtMs());
            return new Event.TimerFired(S, now, earliest, timer.id());
        }
        if (roll < 92)
        {
            return stale(session);
        }
        if (roll < 94 && summaryId != 0)
        {
            final long id = summaryId;
            summaryId = 0;
            return new Event.SummaryReady(S, now, id, "They talked.", random.nextBoolean() ? "" : "name: Bob");
        }
        if (roll < 96)
        {
            return new Event.UserText(S, now, random.nextInt(6) == 0 ? "  " : words(1 + random.nextInt(5)));
        }
        if (roll < 98)
        {
            return new Event.CancelResponse(S, now);
        }
        if (roll == 99 && random.nextInt(10) == 0)
        {
            return new Event.CallEnded(S, now, "stop");
        }
        return null;
    }

    /**
     * The next event of a quiet world: the caller stays silent and every outstanding provider interaction, mark
     * and timer (but the idle and maximum-duration timers) completes; {@code null} once nothing is outstanding.
     */
    Event drain()
    {
        now += 20;
        if (callerSpeaking)
        {
            callerSpeaking = false;
            return new Event.SpeechStopped(S, now);
        }
        if (!llm.isEmpty())
        {
            final LlmJob job = llm.get(0);
            final Event event = job.script().remove(0);
            if (job.script().isEmpty())
            {
                llm.remove(0);
            }
            return at(event);
        }
        if (!tts.isEmpty())
        {
            return ttsStep();
        }
        if (!marks.isEmpty() || !returnedMarks.isEmpty())
        {
            final Mark mark = marks.isEmpty() ? returnedMarks.remove(0) : marks.remove(0);
            return new Event.PlayoutProgress(S, now, mark.runId(), mark.turn(), mark.segment(), mark.endMs());
        }
        if (!tools.isEmpty())
        {
            final ToolJob job = tools.remove(0);
            return job.client() ?
                new Event.ClientToolResult(S, now, job.runId(), job.turn(), job.callId(), "{}", false) :
                new Event.ToolResult(S, now, job.runId(), job.turn(), job.callId(), "{}", false);
        }
        TimerKind earliest = null;
        for (final Map.Entry<TimerKind, Timer> entry : timers.entrySet())
        {
            if (entry.getKey() != TimerKind.IDLE && entry.getKey() != TimerKind.MAX_DURATION &&
                (null == earliest || entry.getValue().dueAtMs() < timers.get(earliest).dueAtMs()))
            {
                earliest = entry.getKey();
            }
        }
        if (null == earliest)
        {
            return null;
        }
        final Timer timer = timers.remove(earliest);
        now = Math.max(now, timer.dueAtMs());
        return new Event.TimerFired(S, now, earliest, timer.id());
    }

    private Event ttsStep()
    {
        final TtsJob job = tts.get(0);
        final int roll = random.nextInt(30);
        if (roll == 0)
        {
            tts.remove(0);
            return new Event.TtsFailed(S, now, job.runId(), job.turn(), job.segment(), "tts down");
        }
        if (job.chunksLeft()[0] > 0)
        {
            job.chunksLeft()[0]--;
            final int rate = random.nextBoolean() ? 16_000 : 24_000;
            return new Event.TtsAudio(S, now, job.runId(), job.turn(), job.segment(), rate,
                new byte[2 * (rate / 1000) * (20 + random.nextInt(200))]);
        }
        tts.remove(0);
        return new Event.TtsDone(S, now, job.runId(), job.turn(), job.segment());
    }

    /** An event the session must drop as stale: a run that has ended, or a timer that was cancelled. */
    Event stale(final Session session)
    {
        final long current = session.currentRunId();
        final List<long[]> ended = oldRuns.stream().filter(run -> run[0] != current).toList();
        if (!ended.isEmpty() && (oldTimers.isEmpty() || random.nextBoolean()))
        {
            final long[] run = ended.get(random.nextInt(ended.size()));
            return switch (random.nextInt(5))
            {
                case 0 -> new Event.LlmDelta(S, now, run[0], (int)run[1], 0, "stale words. ");
                case 1 -> new Event.TtsAudio(S, now, run[0], (int)run[1], 0, 16_000, new byte[640]);
                case 2 -> new Event.PlayoutProgress(S, now, run[0], (int)run[1], 0, 20);
                case 3 -> new Event.ToolResult(S, now, run[0], (int)run[1], "c1", "{}", false);
                default -> new Event.LlmDone(S, now, run[0], (int)run[1], 0);
            };
        }
        if (!oldTimers.isEmpty())
        {
            final Timer timer = oldTimers.get(random.nextInt(oldTimers.size()));
            final TimerKind kind = TimerKind.values()[random.nextInt(TimerKind.values().length)];
            return new Event.TimerFired(S, now, kind, timer.id());
        }
        return null;
    }

    private Event at(final Event event)
    {
        return switch (event)
        {
            case Event.LlmDelta d -> new Event.LlmDelta(S, now, d.runId(), d.turn(), d.step(), d.text());
            case Event.LlmToolCall c -> new Event.LlmToolCall(S, now, c.runId(), c.turn(), c.step(), c.call());
            case Event.LlmDone d -> new Event.LlmDone(S, now, d.runId(), d.turn(), d.step());
            case Event.LlmFailed f -> new Event.LlmFailed(S, now, f.runId(), f.turn(), f.step(), f.reason());
            case Event.TtsAudio a -> new Event.TtsAudio(S, now, a.runId(), a.turn(), a.segment(), a.sampleRate(),
                a.pcm());
            case Event.TtsDone d -> new Event.TtsDone(S, now, d.runId(), d.turn(), d.segment());
            default -> event;
        };
    }
}
