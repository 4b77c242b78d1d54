package io.voxgate.server.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

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
 * own timeout, after which the processor's {@code onTimeout} runs: for the orchestrator, the time until its next
 * timer is due (it asks, through the {@code LongSupplier} given, before each sleep; other threads that post it work
 * call {@link #wakeLaterStages()}), for the DSP shards a long bound (they have nothing to do unless audio arrives).
 *
 * <p>A stage is "first" when its barrier has no stage before it: the Disruptor then passes the cursor itself as the
 * dependent sequence. The first stage signals the later stages each time it comes back to wait, that is after its
 * processor has moved its sequence past the batch it just handled.
 *
 * <p>A producer thread may defer its wake-ups of the first stage ({@link #beginDeferral()} .. {@link #endDeferral()}):
 * an event loop that publishes the frames of many calls in one I/O batch then wakes a sleeping DSP shard once for
 * the batch rather than once per frame.
 *
 * <p>Allocation: none per wait (a {@code Condition} would allocate a node each time): the first stages wait on a
 * monitor, the later stage parks. Thread-safe: one instance serves every processor of the ring, with any number of
 * first-stage processors and at most one later-stage processor (the orchestrator).
 */
public final class StagedWaitStrategy implements WaitStrategy
{
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /**
     * A deferring producer still wakes the first stage every this many publishes, which bounds what deferral adds
     * to a frame's latency (16 frames of an event loop's work, ~0.15 ms here).
     */
    static final int MAX_DEFERRED_PUBLISHES = 16;

    /** A producer thread's deferral: whether it is on and how many publishes it has held back. */
    private static final class Deferral
    {
        boolean active;
        int held;
    }

    private final ThreadLocal<Deferral> deferrals = ThreadLocal.withInitial(Deferral::new);

    private final Object published = new Object();
    private final AtomicBoolean publishedSignalNeeded = new AtomicBoolean();
    private final AtomicLong firstStageWakeUps = new AtomicLong();
    private final AtomicBoolean processedSignalNeeded = new AtomicBoolean();
    private final AtomicBoolean laterStageWakeRequested = new AtomicBoolean();
    private volatile Thread laterStage;
    private final long firstStageTimeoutNanos;
    private final long laterStageTimeoutNanos;
    private final LongSupplier laterStageSleepNanos;

    /**
     * @param firstStageTimeout how long the first stage sleeps before its processor's {@code onTimeout} runs.
     * @param laterStageTimeout how long a later stage sleeps before its processor's {@code onTimeout} runs.
     * @param unit              unit of both timeouts.
     */
    public StagedWaitStrategy(final long firstStageTimeout, final long laterStageTimeout, final TimeUnit unit)
    {
        this(firstStageTimeout, laterStageTimeout, unit, () -> Long.MAX_VALUE);
    }

    /**
     * @param firstStageTimeout    how long the first stage sleeps before its processor's {@code onTimeout} runs
     *                             (whole milliseconds: a monitor wait rounds up to them).
     * @param maxLaterStageTimeout the longest a later stage sleeps before its processor's {@code onTimeout} runs.
     * @param unit                 unit of both timeouts.
     * @param laterStageSleepNanos asked on the later stage's thread before it sleeps: how long it may (nanoseconds,
     *                             0 for not at all); capped by {@code maxLaterStageTimeout}.
     */
    public StagedWaitStrategy(final long firstStageTimeout, final long maxLaterStageTimeout, final TimeUnit unit,
        final LongSupplier laterStageSleepNanos)
    {
        this.firstStageTimeoutNanos = unit.toNanos(firstStageTimeout);
        this.laterStageTimeoutNanos = unit.toNanos(maxLaterStageTimeout);
        this.laterStageSleepNanos = laterStageSleepNanos;
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
            wakeLaterStage();
            return awaitPublished(sequence, cursor, barrier);
        }
        return awaitProcessed(sequence, dependentSequence, barrier);
    }

    @Override
    public void signalAllWhenBlocking()
    {
        final Deferral deferral = deferrals.get();
        if (deferral.active && ++deferral.held < MAX_DEFERRED_PUBLISHES)
        {
            return;
        }
        deferral.held = 0;
        signalPublished();
    }

    /**
     * From now until {@link #endDeferral()}, this thread's publishes do not wake the first stage one by one: an
     * event loop defers them to the end of its I/O batch, so a DSP shard wakes once for a batch of frames instead of
     * once per frame (every {@link #MAX_DEFERRED_PUBLISHES}th publish still wakes it).
     *
     * @return true when the deferral began now, false when this thread was already deferring.
     */
    public boolean beginDeferral()
    {
        final Deferral deferral = deferrals.get();
        if (deferral.active)
        {
            return false;
        }
        deferral.active = true;
        return true;
    }

    /**
     * Ends this thread's deferral and wakes the first stage if any publish was held back (the thread that began it).
     */
    public void endDeferral()
    {
        final Deferral deferral = deferrals.get();
        deferral.active = false;
        if (deferral.held > 0)
        {
            deferral.held = 0;
            signalPublished();
        }
    }

    /**
     * @return how many times a publish found the first stage asleep and woke it (any thread; for tests and tuning).
     */
    long firstStageWakeUps()
    {
        return firstStageWakeUps.get();
    }

    private void signalPublished()
    {
        if (publishedSignalNeeded.getAndSet(false))
        {
            firstStageWakeUps.incrementAndGet();
            synchronized (published)
            {
                published.notifyAll();
            }
        }
    }

    /**
     * Wakes a sleeping later stage so that its processor's {@code onTimeout} runs now (any thread; costs an atomic
     * exchange when it does not sleep): for work that reaches it outside the ring.
     */
    public void wakeLaterStages()
    {
        laterStageWakeRequested.set(true);
        wakeLaterStage();
    }

    private void wakeLaterStage()
    {
        if (processedSignalNeeded.getAndSet(false))
        {
            LockSupport.unpark(laterStage);
        }
    }

    private long awaitPublished(final long sequence, final Sequence cursor, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        long available = cursor.get();
        if (available >= sequence)
        {
            return available;
        }
        final long deadline = System.nanoTime() + firstStageTimeoutNanos;
        synchronized (published)
        {
            while (true)
            {
                publishedSignalNeeded.set(true);
                available = cursor.get();
                if (available >= sequence)
                {
                    return available;
                }
                barrier.checkAlert();
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
                published.wait(Math.max(1, remaining / NANOS_PER_MILLI));
            }
        }
    }

    private long awaitProcessed(final long sequence, final Sequence dependent, final SequenceBarrier barrier)
        throws AlertException, TimeoutException
    {
        long available = dependent.get();
        if (available >= sequence)
        {
            return available;
        }
        final Thread self = Thread.currentThread();
        if (laterStage != self)
        {
            laterStage = self;
        }
        final long deadline = System.nanoTime() + Math.min(laterStageTimeoutNanos, laterStageSleepNanos.getAsLong());
        while (true)
        {
            processedSignalNeeded.set(true);
            available = dependent.get();
            if (available >= sequence)
            {
                return available;
            }
            barrier.checkAlert();
            final long remaining = deadline - System.nanoTime();
            // A wake request ends the wait as a timeout would: the processor's onTimeout does the work.
            if (remaining <= 0 || laterStageWakeRequested.getAndSet(false))
            {
                throw TimeoutException.INSTANCE;
            }
            LockSupport.parkNanos(this, remaining);
        }
    }
}
