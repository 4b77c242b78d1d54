package io.voxgate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.reducer.Session;
import io.voxgate.orchestrator.replay.RecordingSession;
import io.voxgate.orchestrator.replay.SessionLogCodec;
import io.voxgate.orchestrator.replay.SessionLogWriter;
import io.voxgate.server.pipeline.SessionLogTrailer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxgate replay}: identical logs exit 0, tampered logs print a diff and exit 1, unreadable or malformed
 * files exit 2 with one line on stderr, logs the server marked incomplete exit 3.
 */
class ReplayCommandTest
{
    private static final String ID = "call-7";

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(final String... args)
    {
        final CommandRun run = CommandRun.of(args);
        out = run.out();
        err = run.err();
        return run.status();
    }

    /** A short recorded call: one turn, one spoken sentence, end of call. */
    private Path recordedCall() throws IOException
    {
        final StringWriter text = new StringWriter();
        final AssistantSettings settings = AssistantSettings.defaults();
        final RecordingSession call = new RecordingSession(new Session(ID, settings),
            new SessionLogWriter(new SessionLogCodec(), text, ID, settings));
        final List<Event> events = List.of(
            new Event.CallStarted(ID, 0),
            new Event.SpeechStarted(ID, 1_000),
            new Event.TranscriptFinal(ID, 1_500, "hello"),
            new Event.SpeechStopped(ID, 2_000),
            new Event.TimerFired(ID, 2_500, TimerKind.ENDPOINTING, 3),
            new Event.LlmDelta(ID, 2_600, 1, 1, 0, "Hi there, how are you?"),
            new Event.LlmDone(ID, 2_700, 1, 1, 0),
            new Event.TtsAudio(ID, 2_800, 1, 1, 0, 16_000, new byte[3_200]),
            new Event.TtsDone(ID, 2_810, 1, 1, 0),
            new Event.PlayoutProgress(ID, 2_900, 1, 1, 0, 100),
            new Event.CallEnded(ID, 5_000, "stop"));
        for (final Event event : events)
        {
            call.apply(event, command ->
            {
            });
        }
        final Path log = dir.resolve("call.jsonl");
        Files.writeString(log, text.toString(), StandardCharsets.UTF_8);
        return log;
    }

    @Test
    void identicalLogExitsZero() throws IOException
    {
        assertEquals(0, run("replay", recordedCall().toString()), err);
        assertEquals("identical: 11 events", out.strip());
    }

    @Test
    void tamperedLogPrintsTheDifferenceAndExitsOne() throws IOException
    {
        final Path log = recordedCall();
        final String original = Files.readString(log);
        final String tampered = original.replace("\"text\":\"Hi there, how are you?\",\"isFinal\"",
            "\"text\":\"Hi there!\",\"isFinal\"").replace("\"segment\":0,\"text\":\"Hi there, how are you?\"",
            "\"segment\":0,\"text\":\"Hi there!\"");
        assertFalse(original.equals(tampered));
        Files.writeString(log, tampered);

        assertEquals(1, run("replay", log.toString()), err);
        assertTrue(out.startsWith("different: 1 differences in 11 events"), out);
        assertTrue(out.contains("(event 7, LlmDone): command 0: log"), out);
        assertTrue(out.contains("Hi there!"), out);
    }

    @Test
    void logWithTheServersIncompleteTrailerReplaysItsPrefixAndExitsThree() throws IOException
    {
        final Path log = recordedCall();
        final List<String> lines = Files.readAllLines(log);
        final String trailer = SessionLogTrailer.PREFIX + "\"loggedEvents\":5,\"droppedEvents\":6,\"reason\":\"" +
            SessionLogTrailer.QUEUE_FULL + "\"}";
        final List<String> prefix = new java.util.ArrayList<>(lines.subList(0, 6));
        prefix.add(trailer);
        Files.write(log, prefix);

        assertEquals(ReplayCommand.EXIT_INCOMPLETE, run("replay", log.toString()), err);
        assertEquals("incomplete: the 5 logged events replay identically, but the server did not log the whole " +
            "call: " + trailer, out.strip());
    }

    @Test
    void malformedOrMissingLogExitsTwoWithOneLine() throws IOException
    {
        final Path log = recordedCall();
        final List<String> lines = Files.readAllLines(log);
        lines.set(2, "{\"seq\":2,\"event\":");
        Files.write(log, lines);

        assertEquals(2, run("replay", log.toString()));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("voxgate: " + log + ": line 3: malformed JSON"), err);
        assertFalse(err.contains("Exception"), err);

        assertEquals(2, run("replay", dir.resolve("nothing.jsonl").toString()));
        assertEquals("voxgate: " + dir.resolve("nothing.jsonl") + ": no such file", err.strip());

        final Path binary = dir.resolve("binary.jsonl");
        Files.write(binary, new byte[] {(byte)0xff, (byte)0xfe, 0, 1});
        assertEquals(2, run("replay", binary.toString()));
        assertEquals(1, err.strip().lines().count(), err);
    }
}
