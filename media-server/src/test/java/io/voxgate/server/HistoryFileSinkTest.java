package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static io.voxgate.server.TwilioMessages.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.history.HistoryCounters;
import io.voxgate.server.pipeline.CallAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: without a backend, a real call's history lands in the day's JSON-lines file. */
class HistoryFileSinkTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void aCallsHistoryIsWrittenAsJsonLines() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.HISTORY_DIR, directory.toString())))
        {
            final HistoryCounters history = fixture.server.history().orElseThrow().counters();
            try (TwilioTestClient call = fixture.call())
            {
                call.start("MZfile1", "parrot").media("MZfile1", CallAudio.concat(CallAudio.silence(10),
                    CallAudio.speech(40, 3), CallAudio.silence(40)));
                call.await("reply audio", m -> "media".equals(event(m)));
                Await.until("reply delivered", () -> fixture.server.pipeline().isQuiescent() &&
                    call.receivedCount() == fixture.server.transportCounters().messagesOut());
                for (final String message : call.drainReceived())
                {
                    if ("mark".equals(event(message)))
                    {
                        call.mark("MZfile1", field(message, "name"));
                    }
                }
                Await.until("assistant message queued", () -> history.queued() == 2);
                call.stop("MZfile1");
                assertEquals(1000, call.awaitClose());
            }
            Await.until("history finalized", () -> history.isDrained() && history.finalized() == 1);
        }
        final List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            final List<Path> all = files.toList();
            assertFalse(all.isEmpty());
            for (final Path file : all)
            {
                assertEquals(true, file.getFileName().toString().matches("history-\\d{4}-\\d{2}-\\d{2}\\.jsonl"));
                for (final String line : Files.readAllLines(file))
                {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        assertEquals(List.of("call.started", "message.assistant", "call.finalized"),
            lines.stream().map(line -> line.get("type").asText()).toList());
        assertEquals("MZfile1", lines.get(0).get("sessionId").asText());
        assertFalse(lines.get(1).get("interrupted").asBoolean());
        assertEquals("stop", lines.get(2).get("endReason").asText());
        assertEquals(2, lines.get(2).get("delivered").asLong());
    }
}
