package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.server.pipeline.CallAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.pipeline.PipelineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --session-log DIR} reaches the pipeline: a call through the server leaves its event log in DIR. */
class ServerSessionLogTest
{
    @Test
    void aCallThroughTheServerLeavesOneSessionLog(@TempDir final Path dir) throws Exception
    {
        final Path logs = dir.resolve("logs");
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.SESSION_LOG_DIR, logs.toString())))
        {
            assertTrue(fixture.server.banner().contains("session logs: " + logs.toAbsolutePath()));
            try (TwilioTestClient call = fixture.call())
            {
                call.start("MZlogged", "parrot").media("MZlogged", CallAudio.silence(10)).dtmf("MZlogged", '5')
                    .stop("MZlogged");
                assertEquals(1000, call.awaitClose());
            }
            final PipelineCounters stages = fixture.server.pipeline().counters();
            Await.until("log closed", () -> stages.sessionLogsClosed() == 1);
            assertEquals(1, stages.sessionLogsOpened());
            assertEquals(0, stages.sessionLogsIncomplete());
            assertTrue(fixture.get("/metrics").body().contains("voxgate_session_logs_opened_total 1.0"));
        }
        final List<Path> files;
        try (Stream<Path> listing = Files.list(logs))
        {
            files = listing.toList();
        }
        assertEquals(1, files.size(), files.toString());
        final List<String> lines = Files.readAllLines(files.get(0));
        assertTrue(lines.size() >= 3, "start, dtmf and end events at least: " + lines.size());
        assertTrue(String.join("\n", lines).contains("MZlogged"), "the log names its call");
    }
}
