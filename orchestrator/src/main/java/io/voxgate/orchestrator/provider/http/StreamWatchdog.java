package io.voxgate.orchestrator.provider.http;

import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.Timeouts;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a streaming request's first-byte and idle timeouts: until the first {@link #progress()} the stream may
 * take {@code firstByteMs} from {@link #start()}; after it, no gap between two progress calls may exceed
 * {@code idleMs}. On expiry it records which timeout expired and runs the expiry action (cancel the call), which
 * makes the reading thread's blocked read fail.
 *
 * <p>One task is scheduled at a time: progress only stores a timestamp, the task reschedules itself for the time
 * left, so a fast stream costs no scheduling per chunk.
 *
 * <p><b>Threading:</b> {@link #progress()} from the reading thread, the check on the scheduler thread; state
 * crosses through volatile fields.
 */
public final class StreamWatchdog implements Runnable
{
    private final ScheduledExecutorService scheduler;
    private final long firstByteNanos;
    private final long idleNanos;
    private final Runnable onExpiry;
    private volatile long startNanos;
    private volatile long lastProgressNanos;
    private volatile boolean progressed;
    private volatile boolean stopped;
    private volatile ErrorKind expired;
    private ScheduledFuture<?> task;

    /**
     * A watchdog for one attempt.
     *
     * @param scheduler where the check runs.
     * @param timeouts  the first-byte and idle timeouts.
     * @param onExpiry  what stops the request (e.g. {@code call::cancel}).
     */
    public StreamWatchdog(final ScheduledExecutorService scheduler, final Timeouts timeouts, final Runnable onExpiry)
    {
        this.scheduler = scheduler;
        this.firstByteNanos = TimeUnit.MILLISECONDS.toNanos(timeouts.firstByteMs());
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(timeouts.idleMs());
        this.onExpiry = onExpiry;
    }

    /**
     * Starts the first-byte clock (when the request is sent).
     */
    public synchronized void start()
    {
        startNanos = System.nanoTime();
        task = scheduler.schedule(this, firstByteNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Something arrived: the first call ends the first-byte wait, every call restarts the idle clock.
     */
    public void progress()
    {
        lastProgressNanos = System.nanoTime();
        progressed = true;
    }

    /**
     * The request is over (success or failure): no expiry any more.
     */
    public synchronized void stop()
    {
        stopped = true;
        if (null != task)
        {
            task.cancel(false);
        }
    }

    /**
     * Which timeout expired, if any.
     *
     * @return {@link ErrorKind#FIRST_BYTE_TIMEOUT}, {@link ErrorKind#IDLE_TIMEOUT}, or {@code null}.
     */
    public ErrorKind expired()
    {
        return expired;
    }

    @Override
    public void run()
    {
        if (stopped)
        {
            return;
        }
        final boolean flowing = progressed;
        final long deadline = flowing ? lastProgressNanos + idleNanos : startNanos + firstByteNanos;
        final long left = deadline - System.nanoTime();
        if (left > 0)
        {
            synchronized (this)
            {
                if (!stopped)
                {
                    task = scheduler.schedule(this, left, TimeUnit.NANOSECONDS);
                }
            }
            return;
        }
        expired = flowing ? ErrorKind.IDLE_TIMEOUT : ErrorKind.FIRST_BYTE_TIMEOUT;
        onExpiry.run();
    }
}
