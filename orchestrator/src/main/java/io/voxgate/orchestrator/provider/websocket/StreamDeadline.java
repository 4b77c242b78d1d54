package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.Timeouts;

import java.util.concurrent.TimeUnit;

/**
 * The first-byte and idle deadlines of one streamed answer read from a {@link QueuedWebSocket}: until the first
 * {@link #progress()} the answer may take {@code firstByteMs} from construction, afterwards {@code idleMs} from the
 * last progress. Frames that are not progress (another context's late chunks, keep-alives) do not extend it.
 *
 * <p><b>Threading:</b> the reading thread only.
 */
public final class StreamDeadline
{
    private final Timeouts timeouts;
    private final long startNanos = System.nanoTime();
    private long deadlineNanos;
    private boolean progressed;

    /**
     * Starts the first-byte clock now.
     *
     * @param timeouts the provider's timeouts.
     */
    public StreamDeadline(final Timeouts timeouts)
    {
        this.timeouts = timeouts;
        this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(timeouts.firstByteMs());
    }

    /**
     * The answer moved on: restarts the idle clock.
     *
     * @return true the first time (for time-to-first-byte metrics).
     */
    public boolean progress()
    {
        final boolean first = !progressed;
        progressed = true;
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeouts.idleMs());
        return first;
    }

    /**
     * Nanoseconds from construction to now.
     *
     * @return the elapsed time.
     */
    public long elapsedNanos()
    {
        return System.nanoTime() - startNanos;
    }

    /**
     * How long the reader may still wait.
     *
     * @return milliseconds, at least 0.
     */
    public long remainingMs()
    {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /**
     * Whether the deadline has passed.
     *
     * @return true when expired.
     */
    public boolean expired()
    {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * The failure of an expired deadline.
     *
     * @return {@link ErrorKind#FIRST_BYTE_TIMEOUT} or {@link ErrorKind#IDLE_TIMEOUT} with the bound in the message.
     */
    public ProviderException failure()
    {
        return progressed ?
            new ProviderException(ErrorKind.IDLE_TIMEOUT, "stream idle for " + timeouts.idleMs() + " ms") :
            new ProviderException(ErrorKind.FIRST_BYTE_TIMEOUT, "no first byte within " + timeouts.firstByteMs() +
                " ms");
    }
}
