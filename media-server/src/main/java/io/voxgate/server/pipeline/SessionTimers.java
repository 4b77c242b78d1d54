package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.TimerKind;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;

import java.util.concurrent.TimeUnit;

/**
 * The orchestrator's timer service: the reducer's {@code StartTimer}/{@code CancelTimer} commands, kept in one
 * deadline timer wheel for all calls, fire back as due {@code (session, kind, timerId)} triples. At most one timer
 * per session and kind is pending, as in the reducer, so a restart replaces the previous one.
 *
 * <p>Time: the wheel runs on the pipeline clock in nanoseconds with ~1 ms ticks; a session's due time is its
 * session-clock milliseconds plus the session's start. The reducer never sees the clock: a firing becomes a
 * {@code TimerFired} event.
 *
 * <p>Allocation: none per timer in steady state (the wheel and the primitive map grow once).
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
    private static final long TICK_NANOS = 1L << 20;

    private final DeadlineTimerWheel wheel;
    private final Long2LongHashMap slotByWheelId = new Long2LongHashMap(-1L);
    private final long[] wheelIds;
    private final long[] timerIds;
    private final DeadlineTimerWheel.TimerHandler onExpiry = this::onExpiry;
    private Expiry expiry;

    SessionTimers(final int maxCalls, final long startNanos)
    {
        wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, startNanos, TICK_NANOS, 1024);
        wheelIds = new long[maxCalls * KINDS.length];
        timerIds = new long[maxCalls * KINDS.length];
    }

    void start(final int sessionIndex, final TimerKind kind, final long timerId, final long deadlineNanos)
    {
        final int slot = sessionIndex * KINDS.length + kind.ordinal();
        cancelSlot(slot);
        final long wheelId = wheel.scheduleTimer(deadlineNanos);
        wheelIds[slot] = wheelId;
        timerIds[slot] = timerId;
        slotByWheelId.put(wheelId, slot);
    }

    void cancel(final int sessionIndex, final TimerKind kind, final long timerId)
    {
        final int slot = sessionIndex * KINDS.length + kind.ordinal();
        if (timerIds[slot] == timerId)
        {
            cancelSlot(slot);
        }
    }

    void cancelAll(final int sessionIndex)
    {
        for (int k = 0; k < KINDS.length; k++)
        {
            cancelSlot(sessionIndex * KINDS.length + k);
        }
    }

    int pending()
    {
        return (int)wheel.timerCount();
    }

    /**
     * Fires every timer due at {@code nowNanos}, catching up tick by tick after a pause.
     */
    int poll(final long nowNanos, final Expiry handler)
    {
        expiry = handler;
        int fired = 0;
        do
        {
            fired += wheel.poll(nowNanos, onExpiry, Integer.MAX_VALUE);
        }
        while (wheel.currentTickTime() <= nowNanos);
        expiry = null;
        return fired;
    }

    private boolean onExpiry(final TimeUnit unit, final long now, final long wheelId)
    {
        final long slot = slotByWheelId.remove(wheelId);
        if (slot < 0)
        {
            return true;
        }
        final int index = (int)slot;
        final long timerId = timerIds[index];
        wheelIds[index] = 0;
        timerIds[index] = 0;
        expiry.onDue(index / KINDS.length, KINDS[index % KINDS.length], timerId, now);
        return true;
    }

    private void cancelSlot(final int slot)
    {
        if (timerIds[slot] != 0)
        {
            final long wheelId = wheelIds[slot];
            wheel.cancelTimer(wheelId);
            slotByWheelId.remove(wheelId);
            wheelIds[slot] = 0;
            timerIds[slot] = 0;
        }
    }
}
