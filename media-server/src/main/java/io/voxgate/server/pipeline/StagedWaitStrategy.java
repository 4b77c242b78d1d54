package io.voxgate.server.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ingress ring's wait strategy: the first stage (the DSP shards) blocks until a producer publishes, and a later
 * stage (the orchestrator) blocks until a stage before it finishes a batch, each woken by exactly the thread it waits
 * for.
 *
 * <p>Why: the Disruptor's blocking strategies block on the cursor only and spin on the stages before, so the
 * orchestrator was woken by every publish and then had to poll the DSP shards' progress (spinning, later parking
 * for 20 µs at a time: the thread's most frequent reason to switch). Here the DSP shard wakes the orchestrator
 * once per batch it finishes, and only when the orchestrator actually sleeps.
 *
 * <p>Wake-ups are never lost: a waiter raises its flag before it checks the sequence it waits for, and a signaller
 * clears the flag after it has moved that sequence, so one of the two sees the other. Each kind of wait keeps its
 * own timeout, after which the processor's {@code onTimeout} runs: short for the orchestrator (it fires timers and
 * drains provider events there), long for the DSP shards (they have nothing to do unless audio arrives).
 *
 * <p>A stage is "first" when its barrier has no stage before it: the Disruptor then passes the cursor itself as the
 * dependent sequence. The first stage signals the later stages each time it comes back to wait, that is after its
 * processor has moved its sequence past the batch it just handled. Thread-safe: one instance serves every processor
 * of the ring.
 */
public final class StagedWaitStrategy implements WaitStrategy
{
    private final ReentrantLock publishedLock = new ReentrantLock();
    private final Condition published = publishedLock.newCondition();
    private final AtomicBoolean publishedSignalNeeded = new AtomicBoolean();
    private final ReentrantLock processedLock = new ReentrantLock();
    private final Condition processed = processedLock.newCondition();
    private final AtomicBoolean processedSignalNeeded = new AtomicBoolean();
    private final long firstStageTimeoutNanos;
    private final long laterStageTimeoutNanos;

    /**
     * @param firstStageTimeout how long the first stage sleeps before its processor's {@code onTimeout} runs.
     * @param laterStageTimeout how long a later stage sleeps before its processor's {@code onTimeout} runs.
     * @param unit              unit of both timeouts.
     */
    public StagedWaitStrategy(final long firstStageTimeout, final long laterStageTimeout, final TimeUnit unit)
    {
        this.firstStageTimeoutNanos = unit.toNanos(firstStageTimeout);
        this.laterStageTimeoutNanos = unit.toNanos(laterStageTimeout);
    }

    @Override
    public long waitFor(
        final long sequence,
        final Sequence cursor,
        final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException, TimeoutException
    {
        if (dependentSequence == cursor)
        {
            // Coming back to wait means this stage's sequence has just moved: the stages after it may go on.
            signal(processedSignalNeeded, processedLock, processed);
            return await(sequence, cursor, barrier, publishedLock, published, publishedSignalNeeded,
                firstStageTimeoutNanos);
        }
        return await(sequence, dependentSequence, barrier, processedLock, processed, processedSignalNeeded,
            laterStageTimeoutNanos);
    }

    @Override
    public void signalAllWhenBlocking()
    {
        signal(publishedSignalNeeded, publishedLock, published);
    }

    private static long await(
        final long sequence,
        final Sequence awaited,
        final SequenceBarrier barrier,
        final ReentrantLock lock,
        final Condition condition,
        final AtomicBoolean signalNeeded,
        final long timeoutNanos) throws AlertException, InterruptedException, TimeoutException
    {
        long available = awaited.get();
        if (available >= sequence)
        {
            return available;
        }
        long remaining = timeoutNanos;
        lock.lock();
        try
        {
            while (true)
            {
                signalNeeded.set(true);
                available = awaited.get();
                if (available >= sequence)
                {
                    return available;
                }
                barrier.checkAlert();
                if (remaining <= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
                remaining = condition.awaitNanos(remaining);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private static void signal(final AtomicBoolean signalNeeded, final ReentrantLock lock, final Condition condition)
    {
        if (signalNeeded.getAndSet(false))
        {
            lock.lock();
            try
            {
                condition.signalAll();
            }
            finally
            {
                lock.unlock();
            }
        }
    }
}
