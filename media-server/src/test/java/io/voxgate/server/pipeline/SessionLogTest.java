package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.Session;
import io.voxgate.orchestrator.replay.ReplayReport;
import io.voxgate.orchestrator.replay.Replayer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionLogTest
{
    @TempDir
    Path directory;

    @Test
    void aCallThroughThePipelineIsLoggedAndReplaysIdenticallyWhileATamperedCopyDiffers() throws IOException
    {
        final ManualClock clock = new ManualClock();
        final CapturingSink sink = new CapturingSink();
        final MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(4)
            .withIngressRingSize(1024).withEgressRingSize(1024).withSessionLogDir(directory), sink, clock,
            List.of(new ParrotAssistant(), new ToneAssistant()));
        pipeline.start();
        try
        {
            final TwilioCall call = new TwilioCall(pipeline, clock, "MZ00000000000000000000000000000042")
                .start("parrot")
                .media(CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 1), CallAudio.silence(10)));
            CapturingSink.await("frames orchestrated", pipeline::isQuiescent);
            clock.advanceMillis(1000);
            CapturingSink.await("reply", () -> !ParrotCallTest.marksOf(sink.sentTo(call.index())).isEmpty());
            CapturingSink.await("reply written", pipeline::isQuiescent);
            final List<String> marks = ParrotCallTest.marksOf(sink.sentTo(call.index()));
            call.mark(marks.get(0));
            // The caller talks over the rest of the reply: barge-in, clear, then a DTMF key and the end of the call.
            call.media(CallAudio.speech(30, 2)).media(CallAudio.silence(5)).dtmf('5');
            CapturingSink.await("clear", () -> pipeline.counters().egressClears() == 1);
            call.stop();
            CapturingSink.await("session ended", () -> sink.ended().contains(call.index()));
            CapturingSink.await("log closed", pipeline::sessionLogsClosed);
        }
        finally
        {
            pipeline.close();
        }

        final List<Path> logs = files();
        assertEquals(1, logs.size());
        final String name = logs.get(0).getFileName().toString();
        assertTrue(name.startsWith("MZ00000000000000000000000000000042_CAMZ00000000000000000000000000000042_"), name);
        assertTrue(name.endsWith(".jsonl"), name);
        assertEquals(1, pipeline.counters().sessionLogsOpened());
        assertEquals(1, pipeline.counters().sessionLogsClosed());
        assertEquals(0, pipeline.counters().sessionLogsIncomplete() + pipeline.counters().sessionLogWriteErrors());

        final List<String> lines = Files.readAllLines(logs.get(0), StandardCharsets.UTF_8);
        final ReplayReport report = new Replayer().replay(logs.get(0));
        assertTrue(report.identical(), report.differences().toString());
        assertEquals(pipeline.counters().sessionLogLinesWritten(), report.events());
        assertEquals(lines.size() - 1, report.events());
        for (final String kind : List.of("CallStarted", "SpeechStarted", "SpeechStopped", "TimerFired",
            "PlayoutProgress", "Dtmf", "CallEnded"))
        {
            assertTrue(lines.stream().anyMatch((l) -> l.contains("\"type\":\"" + kind + "\"")), kind);
        }
        assertTrue(lines.stream().anyMatch((l) -> l.contains("\"type\":\"ClearPlayback\"")), "barge-in logged");

        // Tampering with one logged command (the DTMF digit's event) must show up as a difference.
        final List<String> tampered = new ArrayList<>(lines);
        final int dtmf = indexOfLine(lines, "\"type\":\"Dtmf\"");
        tampered.set(dtmf, lines.get(dtmf).replace("\"digit\":\"5\"", "\"digit\":\"#\""));
        assertNotEquals(lines.get(dtmf), tampered.get(dtmf));
        final Path copy = directory.resolve("tampered.jsonl");
        Files.write(copy, tampered, StandardCharsets.UTF_8);
        final ReplayReport different = new Replayer().replay(copy);
        assertFalse(different.identical());
        assertTrue(different.differences().get(0).startsWith("line " + (dtmf + 1) + " "),
            different.differences().get(0));
    }

    @Test
    void aFullQueueMarksTheLogIncompleteAndTheLoggedPrefixStillReplaysIdentically() throws IOException
    {
        final PipelineCounters counters = new PipelineCounters();
        final OneToOneConcurrentArrayQueue<SessionLogEntry> queue = new OneToOneConcurrentArrayQueue<>(8);
        final SessionLogRecorder recorder = new SessionLogRecorder(queue, 2, counters);
        final Session session = new Session("MZ7", new ParrotAssistant().settings());
        final CallReducer reducer = new CallReducer();
        recorder.open(1, new CallStart("MZ7", "CA7", "AC7", "parrot", Map.of()), session);

        // Nobody drains the queue: the open and seven lines fit, the rest of the call is dropped.
        final List<Event> events = new ArrayList<>();
        events.add(new Event.CallStarted("MZ7", 0));
        for (int i = 0; i < 10; i++)
        {
            events.add(new Event.SpeechStarted("MZ7", 1000 + 2000L * i));
            events.add(new Event.SpeechStopped("MZ7", 1500 + 2000L * i));
        }
        events.add(new Event.CallEnded("MZ7", 30_000, "stop"));
        for (final Event event : events)
        {
            recorder.beforeApply(1, session);
            reducer.apply(session, event, recorder::command);
            recorder.afterApply(1, session, event);
        }
        recorder.close(1);
        assertEquals(7, counters.sessionLogLinesQueued());
        assertEquals(events.size() - 7, counters.sessionLogEventsDropped());
        assertEquals(1, counters.sessionLogsIncomplete());
        assertEquals(1, recorder.backlog(), "the close waits for room");

        final SessionLogThread writer = new SessionLogThread(directory, queue, counters);
        writer.start();
        while (recorder.backlog() > 0)
        {
            recorder.retryBacklog();
            Thread.onSpinWait();
        }
        CapturingSink.await("log closed", () -> counters.sessionLogsClosed() == 1);
        writer.close();

        final List<Path> logs = files();
        assertEquals(1, logs.size());
        final List<String> lines = Files.readAllLines(logs.get(0), StandardCharsets.UTF_8);
        assertEquals(1 + 7 + 1, lines.size());
        assertEquals("{\"incomplete\":true,\"loggedEvents\":7,\"droppedEvents\":" + (events.size() - 7) +
            ",\"reason\":\"session log queue full\"}", lines.get(lines.size() - 1));
        try (SessionLogTrailer.StopAtTrailer reader =
            new SessionLogTrailer.StopAtTrailer(new StringReader(String.join("\n", lines))))
        {
            final ReplayReport report = new Replayer().replay(reader);
            assertTrue(report.identical(), report.differences().toString());
            assertEquals(7, report.events());
            assertEquals(lines.get(lines.size() - 1), reader.trailer());
        }
    }

    @Test
    void aCallStillRunningWhenThePipelineStopsGetsATrailerAndNoLogIsOpenedWhenOff() throws IOException
    {
        final ManualClock clock = new ManualClock();
        final CapturingSink sink = new CapturingSink();
        final MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(2)
            .withIngressRingSize(64).withEgressRingSize(64).withSessionLogDir(directory), sink, clock,
            List.of(new ParrotAssistant()));
        pipeline.start();
        new TwilioCall(pipeline, clock, "MZ9").start("parrot").media(CallAudio.silence(3));
        CapturingSink.await("call started", () -> pipeline.counters().sessionLogLinesWritten() == 1);
        pipeline.close();
        final List<String> lines = Files.readAllLines(files().get(0), StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertEquals(SessionLogTrailer.line(1, 0, SessionLogTrailer.STOPPED), lines.get(2));

        final MediaPipeline off = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(2)
            .withIngressRingSize(64).withEgressRingSize(64), sink, clock, List.of(new ParrotAssistant()));
        assertNull(off.settings().sessionLogDir());
        assertTrue(off.sessionLogsClosed());
        assertEquals(0, off.counters().sessionLogsOpened());
    }

    private List<Path> files() throws IOException
    {
        try (Stream<Path> list = Files.list(directory))
        {
            return list.filter((p) -> !p.getFileName().toString().startsWith("tampered")).sorted().toList();
        }
    }

    private static int indexOfLine(final List<String> lines, final String text)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(text))
            {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }
}
