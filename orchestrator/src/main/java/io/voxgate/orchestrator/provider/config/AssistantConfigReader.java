package io.voxgate.orchestrator.provider.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code config/assistants/ID.yaml} into an {@link AssistantConfig}. Unknown keys are errors, so a typo fails
 * at start-up with the file and the key named.
 *
 * <p><b>Threading:</b> thread-safe (Jackson's mapper is, once configured).
 */
public final class AssistantConfigReader
{
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads {@code directory/ID.yaml}.
     *
     * @param directory the assistants directory (e.g. {@code config/assistants}).
     * @param id        the assistant's ID.
     * @return the assistant.
     * @throws IllegalArgumentException when the file is missing or invalid, with the reason.
     */
    public AssistantConfig read(final Path directory, final String id)
    {
        final Path file = directory.resolve(id + ".yaml");
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("no assistant '" + id + "': " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file))
        {
            return read(in, file.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /**
     * Reads every {@code *.yaml} of a directory, by ID (the file name must match the {@code id} inside).
     *
     * @param directory the assistants directory.
     * @return the assistants by ID, sorted.
     * @throws IllegalArgumentException for an invalid file or a file whose {@code id} differs from its name.
     */
    public SortedMap<String, AssistantConfig> readAll(final Path directory)
    {
        final SortedMap<String, AssistantConfig> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.filter((f) -> f.getFileName().toString().endsWith(".yaml")).toList())
            {
                final String name = file.getFileName().toString();
                final String id = name.substring(0, name.length() - ".yaml".length());
                final AssistantConfig config = read(directory, id);
                if (!config.id().equals(id))
                {
                    throw new IllegalArgumentException(file + ": id '" + config.id() +
                        "' does not match the file name");
                }
                all.put(id, config);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
        return all;
    }

    /**
     * Reads an assistant from YAML.
     *
     * @param in     the YAML.
     * @param source the file name, for errors.
     * @return the assistant.
     * @throws IllegalArgumentException when the YAML is invalid, with the reason.
     */
    public AssistantConfig read(final InputStream in, final String source)
    {
        try
        {
            return yaml.readValue(in, AssistantConfig.class);
        }
        catch (final ValueInstantiationException ex)
        {
            final Throwable cause = null == ex.getCause() ? ex : ex.getCause();
            throw new IllegalArgumentException(source + ": " + cause.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }
}
