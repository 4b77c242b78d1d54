package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.model.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A test {@link EventSink}: a queue of the published events and a settable session clock. Waits are bounded and
 * conditional (never a sleep): {@link #awaitEvent} returns as soon as a matching event arrives.
 */
public final class RecordingSink implements EventSink
{
    /** Upper bound of every wait; only reached when a test is about to fail. */
    public static final Duration BOUND = Duration.ofSeconds(20);

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> all = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    @Override
    public long nowMs()
    {
        return clock.get();
    }

    @Override
    public void publish(final Event event)
    {
        queue.add(event);
    }

    /**
     * Sets the session clock.
     *
     * @param ms the time.
     */
    public void nowMs(final long ms)
    {
        clock.set(ms);
    }

    /**
     * Takes events until one matches, keeping all of them in {@link #events()}.
     *
     * @param until the condition.
     * @return the matching event.
     * @throws AssertionError when none arrives within {@link #BOUND}.
     */
    public Event awaitEvent(final Predicate<Event> until)
    {
        final long deadline = System.nanoTime() + BOUND.toNanos();
        while (true)
        {
            final long left = deadline - System.nanoTime();
            final Event event;
            try
            {
                event = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
            if (null == event)
            {
                throw new AssertionError("no matching event; got " + all);
            }
            all.add(event);
            if (until.test(event))
            {
                return event;
            }
        }
    }

    /**
     * Moves whatever has arrived into {@link #events()} without waiting.
     *
     * @return the events so far.
     */
    public List<Event> drain()
    {
        queue.drainTo(all);
        return all;
    }

    /**
     * The events taken so far.
     *
     * @return them, in order.
     */
    public List<Event> events()
    {
        return all;
    }

    /**
     * Takes the next event, waiting at most {@link #BOUND}.
     *
     * @return the event, or {@code null} when none arrived.
     */
    public Event poll()
    {
        try
        {
            final Event event = queue.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            if (null != event)
            {
                all.add(event);
            }
            return event;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
