package io.voxgate.orchestrator.provider.resilience;

import java.util.random.RandomGenerator;

/**
 * Retries with exponential backoff and full jitter, only for {@link ErrorKind#retryable() retryable} failures and
 * only before a request produced any output (after that a retry would repeat or contradict what was said).
 *
 * <p>The delay before attempt {@code n + 1} is {@code min(maxDelayMs, baseDelayMs * 2^(n-1))} scaled by
 * {@code 1 - jitter + jitter * r}, {@code r} uniform in [0, 1) from the given random (so tests are exact).
 *
 * @param maxAttempts total attempts including the first; 1 disables retries. Default 3.
 * @param baseDelayMs the delay before the second attempt, before jitter. Default 200.
 * @param maxDelayMs  the cap of the delay. Default 2000.
 * @param jitter      the fraction of the delay that is random, 0..1. Default 0.5.
 */
public record RetryPolicy(int maxAttempts, long baseDelayMs, long maxDelayMs, double jitter)
{
    /** The defaults. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(3, 200, 2000, 0.5);
    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, 0, 0, 0);

    /**
     * Validates.
     *
     * @param maxAttempts at least 1.
     * @param baseDelayMs not negative.
     * @param maxDelayMs  at least {@code baseDelayMs}.
     * @param jitter      in [0, 1].
     */
    public RetryPolicy
    {
        if (maxAttempts < 1 || baseDelayMs < 0 || maxDelayMs < baseDelayMs || jitter < 0 || jitter > 1)
        {
            throw new IllegalArgumentException("bad retry policy: " + maxAttempts + " attempts, " + baseDelayMs +
                ".." + maxDelayMs + " ms, jitter " + jitter);
        }
    }

    /**
     * The pause after a failed attempt.
     *
     * @param failedAttempt the attempt that failed, from 1.
     * @param random        the jitter source.
     * @return milliseconds to wait before the next attempt.
     */
    public long delayMs(final int failedAttempt, final RandomGenerator random)
    {
        final int shift = Math.min(failedAttempt - 1, 30);
        final long exponential = Math.min(maxDelayMs, baseDelayMs << shift);
        final double scale = 1.0 - jitter + jitter * random.nextDouble();
        return Math.round(exponential * scale);
    }
}
