package io.voxgate.server.config;

import java.util.Locale;

/**
 * Where assistant configurations come from ({@code BACKEND_MODE}).
 */
public enum BackendMode
{
    /** From the backend when {@code BACKEND_URL} is set, else local only. */
    AUTO,
    /** From the backend at {@code BACKEND_URL} (required), falling back to the cache and the local files. */
    HTTP,
    /** Local files only (engine-only), even when {@code BACKEND_URL} is set for other uses. */
    DISABLED;

    static BackendMode parse(final String text)
    {
        try
        {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not one of auto, http, disabled");
        }
    }
}
