package io.voxgate.orchestrator.provider.resilience;

/**
 * How a request waits before a retry. Production waits on the run's {@link CancelSignal} (so a cancel ends the wait
 * at once); tests record the delays and return at once, so they assert exact backoff values without sleeping.
 */
@FunctionalInterface
public interface Backoff
{
    /** Waits on the cancel signal. */
    Backoff WAIT = (delayMs, cancel) -> !cancel.awaitCancel(delayMs);

    /**
     * Waits before the next attempt.
     *
     * @param delayMs how long.
     * @param cancel  the run's cancellation.
     * @return true to go on, false when the run was cancelled meanwhile.
     */
    boolean pause(long delayMs, CancelSignal cancel);
}
