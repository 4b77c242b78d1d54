package io.voxgate.server.history;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history bridge's background thread: takes items and call ends from the bridge's queues into per-call
 * {@link CallLane}s and writes them to the {@link HistorySink}.
 *
 * <ul>
 *   <li><b>Order:</b> a call's items are written one after the other, each only after the one before it succeeded
 *   or was given up on; calls do not wait for each other.</li>
 *   <li><b>Retries:</b> a failed write is tried again after the {@link RetryPolicy}'s backoff, at most
 *   {@code maxAttempts} attempts; a refusal ({@link HistoryRejectedException}) is not retried.</li>
 *   <li><b>Finalize:</b> once a call has ended and each of its items is written, given up on or was dropped at the
 *   queue, the call is finalized (retried likewise), once. If that has not happened {@code drainTimeout} after
 *   the end reached the worker, its waiting items are given up on and it is finalized anyway, reporting them
 *   {@code missing}; items of it that turn up later are counted failed.</li>
 *   <li><b>Memory:</b> at most {@code maxHeld} items are held in lanes; beyond that they stay in the bounded queue,
 *   whose overflow the producer counts.</li>
 * </ul>
 *
 * <p><b>Threading:</b> runs on its own thread; {@link #stop(long)} from any thread.
 */
final class HistoryWorker implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWorker.class);
    /**
     * How long the idle worker sleeps before looking at the queues again. History is not on any call's path, so
     * 10 ms of delay costs nothing, while a 2 ms poll cost the server ~1 s of CPU per loaded minute in wake-ups.
     */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Writes per lane per pass, so one call's backlog does not hold the others up. */
    private static final int BURST = 16;
    /** Calls finalized with items missing, remembered to count their stragglers. */
    private static final int REMEMBERED_CALLS = 4096;

    private final Queue<HistoryItem> items;
    private final Queue<CallSummary> ends;
    private final HistorySink sink;
    private final RetryPolicy retry;
    private final long drainTimeoutNanos;
    private final HistoryCounters counters;
    private final int maxHeld;
    private final LinkedHashMap<String, CallLane> lanes = new LinkedHashMap<>();
    private final LinkedHashMap<String, Boolean> finalizedWithMissing = new LinkedHashMap<>(16, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
        {
            return size() > REMEMBERED_CALLS;
        }
    };
    private int held;
    /** Lanes whose call has ended and that are not finalized yet: with none and nothing held, no lane needs a visit. */
    private int endsPending;
    private boolean failing;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;

    HistoryWorker(final Queue<HistoryItem> items, final Queue<CallSummary> ends, final HistorySink sink,
        final RetryPolicy retry, final long drainTimeoutNanos, final HistoryCounters counters, final int maxHeld)
    {
        this.items = items;
        this.ends = ends;
        this.sink = sink;
        this.retry = retry;
        this.drainTimeoutNanos = drainTimeoutNanos;
        this.counters = counters;
        this.maxHeld = maxHeld;
    }

    /**
     * Asks the worker to finish what it has and exit, by the deadline at the latest.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which to exit.
     */
    void stop(final long deadlineNanos)
    {
        stopDeadlineNanos = deadlineNanos;
        stopping = true;
    }

    @Override
    public void run()
    {
        while (true)
        {
            final long now = System.nanoTime();
            int work = 0;
            try
            {
                // Visiting every open call's lane on each idle wake-up cost more CPU than writing the items.
                work = take(now);
                if (held > 0 || endsPending > 0)
                {
                    work += serve(now);
                }
            }
            catch (final RuntimeException ex)
            {
                // A bug in one record must not stop the history of every other call.
                LOG.error("history worker error", ex);
            }
            if (stopping && (isIdle() || now - stopDeadlineNanos >= 0))
            {
                break;
            }
            if (0 == work)
            {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        abandonRest();
    }

    private int take(final long now)
    {
        int taken = 0;
        CallSummary end;
        while (null != (end = ends.poll()))
        {
            final CallLane lane = lanes.computeIfAbsent(end.sessionId(), CallLane::new);
            if (null == lane.end)
            {
                endsPending++;
            }
            lane.end = end;
            lane.finalizeDeadlineNanos = now + drainTimeoutNanos;
            taken++;
        }
        HistoryItem item;
        while (held < maxHeld && null != (item = items.poll()))
        {
            taken++;
            if (finalizedWithMissing.containsKey(item.sessionId()))
            {
                counters.failed.incrementAndGet();
                continue;
            }
            lanes.computeIfAbsent(item.sessionId(), CallLane::new).items.addLast(item);
            held++;
        }
        return taken;
    }

    private int serve(final long now)
    {
        int work = 0;
        final boolean queuesEmpty = items.isEmpty() && ends.isEmpty();
        final Iterator<CallLane> all = lanes.values().iterator();
        while (all.hasNext())
        {
            final CallLane lane = all.next();
            if (null != lane.end && !lane.items.isEmpty() && now - lane.finalizeDeadlineNanos >= 0)
            {
                giveUpItems(lane);
                lane.nextAttemptNanos = now;
            }
            for (int i = 0; i < BURST && lane.nextAttemptNanos - now <= 0; i++)
            {
                final HistoryItem head = lane.items.peekFirst();
                if (null != head)
                {
                    work++;
                    writeHead(lane, head, now);
                    continue;
                }
                if (null != lane.end && (lane.allAccounted() || now - lane.finalizeDeadlineNanos >= 0 ||
                    stopping && queuesEmpty))
                {
                    work++;
                    if (finalizeLane(lane, now))
                    {
                        all.remove();
                        endsPending--;
                    }
                }
                break;
            }
        }
        return work;
    }

    private void writeHead(final CallLane lane, final HistoryItem head, final long now)
    {
        try
        {
            sink.write(head);
        }
        catch (final HistoryRejectedException ex)
        {
            LOG.warn("history item refused: {}", ex.getMessage());
            failItem(lane);
            return;
        }
        catch (final Exception ex)
        {
            if (failed(lane, now, ex))
            {
                failItem(lane);
            }
            return;
        }
        counters.written.incrementAndGet();
        lane.accounted++;
        lane.items.pollFirst();
        held--;
        succeeded(lane);
    }

    private void failItem(final CallLane lane)
    {
        counters.failed.incrementAndGet();
        lane.accounted++;
        lane.failed++;
        lane.attempts = 0;
        lane.items.pollFirst();
        held--;
    }

    private void giveUpItems(final CallLane lane)
    {
        final int count = lane.items.size();
        lane.items.clear();
        held -= count;
        lane.accounted += count;
        lane.failed += count;
        lane.attempts = 0;
        counters.failed.addAndGet(count);
    }

    /**
     * Finalizes a lane's call.
     *
     * @return true when the lane is done (finalized or given up on).
     */
    private boolean finalizeLane(final CallLane lane, final long now)
    {
        final CallSummary end = lane.end;
        final long missing = Math.max(0, end.items() - end.dropped() - lane.accounted);
        try
        {
            sink.finalizeCall(new Finalization(end, lane.failed, missing));
            counters.finalized.incrementAndGet();
            succeeded(lane);
        }
        catch (final HistoryRejectedException ex)
        {
            LOG.warn("history finalization refused: {}", ex.getMessage());
            counters.finalizeFailed.incrementAndGet();
        }
        catch (final Exception ex)
        {
            if (!failed(lane, now, ex))
            {
                return false;
            }
            counters.finalizeFailed.incrementAndGet();
        }
        if (missing > 0)
        {
            finalizedWithMissing.put(lane.sessionId, Boolean.TRUE);
        }
        return true;
    }

    private void succeeded(final CallLane lane)
    {
        lane.attempts = 0;
        if (failing)
        {
            failing = false;
            LOG.info("history sink {} recovered", sink.describe());
        }
    }

    /**
     * Records a failed attempt of a lane's head write.
     *
     * @return true when the write is given up on (attempts exhausted), false when it will be retried.
     */
    private boolean failed(final CallLane lane, final long now, final Exception ex)
    {
        if (!failing)
        {
            failing = true;
            LOG.warn("history sink {} failing, retrying with backoff: {}", sink.describe(), ex.toString());
        }
        if (++lane.attempts >= retry.maxAttempts())
        {
            lane.attempts = 0;
            return true;
        }
        counters.retried.incrementAndGet();
        lane.nextAttemptNanos = now + retry.delayNanos(lane.attempts);
        return false;
    }

    private boolean isIdle()
    {
        if (!items.isEmpty() || !ends.isEmpty())
        {
            return false;
        }
        for (final CallLane lane : lanes.values())
        {
            if (!lane.items.isEmpty() || null != lane.end)
            {
                return false;
            }
        }
        return true;
    }

    /** At exit: whatever was not delivered is counted, so the counters add up. */
    private void abandonRest()
    {
        long undelivered = held;
        while (null != items.poll())
        {
            undelivered++;
        }
        for (final CallLane lane : lanes.values())
        {
            if (null != lane.end)
            {
                counters.finalizeFailed.incrementAndGet();
            }
        }
        while (null != ends.poll())
        {
            counters.finalizeFailed.incrementAndGet();
        }
        if (undelivered > 0)
        {
            counters.failed.addAndGet(undelivered);
            LOG.warn("history worker stopped with {} items undelivered", undelivered);
        }
        lanes.clear();
        endsPending = 0;
        held = 0;
    }
}
