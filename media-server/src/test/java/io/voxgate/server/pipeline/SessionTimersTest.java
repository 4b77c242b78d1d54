package io.voxgate.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxgate.orchestrator.model.TimerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SessionTimersTest
{
    private static final TimerKind[] KINDS = TimerKind.values();

    private final SessionTimers timers = new SessionTimers(64);
    private final List<String> fired = new ArrayList<>();
    private final SessionTimers.Expiry record = (session, kind, timerId, now) ->
        fired.add(session + "/" + kind + "/" + timerId + "@" + now);

    @Test
    void firesDueTimersEarliestFirstAndKeepsTheRest()
    {
        timers.start(3, KINDS[0], 31, 300);
        timers.start(1, KINDS[0], 11, 100);
        timers.start(2, KINDS[0], 21, 200);
        assertEquals(100, timers.nextDeadlineNanos());

        assertEquals(2, timers.poll(250, record));
        assertEquals(List.of("1/" + KINDS[0] + "/11@250", "2/" + KINDS[0] + "/21@250"), fired);
        assertEquals(1, timers.pending());
        assertEquals(300, timers.nextDeadlineNanos());
    }

    @Test
    void aRestartReplacesTheTimerOfTheSameSessionAndKindAndAStaleCancelIsIgnored()
    {
        timers.start(5, KINDS[0], 1, 100);
        timers.start(5, KINDS[0], 2, 500);
        assertEquals(1, timers.pending());
        assertEquals(500, timers.nextDeadlineNanos());

        timers.cancel(5, KINDS[0], 1);
        assertEquals(1, timers.pending(), "cancelling the replaced timer's ID changes nothing");
        timers.cancel(5, KINDS[0], 2);
        assertEquals(0, timers.pending());
        assertEquals(Long.MAX_VALUE, timers.nextDeadlineNanos());
        assertEquals(0, timers.poll(Long.MAX_VALUE, record));
    }

    @Test
    void cancelAllDropsEveryKindOfOneSessionOnly()
    {
        for (int k = 0; k < KINDS.length; k++)
        {
            timers.start(7, KINDS[k], 70 + k, 1_000 + k);
            timers.start(8, KINDS[k], 80 + k, 2_000 + k);
        }
        timers.cancelAll(7);
        assertEquals(KINDS.length, timers.pending());
        assertEquals(2_000, timers.nextDeadlineNanos());
    }

    @Test
    void aTimerStartedByTheHandlerWaitsForTheNextPollEvenWhenDue()
    {
        timers.start(1, KINDS[0], 1, 10);
        final SessionTimers.Expiry rearm = (session, kind, timerId, now) ->
        {
            fired.add(String.valueOf(timerId));
            timers.start(session, kind, timerId + 1, now);
        };
        assertEquals(1, timers.poll(50, rearm));
        assertEquals(1, timers.poll(50, rearm));
        assertEquals(List.of("1", "2"), fired);
        assertEquals(50, timers.nextDeadlineNanos());
    }

    @Test
    void matchesASortedMapOfDeadlinesOverRandomStartsCancelsAndPolls()
    {
        final SplittableRandom random = new SplittableRandom(20261122);
        final TreeMap<Long, Integer> expected = new TreeMap<>();
        final long[] deadlineOfSlot = new long[64 * KINDS.length];
        final long[] idOfSlot = new long[deadlineOfSlot.length];
        long now = 0;
        long nextId = 1;
        for (int step = 0; step < 20_000; step++)
        {
            final int session = random.nextInt(64);
            final int kind = random.nextInt(KINDS.length);
            final int slot = session * KINDS.length + kind;
            final int action = random.nextInt(10);
            if (action < 6)
            {
                // Unique deadlines, so the expected firing order is total.
                final long deadline = now + 1 + random.nextInt(1_000) * 1_000L + step % 1_000;
                if (expected.containsKey(deadline))
                {
                    continue;
                }
                if (idOfSlot[slot] != 0)
                {
                    expected.remove(deadlineOfSlot[slot]);
                }
                timers.start(session, KINDS[kind], nextId, deadline);
                idOfSlot[slot] = nextId++;
                deadlineOfSlot[slot] = deadline;
                expected.put(deadline, slot);
            }
            else if (action < 8)
            {
                if (idOfSlot[slot] != 0)
                {
                    timers.cancel(session, KINDS[kind], idOfSlot[slot]);
                    expected.remove(deadlineOfSlot[slot]);
                    idOfSlot[slot] = 0;
                }
            }
            else
            {
                now += random.nextInt(200_000);
                final List<String> want = new ArrayList<>();
                while (!expected.isEmpty() && expected.firstKey() <= now)
                {
                    final int due = expected.pollFirstEntry().getValue();
                    want.add(due / KINDS.length + "/" + KINDS[due % KINDS.length] + "/" + idOfSlot[due] + "@" + now);
                    idOfSlot[due] = 0;
                }
                fired.clear();
                timers.poll(now, record);
                assertEquals(want, fired, "step " + step);
            }
            assertEquals(expected.size(), timers.pending(), "step " + step);
            assertEquals(expected.isEmpty() ? Long.MAX_VALUE : expected.firstKey(), timers.nextDeadlineNanos(),
                "step " + step);
        }
    }
}
