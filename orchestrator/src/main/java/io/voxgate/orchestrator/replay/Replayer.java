package io.voxgate.orchestrator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandBuffer;
import io.voxgate.orchestrator.reducer.Session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a session log back through the reducer and checks that every event yields the logged commands and state.
 * Because each line records the event together with its commands and resulting state, editing any of them (or
 * dropping, reordering or inserting lines) shows up as a difference.
 *
 * <p>Stateless; each replay builds its own session.
 */
public final class Replayer
{
    /** Differences listed in a report; the rest are only counted as truncated. */
    public static final int MAX_DIFFERENCES = 20;

    private final SessionLogCodec codec;

    /**
     * A replayer with its own codec.
     */
    public Replayer()
    {
        this(new SessionLogCodec());
    }

    /**
     * A replayer sharing a codec (building one introspects every record type, which costs milliseconds).
     *
     * @param codec the log format.
     */
    public Replayer(final SessionLogCodec codec)
    {
        this.codec = codec;
    }

    /**
     * Replays a log file.
     *
     * @param log the file.
     * @return the report.
     * @throws UncheckedIOException when the file cannot be read.
     * @throws SessionLogException  when the log is malformed.
     */
    public ReplayReport replay(final Path log)
    {
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8))
        {
            return replay(reader);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Replays a log.
     *
     * @param reader the log's lines.
     * @return the report.
     * @throws IOException         when reading fails.
     * @throws SessionLogException when the log is malformed.
     */
    public ReplayReport replay(final BufferedReader reader) throws IOException
    {
        final String headerLine = reader.readLine();
        if (null == headerLine)
        {
            throw new SessionLogException(1, "empty log", null);
        }
        final ObjectNode header = codec.parse(1, headerLine);
        if (!SessionLogCodec.FORMAT.equals(header.path("log").asText()) ||
            header.path("version").asInt() != SessionLogCodec.VERSION)
        {
            throw new SessionLogException(1, "not a voxgate session log (version " + SessionLogCodec.VERSION + ")",
                null);
        }
        final String sessionId = header.path("sessionId").asText(null);
        if (null == sessionId)
        {
            throw new SessionLogException(1, "missing sessionId", null);
        }
        final Session session = new Session(sessionId, codec.read(1, header.get("settings"), AssistantSettings.class));
        final CallReducer reducer = new CallReducer();
        final CommandBuffer buffer = new CommandBuffer();
        final List<String> differences = new ArrayList<>();
        boolean truncated = false;
        long events = 0;
        int lineNumber = 1;
        String text;
        while (null != (text = reader.readLine()))
        {
            lineNumber++;
            if (text.isBlank())
            {
                continue;
            }
            final ObjectNode line = codec.parse(lineNumber, text);
            final Event event = codec.read(lineNumber, line.get("event"), Event.class);
            events++;
            buffer.clear();
            reducer.apply(session, event, buffer);
            final List<String> found = new ArrayList<>();
            if (line.path("seq").asLong(-1) != events)
            {
                found.add("seq: expected " + events + ", log says " + line.path("seq"));
            }
            compareCommands(line.get("commands"), codec.commandsTree(buffer.commands()), found);
            final JsonNode state = codec.stateTree(session.snapshot());
            if (!state.equals(line.get("state")))
            {
                found.add("state: log " + line.get("state") + "\n      replay " + state);
            }
            for (final String difference : found)
            {
                if (differences.size() < MAX_DIFFERENCES)
                {
                    differences.add("line " + lineNumber + " (event " + events + ", " +
                        event.getClass().getSimpleName() + "): " + difference);
                }
                else
                {
                    truncated = true;
                }
            }
        }
        return new ReplayReport(events, differences, truncated);
    }

    private static void compareCommands(final JsonNode logged, final ArrayNode replayed, final List<String> found)
    {
        if (!(logged instanceof ArrayNode loggedArray))
        {
            found.add("commands: missing in the log");
            return;
        }
        final int n = Math.max(loggedArray.size(), replayed.size());
        for (int i = 0; i < n; i++)
        {
            final JsonNode expected = loggedArray.get(i);
            final JsonNode actual = replayed.get(i);
            if (null == expected)
            {
                found.add("command " + i + ": not in the log, replay " + actual);
            }
            else if (null == actual)
            {
                found.add("command " + i + ": log " + expected + ", not in the replay");
            }
            else if (!expected.equals(actual))
            {
                found.add("command " + i + ": log " + expected + "\n      replay " + actual);
            }
        }
    }
}
