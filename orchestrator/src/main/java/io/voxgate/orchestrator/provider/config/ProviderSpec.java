package io.voxgate.orchestrator.provider.config;

import java.util.Map;
import java.util.Objects;

/**
 * One provider as an assistant file names it: {@code {name: openai, options: {model: gpt-4o-mini}}}.
 *
 * @param name    the registry name ({@code freetts}, {@code scripted}, {@code none}, {@code openai}, ...).
 * @param options provider-specific options (base URL, model, key variable, timeouts), immutable.
 */
public record ProviderSpec(String name, Map<String, Object> options)
{
    /**
     * Validates and copies.
     *
     * @param name    required.
     * @param options {@code null} for none.
     */
    public ProviderSpec
    {
        Objects.requireNonNull(name, "provider name");
        options = null == options ? Map.of() : Map.copyOf(options);
    }

    /**
     * A provider without options.
     *
     * @param name the registry name.
     * @return the spec.
     */
    public static ProviderSpec of(final String name)
    {
        return new ProviderSpec(name, Map.of());
    }

    /**
     * A text option.
     *
     * @param key          the option.
     * @param defaultValue when absent.
     * @return its value as text.
     */
    public String text(final String key, final String defaultValue)
    {
        final Object value = options.get(key);
        return null == value ? defaultValue : value.toString();
    }

    /**
     * A whole-number option.
     *
     * @param key          the option.
     * @param defaultValue when absent.
     * @return its value.
     * @throws IllegalArgumentException when it is not a number.
     */
    public long number(final String key, final long defaultValue)
    {
        final Object value = options.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("provider " + name + ": option " + key + " must be a number, not '" +
                value + "'", ex);
        }
    }
}
