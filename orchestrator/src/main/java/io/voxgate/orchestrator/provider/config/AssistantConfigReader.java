package io.voxgate.orchestrator.provider.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code config/assistants/ID.yaml} (or the same document as JSON, which is YAML too) into an
 * {@link AssistantConfig}. The document is first checked field by field ({@code AssistantFileValidator}: unknown
 * keys, wrong types, out-of-range numbers, missing required fields, bad providers, tools and scripts), so a bad file
 * fails at load with an {@link AssistantConfigException} naming the file, every bad field's path and the problem:
 * {@code hotel.yaml: tools[0].timeoutMs: 0 is outside 1..600000}.
 *
 * <p><b>Threading:</b> thread-safe (Jackson's mapper is, once configured).
 */
public final class AssistantConfigReader
{
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ObjectMapper json = new ObjectMapper()
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
                    throw new AssistantConfigException(file.toString(), List.of("id: '" + config.id() +
                        "' does not match the file name"), null);
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
     * @throws AssistantConfigException when the document is invalid, naming every bad field.
     * @throws UncheckedIOException      when the stream cannot be read.
     */
    public AssistantConfig read(final InputStream in, final String source)
    {
        return read(yaml, "YAML", in, source);
    }

    /**
     * Reads an assistant from JSON (the same document as the YAML file, as a control plane may serve it).
     *
     * @param in     the JSON.
     * @param source where it came from, for errors.
     * @return the assistant.
     * @throws AssistantConfigException when the document is invalid, naming every bad field.
     * @throws UncheckedIOException      when the stream cannot be read.
     */
    public AssistantConfig readJson(final InputStream in, final String source)
    {
        return read(json, "JSON", in, source);
    }

    private AssistantConfig read(final ObjectMapper mapper, final String format, final InputStream in,
        final String source)
    {
        final JsonNode root;
        try
        {
            root = mapper.readTree(in);
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation at = ex.getLocation();
            throw new AssistantConfigException(source, List.of("not valid " + format + ": " +
                firstLines(ex.getOriginalMessage()) +
                (null == at ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + source, ex);
        }
        final List<String> problems = AssistantFileValidator.validate(root);
        if (!problems.isEmpty())
        {
            throw new AssistantConfigException(source, problems, null);
        }
        try
        {
            return mapper.treeToValue(root, AssistantConfig.class);
        }
        catch (final ValueInstantiationException ex)
        {
            // Cross-field rules the records check (e.g. settings: maxEndpointingDelayMs < minEndpointingDelayMs).
            final Throwable cause = null == ex.getCause() ? ex : ex.getCause();
            throw new AssistantConfigException(source, List.of(cause.getMessage()), ex);
        }
        catch (final JsonProcessingException ex)
        {
            throw new AssistantConfigException(source, List.of(ex.getOriginalMessage()), ex);
        }
    }

    /** The parser's own lines, without the quoted excerpt and caret lines SnakeYAML adds (we give line and column). */
    private static String firstLines(final String message)
    {
        return message.lines().filter((line) -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .reduce((a, b) -> a + ", " + b).orElse(message.strip());
    }
}
