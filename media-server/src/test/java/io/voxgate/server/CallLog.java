package io.voxgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.Session;
import io.voxgate.orchestrator.replay.SessionLogCodec;

/**
 * One call's session log as the server writes it ({@code SESSION_LOG_DIR}), read while the call runs: the
 * orchestrator's decisions (commands) and, replayed through a fresh reducer, its session with the history of what
 * the caller heard. The log is flushed when its writer is idle and when the call ends, so a test waits for a
 * decision with {@link Await#until}.
 */
final class CallLog
{
    private static final SessionLogCodec CODEC = new SessionLogCodec();

    private final Path directory;
    private final String streamSid;
    private long parsedSize = -1;
    private List<ObjectNode> parsed = List.of();
    private List<Command> parsedCommands = List.of();

    CallLog(final Path directory, final String streamSid)
    {
        this.directory = directory;
        this.streamSid = streamSid;
    }

    /** The complete lines written so far (none before the file exists); the header first. */
    List<ObjectNode> lines()
    {
        final Path file = file();
        if (null == file)
        {
            return List.of();
        }
        final String text;
        try
        {
            // Tests poll: parse again only when the writer has flushed more.
            final long size = Files.size(file);
            if (size == parsedSize)
            {
                return parsed;
            }
            parsedSize = size;
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<ObjectNode> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start))
        {
            lines.add(CODEC.parse(lines.size() + 1, text.substring(start, end)));
            start = end + 1;
        }
        final List<Command> commands = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++)
        {
            for (final JsonNode command : lines.get(i).path("commands"))
            {
                commands.add(CODEC.read(i + 1, command, Command.class));
            }
        }
        parsed = List.copyOf(lines);
        parsedCommands = List.copyOf(commands);
        return parsed;
    }

    /** Every command the orchestrator issued so far, in order. */
    List<Command> commands()
    {
        lines();
        return parsedCommands;
    }

    /** Commands of one kind so far, in order. */
    <C extends Command> List<C> commands(final Class<C> kind)
    {
        return commands().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** What the caller heard of each reply so far, in order (the reducer's {@code SendAssistantMessage}s). */
    List<Command.SendAssistantMessage> assistantMessages()
    {
        return commands(Command.SendAssistantMessage.class);
    }

    /** Whether the reply of a turn has been heard to its end. */
    boolean replyCompleted(final int turn)
    {
        return assistantMessages().stream().anyMatch(m -> m.turn() == turn && !m.interrupted());
    }

    /** The session the log describes: its events applied to a fresh session with the logged settings. */
    Session replay()
    {
        final List<ObjectNode> lines = lines();
        final ObjectNode header = lines.getFirst();
        final Session session = new Session(header.path("sessionId").asText(),
            CODEC.read(1, header.path("settings"), AssistantSettings.class));
        final CallReducer reducer = new CallReducer();
        for (int i = 1; i < lines.size(); i++)
        {
            reducer.apply(session, CODEC.read(i + 1, lines.get(i).path("event"), Event.class), command ->
            {
            });
        }
        return session;
    }

    /** The history of the replayed session. */
    List<ChatMessage> history()
    {
        return replay().history();
    }

    private Path file()
    {
        if (!Files.isDirectory(directory))
        {
            return null;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(f -> f.getFileName().toString().startsWith(streamSid + "_")).findFirst()
                .orElse(null);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
