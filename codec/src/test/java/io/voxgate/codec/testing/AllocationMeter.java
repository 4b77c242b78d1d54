package io.voxgate.codec.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap bytes the current thread allocates while running a piece of code, through
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long)}.
 *
 * <p>Used by the zero-allocation tests of every per-frame path: warm the code up first (so the JIT has compiled it
 * and escape analysis applies), then measure many iterations. The meter's own calls allocate nothing once it has
 * been called once, which {@link #measure(int, Runnable)} does before it starts counting.
 *
 * <p>Not thread-safe: measure on the thread that runs the code.
 */
public final class AllocationMeter
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private AllocationMeter()
    {
    }

    /**
     * Runs {@code body} {@code warmUp} times unmeasured, then {@code iterations} times measured.
     *
     * @param warmUp     unmeasured iterations first, so the JIT compiles the path.
     * @param iterations measured iterations.
     * @param body       the code under test.
     * @return bytes allocated by this thread during the measured iterations.
     */
    public static long allocatedBytes(final int warmUp, final int iterations, final Runnable body)
    {
        for (int i = 0; i < warmUp; i++)
        {
            body.run();
        }
        return measure(iterations, body);
    }

    /**
     * Bytes this thread allocates while running {@code body} {@code iterations} times.
     *
     * @param iterations how often to run the body.
     * @param body       the code under test.
     * @return bytes allocated during those runs.
     */
    public static long measure(final int iterations, final Runnable body)
    {
        final long threadId = Thread.currentThread().threadId();
        THREADS.getThreadAllocatedBytes(threadId);
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < iterations; i++)
        {
            body.run();
        }
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }
}
