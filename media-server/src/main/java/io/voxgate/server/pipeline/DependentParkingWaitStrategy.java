package io.voxgate.server.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A wait strategy that blocks on the ring's cursor, like {@link LiteTimeoutBlockingWaitStrategy}, and then, when a
 * stage depends on an earlier stage (the orchestrator on the DSP shards), waits for that stage by spinning briefly and
 * then parking instead of spinning for as long as the earlier stage takes.
 *
 * <p>Why: every Disruptor blocking strategy blocks only on the cursor and busy-spins on the dependent sequences. The
 * orchestrator's barrier depends on the DSP shards, so for each media slot it spun for the whole time the DSP took on
 * it: a profile of {@code voxgate serve} under load found 85 % of the orchestrator thread's samples in that spin,
 * about doubling the server's CPU per frame on two cores. Parking costs at most one park period (tens of
 * microseconds) of ingress latency per batch, far inside the 5 ms ingress budget.
 *
 * <p>The idle timeout is kept for the dependent wait too, so a stage's {@code onTimeout} still runs at least once per
 * timeout (the orchestrator drains provider events there). Thread-safe: one instance serves every processor of a
 * ring.
 */
public final class DependentParkingWaitStrategy implements WaitStrategy
{
    private static final int SPINS_BEFORE_PARKING = 64;
    private static final long PARK_NANOS = 20_000;

    private final LiteTimeoutBlockingWaitStrategy cursorWait;
    private final long timeoutNanos;

    /**
     * @param timeout  how long a processor waits before its {@code onTimeout} runs.
     * @param unit     unit of {@code timeout}.
     */
    public DependentParkingWaitStrategy(final long timeout, final TimeUnit unit)
    {
        this.cursorWait = new LiteTimeoutBlockingWaitStrategy(timeout, unit);
        this.timeoutNanos = unit.toNanos(timeout);
    }

    @Override
    public long waitFor(
        final long sequence,
        final Sequence cursor,
        final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException, TimeoutException
    {
        // Passing the cursor as its own dependent makes the delegate return as soon as the cursor has moved.
        cursorWait.waitFor(sequence, cursor, cursor, barrier);
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }

        final long deadline = System.nanoTime() + timeoutNanos;
        int spins = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (spins < SPINS_BEFORE_PARKING)
            {
                spins++;
                Thread.onSpinWait();
            }
            else
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        cursorWait.signalAllWhenBlocking();
    }
}
