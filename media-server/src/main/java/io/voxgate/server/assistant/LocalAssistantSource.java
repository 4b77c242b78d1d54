package io.voxgate.server.assistant;

import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.AssistantConfigReader;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Assistants from the local directory ({@code ASSISTANT_LOCAL_CONFIG_DIR/ID.yaml}), read and validated on each
 * fetch: the engine-only source ({@code BACKEND_MODE=disabled}, or {@code auto} without {@code BACKEND_URL}).
 *
 * <p>Thread-safe (it keeps no state).
 */
public final class LocalAssistantSource implements AssistantConfigSource
{
    /** IDs that are safe as a file name (no path separators, no {@code ..}). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");

    private final Path directory;
    private final AssistantConfigReader reader = new AssistantConfigReader();

    /**
     * @param directory the assistants directory; it may not exist (then no assistant is found).
     */
    public LocalAssistantSource(final Path directory)
    {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public AssistantConfig fetch(final String id) throws AssistantFetchException
    {
        if (!ID.matcher(id).matches() || !Files.isRegularFile(directory.resolve(id + ".yaml")))
        {
            return null;
        }
        try
        {
            return reader.read(directory, id);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new AssistantFetchException(AssistantFetchOutcome.MALFORMED, ex.getMessage(), ex);
        }
        catch (final UncheckedIOException ex)
        {
            throw new AssistantFetchException(AssistantFetchOutcome.UNREACHABLE, ex.getMessage(), ex);
        }
    }

    @Override
    public String describe()
    {
        return directory.toAbsolutePath().toString();
    }
}
