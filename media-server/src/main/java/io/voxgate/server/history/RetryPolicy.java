package io.voxgate.server.history;

import java.time.Duration;

/**
 * How the history worker retries a failed write: at most {@code maxAttempts} attempts in all, the n-th retry
 * {@code backoff * 2^(n-1)} after the failure, the doubling stopping at {@code 64 * backoff} so a long outage is
 * still probed now and then. Immutable.
 *
 * @param maxAttempts attempts per write, at least 1 ({@code HISTORY_RETRY_MAX_ATTEMPTS}).
 * @param backoff     delay before the first retry ({@code HISTORY_RETRY_BACKOFF_SEC}).
 */
public record RetryPolicy(int maxAttempts, Duration backoff)
{
    private static final int MAX_DOUBLINGS = 6;

    /**
     * Validates.
     *
     * @param maxAttempts attempts, at least 1.
     * @param backoff     first delay, not negative.
     */
    public RetryPolicy
    {
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (backoff.isNegative())
        {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
    }

    /**
     * The wait after a failed attempt.
     *
     * @param failedAttempts attempts failed so far, from 1.
     * @return nanoseconds until the next attempt.
     */
    public long delayNanos(final int failedAttempts)
    {
        return backoff.toNanos() << Math.min(MAX_DOUBLINGS, Math.max(0, failedAttempts - 1));
    }
}
