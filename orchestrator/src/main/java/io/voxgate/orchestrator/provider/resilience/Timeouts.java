package io.voxgate.orchestrator.provider.resilience;

/**
 * A provider's timeouts, in milliseconds.
 *
 * @param connectMs   to open the connection. Default 3000.
 * @param firstByteMs from the request to the first byte of output (first token, first audio). Default 5000.
 * @param idleMs      longest gap between two pieces of a stream once it flows. Default 5000.
 */
public record Timeouts(long connectMs, long firstByteMs, long idleMs)
{
    /** The defaults. */
    public static final Timeouts DEFAULTS = new Timeouts(3000, 5000, 5000);

    /**
     * Validates.
     *
     * @param connectMs   positive.
     * @param firstByteMs positive.
     * @param idleMs      positive.
     */
    public Timeouts
    {
        if (connectMs <= 0 || firstByteMs <= 0 || idleMs <= 0)
        {
            throw new IllegalArgumentException("timeouts must be positive: " + connectMs + "/" + firstByteMs + "/" +
                idleMs);
        }
    }
}
