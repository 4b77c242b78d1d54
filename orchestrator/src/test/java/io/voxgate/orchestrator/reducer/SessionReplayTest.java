package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.replay.RecordingSession;
import io.voxgate.orchestrator.replay.ReplayReport;
import io.voxgate.orchestrator.replay.Replayer;
import io.voxgate.orchestrator.replay.SessionLogCodec;
import io.voxgate.orchestrator.replay.SessionLogException;
import io.voxgate.orchestrator.replay.SessionLogWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session logs: a recorded call replays to the same commands and states, and any tampering is reported.
 */
class SessionReplayTest
{
    private final Replayer replayer = new Replayer();

    /** A call with a greeting, a tool call, a barge-in with resume, a stale event, DTMF and a hang-up. */
    static String recordedCall()
    {
        final StringWriter out = new StringWriter();
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().greeting("Hello, how can I help?").build());
        call.log = new SessionLogWriter(new SessionLogCodec(), out, S, call.session.settings());
        call.start(0);
        call.playAll(100);
        call.speechStarted(1_000);
        call.level(1_020, true);
        call.partial(1_200, "weather in");
        call.transcript(1_500, "weather in Oslo?");
        call.speechStopped(2_000);
        call.fire(2_500, TimerKind.ENDPOINTING);
        call.delta(2_600, "Let me check. ");
        call.toolCall(2_650, new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"));
        call.llmDone(2_700);
        call.playAll(2_750);
        call.apply(new Event.ToolResult(S, 2_900, call.run(), 1, "call_1", "{\"temp\":21}", false));
        call.delta(3_000, "It is 21 degrees in Oslo. Bring a jacket, it gets windy by the harbour in the evening.");
        call.llmDone(3_050);
        call.audio(3_100, 1, ScriptedCall.pcm(400));
        call.ttsDone(3_100, 1);
        call.played(3_300, 1, 200);
        call.speechStarted(3_400);
        call.level(3_720, true);
        call.speechStopped(3_800);
        call.apply(new Event.TtsAudio(S, 3_810, 2, 1, 2, 16_000, ScriptedCall.pcm(100)));
        call.fire(4_300, TimerKind.ENDPOINTING);
        call.playAll(4_400);
        call.apply(new Event.Dtmf(S, 5_000, "1"));
        call.apply(new Event.Dtmf(S, 5_100, "#"));
        call.apply(new Event.LlmFailed(S, 5_200, call.run(), call.turn(), 0, "HTTP 500"));
        call.playAll(5_300);
        call.apply(new Event.CallEnded(S, 6_000, "stop"));
        return out.toString();
    }

    private ReplayReport replay(final String log) throws IOException
    {
        return replayer.replay(new BufferedReader(new StringReader(log)));
    }

    @Test
    void recordedCallReplaysIdentically(@TempDir final Path dir) throws IOException
    {
        final String log = recordedCall();
        final Path file = dir.resolve("call.jsonl");
        Files.writeString(file, log, StandardCharsets.UTF_8);

        final ReplayReport report = replayer.replay(file);

        assertEquals(List.of(), report.differences());
        assertTrue(report.identical());
        assertEquals(log.lines().count() - 1, report.events());
        assertTrue(report.events() > 40, "events " + report.events());
    }

    @Test
    void typedTextAndCancelledRepliesReplayIdenticallyAndTamperingIsReported() throws IOException
    {
        final StringWriter out = new StringWriter();
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.log = new SessionLogWriter(new SessionLogCodec(), out, S, call.session.settings());
        call.start(0);
        call.apply(new Event.UserText(S, 1_000, "count to ten"));
        call.delta(1_100, "one two three four five six seven eight nine ten. And");
        call.audio(1_200, 0, ScriptedCall.pcm(1_000));
        call.played(1_700, 0, 500);
        call.apply(new Event.CancelResponse(S, 1_800));
        call.apply(new Event.CancelResponse(S, 1_900));
        call.apply(new Event.UserText(S, 2_000, "now backwards"));
        call.apply(new Event.CallEnded(S, 3_000, "stop"));
        final String log = out.toString();
        assertEquals(2, log.split("\"type\":\"UserText\"", -1).length - 1);
        assertEquals(2, log.split("\"type\":\"CancelResponse\"", -1).length - 1);

        final ReplayReport report = replay(log);

        assertEquals(List.of(), report.differences());
        assertEquals(9, report.events());
        final String event = "\"atMs\":2000,\"text\":\"now backwards\"";
        assertEquals(1, log.split(event, -1).length - 1);
        final ReplayReport tampered = replay(log.replace(event, "\"atMs\":2000,\"text\":\"now forwards\""));
        assertFalse(tampered.identical());
        assertTrue(tampered.differences().get(0).contains("UserText"), tampered.differences().get(0));
    }

    @Test
    void logWithoutNoOpFramesReplaysIdentically() throws IOException
    {
        final StringWriter out = new StringWriter();
        final Session session = new Session(S, ScriptedCall.settings().build());
        final RecordingSession call = new RecordingSession(session,
            new SessionLogWriter(new SessionLogCodec(), out, S, session.settings()), true);
        final CommandBuffer sink = new CommandBuffer();
        call.apply(new Event.CallStarted(S, 0), sink);
        call.apply(new Event.SpeechStarted(S, 1_000), sink);
        call.apply(new Event.TranscriptFinal(S, 1_400, "hi"), sink);
        call.apply(new Event.SpeechStopped(S, 1_500), sink);
        call.apply(new Event.TimerFired(S, 2_000, TimerKind.ENDPOINTING, 3), sink);
        call.apply(new Event.LlmDelta(S, 2_100, 1, 1, 0, "Hello there, how can I help? "), sink);
        call.apply(new Event.TtsAudio(S, 2_200, 1, 1, 0, 16_000, new byte[6_400]), sink);
        call.apply(new Event.SpeechStarted(S, 2_300), sink);
        for (long at = 2_320; at <= 2_600; at += 20)
        {
            call.apply(new Event.AudioLevel(S, at, true, -20f), sink);
        }

        final ReplayReport report = replay(out.toString());

        assertEquals(List.of(), report.differences());
        assertEquals(14, call.skippedFrames());
        assertEquals(9, report.events());
        assertEquals(1, session.bargeIns());
    }

    @Test
    void tamperedCommandIsReported() throws IOException
    {
        final String log = recordedCall();
        final String tampered = log.replace("\"text\":\"It is 21 degrees in Oslo.\"",
            "\"text\":\"It is 12 degrees in Oslo.\"");
        assertEquals(1, log.split("It is 21 degrees in Oslo.\"", -1).length - 1);
        assertFalse(tampered.equals(log));

        final ReplayReport report = replay(tampered);

        assertFalse(report.identical());
        assertTrue(report.differences().get(0).contains("command"), report.differences().get(0));
        assertTrue(report.differences().get(0).contains("It is 12 degrees in Oslo."));
    }

    @Test
    void tamperedEventIsReported() throws IOException
    {
        final List<String> lines = new ArrayList<>(recordedCall().lines().toList());
        final int index = indexOf(lines, "\"type\":\"TranscriptFinal\"");
        lines.set(index, lines.get(index).replaceFirst("weather in Oslo\\?", "weather in Paris?"));

        final ReplayReport report = replay(String.join("\n", lines));

        assertFalse(report.identical());
        assertTrue(report.differences().get(0).startsWith("line " + (index + 1) + " (event " + index +
            ", TranscriptFinal): command 0"), report.differences().get(0));
    }

    @Test
    void droppedLineIsReported() throws IOException
    {
        final List<String> lines = new ArrayList<>(recordedCall().lines().toList());
        lines.remove(indexOf(lines, "\"type\":\"SpeechStopped\""));

        final ReplayReport report = replay(String.join("\n", lines));

        assertFalse(report.identical());
    }

    @Test
    void tamperedStateIsReported() throws IOException
    {
        final String log = recordedCall();
        final int last = log.lastIndexOf("\"state\":\"ENDED\"");
        final String tampered = log.substring(0, last) + "\"state\":\"LISTENING\"" +
            log.substring(last + "\"state\":\"ENDED\"".length());

        final ReplayReport report = replay(tampered);

        assertEquals(1, report.differences().size());
        assertTrue(report.differences().get(0).contains("state: log"), report.differences().get(0));
    }

    @Test
    void malformedLogsFailWithTheLineNumber()
    {
        final String log = recordedCall();
        final List<String> lines = new ArrayList<>(log.lines().toList());
        lines.set(3, "{not json");
        final SessionLogException malformed = assertThrows(SessionLogException.class,
            () -> replay(String.join("\n", lines)));
        assertEquals(4, malformed.line());

        lines.set(3, "{\"seq\":3,\"event\":{\"type\":\"Teleported\",\"sessionId\":\"x\",\"atMs\":1}}");
        assertEquals(4, assertThrows(SessionLogException.class, () -> replay(String.join("\n", lines))).line());

        assertEquals(1, assertThrows(SessionLogException.class, () -> replay("")).line());
        assertEquals(1, assertThrows(SessionLogException.class, () -> replay("{\"log\":\"other\"}\n")).line());
    }

    private static int indexOf(final List<String> lines, final String marker)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(marker))
            {
                return i;
            }
        }
        throw new AssertionError("no line with " + marker);
    }
}
