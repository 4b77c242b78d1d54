package io.voxgate.server.config;

import java.io.Serial;
import java.util.List;

/**
 * Bad server configuration found at start-up: every problem found, one per setting, in one message that names the
 * environment variable and flag to fix.
 */
public final class ConfigException extends IllegalArgumentException
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception from the problems found.
     *
     * @param problems one sentence per bad setting, never empty.
     */
    public ConfigException(final List<String> problems)
    {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The individual problems, one per bad setting.
     *
     * @return an unmodifiable list.
     */
    public List<String> problems()
    {
        return problems;
    }
}
