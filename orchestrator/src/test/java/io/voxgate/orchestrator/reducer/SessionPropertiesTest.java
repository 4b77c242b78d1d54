package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.replay.ReplayReport;
import io.voxgate.orchestrator.replay.RecordingSession;
import io.voxgate.orchestrator.replay.Replayer;
import io.voxgate.orchestrator.replay.SessionLogCodec;
import io.voxgate.orchestrator.replay.SessionLogWriter;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based tests: 10,000 seeded random sessions (random interleavings of caller speech, transcripts, LLM
 * deltas and tool calls, TTS chunks, marks, tool results, failures, timers and stale events), every event checked
 * against the invariants by {@link InvariantChecker}, then drained (caller quiet, every provider answers) to check
 * that it always settles back to listening; every 50th session is also recorded and replayed (every 100th with
 * its no-op audio frames left out of the log, which must replay identically too).
 * A failure names its seed, so it can be reproduced by running that seed alone.
 */
class SessionPropertiesTest
{
    private static final int SESSIONS = 10_000;
    private static final int MAX_EVENTS = 160;
    private static final SessionLogCodec CODEC = new SessionLogCodec();
    private static final Replayer REPLAYER = new Replayer(CODEC);

    @Test
    void invariantsHoldOverTenThousandRandomSessions() throws IOException
    {
        long events = 0;
        long stale = 0;
        long bargeIns = 0;
        long falseInterruptions = 0;
        long failures = 0;
        long hangUps = 0;
        long replayed = 0;
        long leftOut = 0;
        for (long seed = 1; seed <= SESSIONS; seed++)
        {
            final Outcome outcome = run(seed, seed % 50 == 0);
            events += outcome.events;
            stale += outcome.session.staleEvents();
            bargeIns += outcome.session.bargeIns();
            falseInterruptions += outcome.session.falseInterruptions();
            failures += outcome.session.failures();
            hangUps += outcome.hungUp ? 1 : 0;
            if (null != outcome.log)
            {
                final ReplayReport report = REPLAYER.replay(new BufferedReader(new StringReader(outcome.log)));
                assertEquals(List.of(), report.differences(), "seed " + seed);
                if (seed % 100 == 0)
                {
                    leftOut += outcome.events - report.events();
                }
                else
                {
                    assertEquals(outcome.events, report.events());
                }
                replayed++;
            }
        }
        // The generator must actually reach the interesting paths, or the invariants prove little.
        assertTrue(events > SESSIONS * 40L, "events " + events);
        assertTrue(stale > SESSIONS, "stale " + stale);
        assertTrue(bargeIns > SESSIONS / 10, "barge-ins " + bargeIns);
        assertTrue(falseInterruptions > 100, "false interruptions " + falseInterruptions);
        assertTrue(failures > SESSIONS / 10, "failures " + failures);
        assertTrue(hangUps > 100, "hang-ups " + hangUps);
        assertEquals(SESSIONS / 50, replayed);
        assertTrue(leftOut > 100, "no-op frames left out of logs: " + leftOut);
    }

    /**
     * The same worlds with a speech-to-speech model in place of LLM and TTS: its replies bring their own audio
     * (one segment per step), a barge-in truncates the model's memory within the audio played out, and no barge-in
     * is resumed (the model heard the caller).
     */
    @Test
    void invariantsHoldOverRandomSpeechToSpeechSessions() throws IOException
    {
        long bargeIns = 0;
        long falseInterruptions = 0;
        long failures = 0;
        long truncations = 0;
        for (long seed = 1; seed <= SESSIONS / 5; seed++)
        {
            final Outcome outcome = run(seed, seed % 50 == 0, true);
            bargeIns += outcome.session.bargeIns();
            falseInterruptions += outcome.session.falseInterruptions();
            failures += outcome.session.failures();
            truncations += outcome.truncations;
            if (null != outcome.log)
            {
                final ReplayReport report = REPLAYER.replay(new BufferedReader(new StringReader(outcome.log)));
                assertEquals(List.of(), report.differences(), "seed " + seed);
            }
        }
        assertTrue(bargeIns > SESSIONS / 50, "barge-ins " + bargeIns);
        assertTrue(truncations > SESSIONS / 100, "truncations " + truncations);
        assertTrue(failures > SESSIONS / 50, "failures " + failures);
        assertEquals(0, falseInterruptions);
    }

    private record Outcome(Session session, long events, boolean hungUp, String log, int truncations)
    {
    }

    private static Outcome run(final long seed, final boolean record)
    {
        return run(seed, record, false);
    }

    private static Outcome run(final long seed, final boolean record, final boolean speechToSpeech)
    {
        final RandomWorld world = new RandomWorld(seed, speechToSpeech);
        final Session session = new Session(RandomWorld.S, world.settings);
        final CallReducer reducer = new CallReducer();
        final CommandBuffer buffer = new CommandBuffer();
        final InvariantChecker checker = new InvariantChecker();
        final StringWriter logText = new StringWriter();
        final SessionLogWriter log = record ?
            new SessionLogWriter(CODEC, logText, RandomWorld.S, world.settings) : null;
        long events = 0;
        Event event = new Event.CallStarted(RandomWorld.S, 0);
        try
        {
            while (null != event && events < MAX_EVENTS)
            {
                final long runBefore = session.currentRunId();
                final long staleBefore = session.staleEvents();
                checker.beforeApply(session, event);
                buffer.clear();
                reducer.apply(session, event, buffer);
                events++;
                final List<Command> commands = buffer.commands();
                if (null != log && !(seed % 100 == 0 &&
                    RecordingSession.isNoOpFrame(event, commands, runBefore, session.currentRunId())))
                {
                    log.record(event, commands, session.snapshot());
                }
                world.execute(commands, session);
                checker.afterApply(world, session, event, runBefore, staleBefore, commands);
                if (session.state() == SessionState.ENDED)
                {
                    break;
                }
                event = world.next(session);
            }
            // Liveness: once the caller is quiet and every provider answers, the call always comes back to
            // listening (or has ended); it is never left thinking, speaking or calling tools.
            int drained = 0;
            if (null == event)
            {
                event = world.drain();
            }
            while (session.state() != SessionState.ENDED && null != event)
            {
                final long runBefore = session.currentRunId();
                final long staleBefore = session.staleEvents();
                checker.beforeApply(session, event);
                buffer.clear();
                reducer.apply(session, event, buffer);
                events++;
                if (null != log)
                {
                    log.record(event, buffer.commands(), session.snapshot());
                }
                world.execute(buffer.commands(), session);
                checker.afterApply(world, session, event, runBefore, staleBefore, buffer.commands());
                if (++drained > 10_000)
                {
                    throw new AssertionError("the session does not settle");
                }
                event = world.drain();
            }
            event = null;
            if (session.state() != SessionState.ENDED)
            {
                assertEquals(SessionState.LISTENING, session.state());
                assertEquals(0, session.currentRunId());
            }
        }
        catch (final AssertionError | RuntimeException ex)
        {
            throw new AssertionError("seed " + seed + ", event " + events + " " + event + ": " + ex.getMessage(), ex);
        }
        return new Outcome(session, events, world.hungUp, null == log ? null : logText.toString(),
            world.truncations);
    }
}
