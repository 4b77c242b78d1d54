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

    /** How many measurement windows {@link #steadyStateBytes(int, int, Runnable)} tries at most. */
    public static final int STEADY_STATE_WINDOWS = 5;

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
     * Runs {@code body} {@code warmUp} times unmeasured, then measures up to {@value #STEADY_STATE_WINDOWS} windows
     * of {@code iterations} runs and returns the smallest count, stopping early at a window that allocated nothing.
     *
     * <p>Why several windows: on a loaded machine the JIT may still be installing compiled code during the first
     * window, and such a transition can allocate a few dozen bytes once (measured: 48 to 104 bytes, independent of
     * the code under test). A real per-frame allocation shows in every window ({@code iterations} times at least 16
     * bytes), so a window of 0 bytes is proof that the steady state allocates nothing.
     *
     * @param warmUp     unmeasured iterations first, so the JIT compiles the path.
     * @param iterations measured iterations per window.
     * @param body       the code under test.
     * @return the fewest bytes allocated by this thread in one window.
     */
    public static long steadyStateBytes(final int warmUp, final int iterations, final Runnable body)
    {
        long fewest = allocatedBytes(warmUp, iterations, body);
        for (int window = 1; window < STEADY_STATE_WINDOWS && fewest != 0; window++)
        {
            fewest = Math.min(fewest, measure(iterations, body));
        }
        return fewest;
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
