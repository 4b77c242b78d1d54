package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.replay.SessionLogWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * A call driven by a script of events in tests: applies each event to a real session and returns exactly the
 * commands it produced, and knows the IDs of the current run and timers so scripts read naturally.
 */
final class ScriptedCall
{
    static final String S = "call-1";

    final Session session;
    final CallReducer reducer = new CallReducer();
    final CommandBuffer buffer = new CommandBuffer();
    final List<Command> all = new ArrayList<>();
    SessionLogWriter log;

    ScriptedCall(final AssistantSettings settings)
    {
        session = new Session(S, settings);
    }

    static AssistantSettings.Builder settings()
    {
        return AssistantSettings.builder().systemPrompt("Be brief.");
    }

    List<Command> apply(final Event event)
    {
        buffer.clear();
        reducer.apply(session, event, buffer);
        final List<Command> emitted = List.copyOf(buffer.commands());
        all.addAll(emitted);
        if (null != log)
        {
            log.record(event, emitted, session.snapshot());
        }
        return emitted;
    }

    long run()
    {
        return session.currentRunId();
    }

    int turn()
    {
        return null == session.run ? session.turn : session.run.turn;
    }

    int step()
    {
        return session.run.step;
    }

    long timerId(final TimerKind kind)
    {
        for (int i = all.size() - 1; i >= 0; i--)
        {
            if (all.get(i) instanceof Command.StartTimer start && start.kind() == kind)
            {
                return start.timerId();
            }
        }
        throw new AssertionError("no timer " + kind);
    }

    List<Command> start(final long at)
    {
        return apply(new Event.CallStarted(S, at));
    }

    List<Command> speechStarted(final long at)
    {
        return apply(new Event.SpeechStarted(S, at));
    }

    List<Command> speechStopped(final long at)
    {
        return apply(new Event.SpeechStopped(S, at));
    }

    List<Command> level(final long at, final boolean voiced)
    {
        return apply(new Event.AudioLevel(S, at, voiced, -20f));
    }

    List<Command> partial(final long at, final String text)
    {
        return apply(new Event.TranscriptPartial(S, at, text));
    }

    List<Command> transcript(final long at, final String text)
    {
        return apply(new Event.TranscriptFinal(S, at, text));
    }

    List<Command> fire(final long at, final TimerKind kind)
    {
        return apply(new Event.TimerFired(S, at, kind, timerId(kind)));
    }

    List<Command> delta(final long at, final String text)
    {
        return apply(new Event.LlmDelta(S, at, run(), turn(), step(), text));
    }

    List<Command> toolCall(final long at, final ToolCall call)
    {
        return apply(new Event.LlmToolCall(S, at, run(), turn(), step(), call));
    }

    List<Command> llmDone(final long at)
    {
        return apply(new Event.LlmDone(S, at, run(), turn(), step()));
    }

    List<Command> audio(final long at, final int segment, final byte[] pcm)
    {
        return apply(new Event.TtsAudio(S, at, run(), turn(), segment, 16_000, pcm));
    }

    List<Command> ttsDone(final long at, final int segment)
    {
        return apply(new Event.TtsDone(S, at, run(), turn(), segment));
    }

    List<Command> played(final long at, final int segment, final long playedMs)
    {
        return apply(new Event.PlayoutProgress(S, at, run(), turn(), segment, playedMs));
    }

    /** 16 kHz PCM16 of the given length. */
    static byte[] pcm(final int ms)
    {
        return new byte[ms * 32];
    }

    /** Plays every requested but unplayed segment of the current run fully (audio, done, mark), 100 ms each. */
    void playAll(final long at)
    {
        final long runId = run();
        for (int segment = 0; run() == runId && segment < session.run.ledger.size(); segment++)
        {
            final PlayoutLedger.Segment seg = session.run.ledger.get(segment);
            if (!seg.ttsDone)
            {
                audio(at, segment, pcm(100));
                ttsDone(at, segment);
            }
            if (run() == runId && seg.playedMs < seg.sentEndMs)
            {
                played(at, segment, seg.sentEndMs);
            }
        }
    }

    /** A complete caller turn starting at {@code at}: speech, final transcript, silence, end of turn at +1500. */
    void userTurn(final long at, final String text)
    {
        speechStarted(at);
        transcript(at + 500, text);
        speechStopped(at + 1_000);
        fire(at + 1_500, TimerKind.ENDPOINTING);
    }
}
