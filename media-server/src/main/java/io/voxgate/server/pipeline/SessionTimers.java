package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.TimerKind;

import java.util.Arrays;


/**
 * The orchestrator's timer service: the reducer's {@code StartTimer}/{@code CancelTimer} commands, kept in one
 * indexed binary min-heap of deadlines for all calls, fire back as due {@code (session, kind, timerId)} triples. At
 * most one timer per session and kind is pending, as in the reducer, so a restart replaces the previous one.
 *
 * <p>Why a heap: the orchestrator sleeps until {@link #nextDeadlineNanos()} unless audio or a provider event wakes
 * it, instead of waking every millisecond to poll a timer wheel; start, cancel and firing cost O(log n) in the
 * pending timers, and the earliest deadline is O(1).
 *
 * <p>Time: deadlines are pipeline-clock nanoseconds; a session's due time is its session-clock milliseconds plus the
 * session's start. A timer fires at the first poll at or after its deadline. The reducer never sees the clock: a
 * firing becomes a {@code TimerFired} event.
 *
 * <p>Allocation: none after construction (every array is sized by the call capacity).
 *
 * <p>Owned by the orchestrator thread.
 */
final class SessionTimers
{
    /** Receives due timers. */
    @FunctionalInterface
    interface Expiry
    {
        void onDue(int sessionIndex, TimerKind kind, long timerId, long nowNanos);
    }

    private static final TimerKind[] KINDS = TimerKind.values();
    private static final int NOT_QUEUED = -1;

    /** Per slot (session * kinds + kind): the deadline, the reducer's timer ID and the slot's place in the heap. */
    private final long[] deadlines;
    private final long[] timerIds;
    private final int[] heapIndex;
    /** Slots ordered as a binary min-heap on their deadlines. */
    private final int[] heap;
    private int size;

    SessionTimers(final int maxCalls)
    {
        final int slots = maxCalls * KINDS.length;
        deadlines = new long[slots];
        timerIds = new long[slots];
        heapIndex = new int[slots];
        Arrays.fill(heapIndex, NOT_QUEUED);
        heap = new int[slots];
    }

    void start(final int sessionIndex, final TimerKind kind, final long timerId, final long deadlineNanos)
    {
        final int slot = sessionIndex * KINDS.length + kind.ordinal();
        final long previous = deadlines[slot];
        deadlines[slot] = deadlineNanos;
        timerIds[slot] = timerId;
        final int at = heapIndex[slot];
        if (at == NOT_QUEUED)
        {
            heap[size] = slot;
            heapIndex[slot] = size;
            siftUp(size++);
        }
        else if (deadlineNanos < previous)
        {
            siftUp(at);
        }
        else
        {
            siftDown(at);
        }
    }

    void cancel(final int sessionIndex, final TimerKind kind, final long timerId)
    {
        final int slot = sessionIndex * KINDS.length + kind.ordinal();
        if (heapIndex[slot] != NOT_QUEUED && timerIds[slot] == timerId)
        {
            remove(slot);
        }
    }

    void cancelAll(final int sessionIndex)
    {
        for (int k = 0; k < KINDS.length; k++)
        {
            final int slot = sessionIndex * KINDS.length + k;
            if (heapIndex[slot] != NOT_QUEUED)
            {
                remove(slot);
            }
        }
    }

    int pending()
    {
        return size;
    }

    /**
     * @return the earliest pending deadline, or {@link Long#MAX_VALUE} when no timer is pending.
     */
    long nextDeadlineNanos()
    {
        return size == 0 ? Long.MAX_VALUE : deadlines[heap[0]];
    }

    /**
     * Fires, earliest first, every timer that was due at {@code nowNanos} when the poll began. A timer the handler
     * starts meanwhile waits for the next poll even if already due, so a handler that keeps re-arming cannot hold
     * the orchestrator here.
     *
     * @return the number of timers fired.
     */
    int poll(final long nowNanos, final Expiry handler)
    {
        int fired = 0;
        for (int limit = size; fired < limit && size > 0 && deadlines[heap[0]] <= nowNanos; fired++)
        {
            final int slot = heap[0];
            final long timerId = timerIds[slot];
            remove(slot);
            handler.onDue(slot / KINDS.length, KINDS[slot % KINDS.length], timerId, nowNanos);
        }
        return fired;
    }

    private void remove(final int slot)
    {
        final int at = heapIndex[slot];
        heapIndex[slot] = NOT_QUEUED;
        timerIds[slot] = 0;
        final int last = heap[--size];
        if (at == size)
        {
            return;
        }
        heap[at] = last;
        heapIndex[last] = at;
        if (at > 0 && deadlines[last] < deadlines[heap[(at - 1) >>> 1]])
        {
            siftUp(at);
        }
        else
        {
            siftDown(at);
        }
    }

    private void siftUp(final int from)
    {
        final int slot = heap[from];
        final long deadline = deadlines[slot];
        int at = from;
        while (at > 0)
        {
            final int parentAt = (at - 1) >>> 1;
            final int parent = heap[parentAt];
            if (deadlines[parent] <= deadline)
            {
                break;
            }
            heap[at] = parent;
            heapIndex[parent] = at;
            at = parentAt;
        }
        heap[at] = slot;
        heapIndex[slot] = at;
    }

    private void siftDown(final int from)
    {
        final int slot = heap[from];
        final long deadline = deadlines[slot];
        int at = from;
        while (true)
        {
            int childAt = 2 * at + 1;
            if (childAt >= size)
            {
                break;
            }
            if (childAt + 1 < size && deadlines[heap[childAt + 1]] < deadlines[heap[childAt]])
            {
                childAt++;
            }
            final int child = heap[childAt];
            if (deadlines[child] >= deadline)
            {
                break;
            }
            heap[at] = child;
            heapIndex[child] = at;
            at = childAt;
        }
        heap[at] = slot;
        heapIndex[slot] = at;
    }
}
