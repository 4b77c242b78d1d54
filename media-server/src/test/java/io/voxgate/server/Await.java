package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another thread makes true, polling; the bound is a liveness check (a hung server fails the
 * test instead of hanging it), never a timing assertion.
 */
public final class Await
{
    private Await()
    {
    }

    /**
     * Polls until {@code condition} holds; fails the test if it never does within the liveness bound.
     *
     * @param what      what is awaited, for the failure message.
     * @param condition the condition another thread makes true.
     */
    public static void until(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TwilioTestClient.PATIENCE_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("gave up waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }
}
