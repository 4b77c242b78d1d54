package io.voxgate.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Parses durations as people write them in configuration: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h},
 * a bare number of seconds ({@code 30}) or ISO-8601 ({@code PT30S}).
 */
final class DurationText
{
    private DurationText()
    {
    }

    static Duration parse(final String text)
    {
        final String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p"))
        {
            try
            {
                return Duration.parse(value);
            }
            catch (final DateTimeParseException ex)
            {
                throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 30s, 500ms, 2m)");
            }
        }
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end)))
        {
            end++;
        }
        if (end == 0 || end > 12)
        {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 30s, 500ms, 2m)");
        }
        final long amount = Long.parseLong(value.substring(0, end));
        return switch (value.substring(end))
        {
            case "", "s" -> Duration.ofSeconds(amount);
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException(
                "'" + text + "' has an unknown unit (use ms, s, m or h)");
        };
    }
}
