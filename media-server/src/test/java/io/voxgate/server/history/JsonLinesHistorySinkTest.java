package io.voxgate.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded JSON-lines sink: one file per UTC day, one parseable line per item or finalization, appended. */
class JsonLinesHistorySinkTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-03-09T23:59:59.500Z and half a second later, the next UTC day. */
    private static final long BEFORE_MIDNIGHT = 1_710_028_799_500L;
    private static final long AFTER_MIDNIGHT = BEFORE_MIDNIGHT + 1_000;

    @TempDir
    Path directory;

    private List<JsonNode> lines(final LocalDate day) throws IOException
    {
        final List<String> text = Files.readAllLines(JsonLinesHistorySink.fileOf(directory, day),
            StandardCharsets.UTF_8);
        final List<JsonNode> parsed = new java.util.ArrayList<>();
        for (final String line : text)
        {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }

    @Test
    void writesOneParseableLinePerRecordIntoTheFileOfItsDay() throws IOException
    {
        final Path nested = directory.resolve("a/b");
        try (JsonLinesHistorySink sink = new JsonLinesHistorySink(nested))
        {
            sink.write(new HistoryItem.CallStarted("MZ1", 0, BEFORE_MIDNIGHT, "CA1", "AC1", "parrot",
                Map.of("k", "v")));
            sink.write(new HistoryItem.UserTranscript("MZ1", 1, BEFORE_MIDNIGHT, 1, "line\nbreak \"quoted\" é"));
            sink.write(new HistoryItem.ToolCalled("MZ1", 2, AFTER_MIDNIGHT, 1, 1, "c1", "f", "{not json", false));
            sink.finalizeCall(new Finalization(new CallSummary("MZ1", "CA1", "AC1", "parrot", Map.of("k", "v"),
                BEFORE_MIDNIGHT, AFTER_MIDNIGHT, "stop", 3, 0), 0, 0));
        }
        directory = nested;
        try (Stream<Path> files = Files.list(nested))
        {
            assertEquals(List.of("history-2024-03-09.jsonl", "history-2024-03-10.jsonl"),
                files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        final List<JsonNode> first = lines(LocalDate.of(2024, 3, 9));
        assertEquals(2, first.size());
        assertEquals("call.started", first.get(0).get("type").asText());
        assertEquals("v", first.get(0).get("customParameters").get("k").asText());
        assertEquals("transcript.user", first.get(1).get("type").asText());
        assertEquals("line\nbreak \"quoted\" é", first.get(1).get("text").asText());
        assertEquals(1, first.get(1).get("seq").asLong());
        final List<JsonNode> second = lines(LocalDate.of(2024, 3, 10));
        assertEquals(2, second.size());
        assertEquals("tool.call", second.get(0).get("type").asText());
        assertEquals("{not json", second.get(0).get("argumentsJson").asText());
        assertEquals("server", second.get(0).get("side").asText());
        assertEquals("call.finalized", second.get(1).get("type").asText());
        assertEquals(3, second.get(1).get("delivered").asLong());
    }

    @Test
    void appendsToTheDaysFileAcrossRestarts() throws IOException
    {
        for (int run = 0; run < 2; run++)
        {
            try (JsonLinesHistorySink sink = new JsonLinesHistorySink(directory))
            {
                sink.write(new HistoryItem.UserTranscript("MZ" + run, 1, BEFORE_MIDNIGHT, 1, "hi"));
            }
        }
        final List<JsonNode> lines = lines(LocalDate.of(2024, 3, 9));
        assertEquals(2, lines.size());
        assertEquals("MZ0", lines.get(0).get("sessionId").asText());
        assertEquals("MZ1", lines.get(1).get("sessionId").asText());
        assertTrue(Files.readString(JsonLinesHistorySink.fileOf(directory, LocalDate.of(2024, 3, 9)))
            .endsWith("}\n"));
    }
}
