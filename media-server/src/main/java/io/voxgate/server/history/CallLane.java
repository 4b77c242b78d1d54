package io.voxgate.server.history;

import java.util.ArrayDeque;

/**
 * The history worker's state of one call: its items taken from the queue and not yet written (oldest first: the
 * head is written before anything behind it, which keeps the call's order), the retry state of the head write,
 * and the call's end once reported. Lanes make one call's retries independent of the others'.
 *
 * <p><b>Threading:</b> the history worker's only.
 */
final class CallLane
{
    final String sessionId;
    final ArrayDeque<HistoryItem> items = new ArrayDeque<>();
    /** The call's end, or {@code null} while it runs. */
    CallSummary end;
    long finalizeDeadlineNanos;
    /** Items of this call written or given up on. */
    long accounted;
    long failed;
    /** Failed attempts of the write at the head (an item, or the finalization when no item is left). */
    int attempts;
    long nextAttemptNanos;

    CallLane(final String sessionId)
    {
        this.sessionId = sessionId;
    }

    /**
     * @return whether every item the call produced has been written, given up on, or dropped at the queue.
     */
    boolean allAccounted()
    {
        return accounted + end.dropped() >= end.items();
    }
}
