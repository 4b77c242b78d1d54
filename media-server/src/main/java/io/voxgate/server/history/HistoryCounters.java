package io.voxgate.server.history;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The history bridge's counters, monotonic, for {@code /metrics} and tests. {@code queued + dropped} is every item
 * offered; every queued item ends up {@code written} or {@code failed} (or is still pending:
 * {@link #pending()}). {@code retried} counts failed attempts that were tried again.
 *
 * <p><b>Threading:</b> {@code queued} and {@code dropped} are written by the producer (orchestrator) thread, the
 * rest by the worker; each has a single writer, any thread reads.
 */
public final class HistoryCounters
{
    final AtomicLong queued = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong callsEnded = new AtomicLong();
    final AtomicLong finalized = new AtomicLong();
    final AtomicLong finalizeFailed = new AtomicLong();

    /** @return items accepted into the queue. */
    public long queued()
    {
        return queued.get();
    }

    /** @return items refused because the queue was full (the call went on). */
    public long dropped()
    {
        return dropped.get();
    }

    /** @return items the sink took. */
    public long written()
    {
        return written.get();
    }

    /** @return failed attempts that were tried again (items and finalizations). */
    public long retried()
    {
        return retried.get();
    }

    /** @return queued items given up on: refused, retries exhausted, or past the drain timeout. */
    public long failed()
    {
        return failed.get();
    }

    /** @return call ends reported by the orchestrator. */
    public long callsEnded()
    {
        return callsEnded.get();
    }

    /** @return calls finalized in the sink. */
    public long finalized()
    {
        return finalized.get();
    }

    /** @return calls whose finalization was given up on. */
    public long finalizeFailed()
    {
        return finalizeFailed.get();
    }

    /**
     * Items queued but neither written nor given up yet: the queue's depth, including items waiting for a retry.
     *
     * @return the depth.
     */
    public long pending()
    {
        return queued.get() - written.get() - failed.get();
    }

    /**
     * Whether every queued item and every ended call has been dealt with.
     *
     * @return true when nothing is pending.
     */
    public boolean isDrained()
    {
        return pending() == 0 && callsEnded.get() == finalized.get() + finalizeFailed.get();
    }
}
