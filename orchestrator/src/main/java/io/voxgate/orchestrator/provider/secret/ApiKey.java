package io.voxgate.orchestrator.provider.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An API key. It comes only from an environment variable or a file, never from YAML; {@link #toString()} never
 * shows it, and {@link #redact(String)} removes it from any text (error bodies echo keys) before the text is
 * logged or becomes an event's reason.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiKey
{
    /** No key (local servers). */
    public static final ApiKey NONE = new ApiKey("", "none");

    private static final String MASK = "[redacted]";

    private final String value;
    private final String source;

    private ApiKey(final String value, final String source)
    {
        this.value = value;
        this.source = source;
    }

    /**
     * Reads a key from an environment variable.
     *
     * @param environment the environment.
     * @param variable    the variable's name.
     * @param required    whether a missing or empty variable is an error.
     * @return the key, or {@link #NONE} when absent and not required.
     * @throws IllegalArgumentException when required and absent (names the variable only).
     */
    public static ApiKey fromEnvironment(final Map<String, String> environment, final String variable,
        final boolean required)
    {
        final String value = environment.get(variable);
        if (null == value || value.isBlank())
        {
            if (required)
            {
                throw new IllegalArgumentException("API key missing: set the environment variable " + variable);
            }
            return NONE;
        }
        return new ApiKey(value.strip(), "env " + variable);
    }

    /**
     * Reads a key from a file (its content, trimmed; e.g. a mounted secret).
     *
     * @param file the file.
     * @return the key.
     * @throws IllegalArgumentException when the file is empty.
     * @throws UncheckedIOException     when it cannot be read.
     */
    public static ApiKey fromFile(final Path file)
    {
        try
        {
            final String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty())
            {
                throw new IllegalArgumentException("API key file is empty: " + file);
            }
            return new ApiKey(value, "file " + file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read API key file " + file, ex);
        }
    }

    /**
     * Whether there is a key.
     *
     * @return false for {@link #NONE}.
     */
    public boolean isPresent()
    {
        return !value.isEmpty();
    }

    /**
     * The key itself, for the one place that needs it: the request header.
     *
     * @return the key.
     */
    public String reveal()
    {
        return value;
    }

    /**
     * Removes the key (and any prefix-and-suffix echo of it as vendors print them, e.g. {@code sk-ab***wxyz}) from
     * a text.
     *
     * @param text the text, may be {@code null}.
     * @return the text without the key.
     */
    public String redact(final String text)
    {
        if (null == text || value.isEmpty())
        {
            return text;
        }
        String out = text.replace(value, MASK);
        if (value.length() >= 12)
        {
            // OpenAI's 401 echoes "sk-ab*********wxyz": drop any token that starts and ends like the key.
            final String head = java.util.regex.Pattern.quote(value.substring(0, 4));
            final String tail = java.util.regex.Pattern.quote(value.substring(value.length() - 4));
            out = out.replaceAll(head + "\\S*" + tail, MASK);
        }
        return out;
    }

    @Override
    public String toString()
    {
        return "ApiKey[" + source + ", " + (value.isEmpty() ? "empty" : MASK) + "]";
    }
}
