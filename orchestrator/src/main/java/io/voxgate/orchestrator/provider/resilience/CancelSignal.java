package io.voxgate.orchestrator.provider.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The cancellation of one run's request: set once, it runs the registered hooks (cancel the HTTP call, close the
 * socket) and wakes a retry pause, so cancelling stops network traffic at once.
 *
 * <p><b>Threading:</b> thread-safe; {@link #cancel()} from the orchestrator thread, hooks registered and waits made
 * by the request's thread. A hook registered after cancellation runs at once.
 */
public final class CancelSignal
{
    private final CountDownLatch latch = new CountDownLatch(1);
    private final List<Runnable> hooks = new ArrayList<>();

    /**
     * Cancels: runs the hooks once, wakes waiters. Idempotent.
     */
    public void cancel()
    {
        final List<Runnable> toRun;
        synchronized (this)
        {
            if (latch.getCount() == 0)
            {
                return;
            }
            latch.countDown();
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        for (final Runnable hook : toRun)
        {
            hook.run();
        }
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled.
     */
    public boolean isCancelled()
    {
        return latch.getCount() == 0;
    }

    /**
     * Registers what cancelling must stop (runs it now if already cancelled).
     *
     * @param hook e.g. {@code call::cancel}.
     */
    public void onCancel(final Runnable hook)
    {
        synchronized (this)
        {
            if (latch.getCount() != 0)
            {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /**
     * Waits up to {@code ms} unless cancelled first.
     *
     * @param ms how long.
     * @return true when cancelled.
     */
    public boolean awaitCancel(final long ms)
    {
        try
        {
            return latch.await(ms, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
