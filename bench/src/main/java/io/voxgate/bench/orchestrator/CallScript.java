package io.voxgate.bench.orchestrator;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandBuffer;
import io.voxgate.orchestrator.reducer.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * A realistic call as a fixed array of events, recorded once by driving a real session and answering its
 * commands the way the providers and the transport would. Because the reducer is deterministic, the same array
 * replays identically on every fresh session with the same ID and settings.
 *
 * <p>Each turn: 1.5 s of caller speech (one audio-level event per 20 ms frame, partial transcripts, a final), the
 * endpointing silence frame by frame, the endpointing timer, a streamed reply of two sentences, TTS audio in
 * 100 ms chunks with a playout mark per chunk, and the caller's silent frames all along. Audio-level frames are
 * about three quarters of the events, as in a real call.
 */
final class CallScript
{
    static final String SESSION = "bench-call";
    private static final int FRAME_MS = 20;
    private static final String[] DELTAS = {"Sure, ", "I can book ", "a table for two ", "at seven tonight. ",
        "Could I have ", "your name, ", "please?"};

    private final Session session;
    private final CallReducer reducer = new CallReducer();
    private final CommandBuffer buffer = new CommandBuffer();
    private final List<Event> events = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private long now;

    private CallScript(final AssistantSettings settings)
    {
        session = new Session(SESSION, settings);
    }

    /**
     * Records a call.
     *
     * @param settings the assistant's settings.
     * @param turns    caller turns.
     * @return the events, in order.
     */
    static Event[] record(final AssistantSettings settings, final int turns)
    {
        final CallScript script = new CallScript(settings);
        script.apply(new Event.CallStarted(SESSION, 0));
        for (int turn = 0; turn < turns; turn++)
        {
            script.turn();
        }
        script.apply(new Event.CallEnded(SESSION, script.now + FRAME_MS, "stop"));
        return script.events.toArray(new Event[0]);
    }

    private void turn()
    {
        apply(new Event.SpeechStarted(SESSION, now));
        for (int frame = 0; frame < 75; frame++)
        {
            frame(true);
            if (frame % 15 == 14)
            {
                apply(new Event.TranscriptPartial(SESSION, now, "I would like to book a table"));
            }
        }
        apply(new Event.TranscriptFinal(SESSION, now, "I would like to book a table for two at seven"));
        apply(new Event.SpeechStopped(SESSION, now));
        final Command.StartTimer endpointing = last(Command.StartTimer.class);
        while (now + FRAME_MS < endpointing.dueAtMs())
        {
            frame(false);
        }
        now = endpointing.dueAtMs();
        apply(new Event.TimerFired(SESSION, now, TimerKind.ENDPOINTING, endpointing.timerId()));
        final Command.StartLlm llm = last(Command.StartLlm.class);
        commands.clear();
        for (final String delta : DELTAS)
        {
            frame(false);
            apply(new Event.LlmDelta(SESSION, now, llm.runId(), llm.turn(), 0, delta));
        }
        apply(new Event.LlmDone(SESSION, now, llm.runId(), llm.turn(), 0));
        final List<Command.SynthesizeSegment> segments = new ArrayList<>();
        for (final Command command : commands)
        {
            if (command instanceof Command.SynthesizeSegment segment)
            {
                segments.add(segment);
            }
        }
        for (final Command.SynthesizeSegment segment : segments)
        {
            for (int chunk = 0; chunk < 5; chunk++)
            {
                apply(new Event.TtsAudio(SESSION, now, llm.runId(), llm.turn(), segment.segment(), 16_000,
                    new byte[3_200]));
                final Command.PlayAudio play = last(Command.PlayAudio.class);
                for (int frame = 0; frame < 5; frame++)
                {
                    frame(false);
                }
                if (chunk == 4)
                {
                    apply(new Event.TtsDone(SESSION, now, llm.runId(), llm.turn(), segment.segment()));
                }
                apply(new Event.PlayoutProgress(SESSION, now, llm.runId(), llm.turn(), segment.segment(),
                    play.segmentEndMs()));
            }
        }
        for (int frame = 0; frame < 25; frame++)
        {
            frame(false);
        }
    }

    private void frame(final boolean voiced)
    {
        now += FRAME_MS;
        apply(new Event.AudioLevel(SESSION, now, voiced, voiced ? -20f : -60f));
    }

    private void apply(final Event event)
    {
        buffer.clear();
        reducer.apply(session, event, buffer);
        events.add(event);
        commands.addAll(buffer.commands());
    }

    private <T extends Command> T last(final Class<T> type)
    {
        for (int i = commands.size() - 1; i >= 0; i--)
        {
            if (type.isInstance(commands.get(i)))
            {
                return type.cast(commands.get(i));
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " in the script");
    }
}
