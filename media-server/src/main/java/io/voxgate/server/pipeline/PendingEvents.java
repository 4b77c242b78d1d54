package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.Session;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * Events waiting to be applied on the orchestrator thread: answers that built-in backends post while a command is
 * being executed (the reducer must not be re-entered), due timers, and answers provider backends post from their
 * own threads. The local FIFO of {@code (index, session, event)} lives in parallel arrays that double when full
 * (rarely: a few events per command), so queuing allocates nothing in steady state.
 *
 * <p><b>Threading:</b> {@link #post} may be called from any thread: on the owning orchestrator thread it queues
 * locally; from another thread it offers to a bounded multi-producer inbox (the offer is the release, the owner's
 * poll in {@link #takeInbox()} the acquire). Everything else is for the owning thread only.
 */
final class PendingEvents
{
    /** Events from provider threads waiting for the orchestrator: ~2 s of replies of 1,000 calls. */
    private static final int INBOX_SIZE = 64 * 1024;

    /** An event posted from another thread, with the session it was posted for. */
    private record Posted(int index, Session session, Event event)
    {
    }

    private final ManyToOneConcurrentArrayQueue<Posted> inbox = new ManyToOneConcurrentArrayQueue<>(INBOX_SIZE);
    private final PipelineCounters counters;
    private volatile Thread owner;
    private volatile Runnable wake = () ->
    {
    };

    private int[] indices = new int[64];
    private Session[] sessions = new Session[64];
    private Event[] events = new Event[64];
    private int head;
    private int size;

    PendingEvents(final PipelineCounters counters)
    {
        this.counters = counters;
    }

    /** Sets the thread that applies the events (until then every post is taken as the owner's, e.g. in tests). */
    void ownedBy(final Thread thread)
    {
        owner = thread;
    }

    /** Sets what wakes the owning thread after another thread posted (it may sleep until its next timer). */
    void wakeWith(final Runnable wake)
    {
        this.wake = wake;
    }

    /** Takes an event for a session from any thread; a full inbox drops it and counts it. */
    void post(final int index, final Session session, final Event event)
    {
        final Thread thread = owner;
        if (null == thread || thread == Thread.currentThread())
        {
            add(index, session, event);
        }
        else if (inbox.offer(new Posted(index, session, event)))
        {
            wake.run();
        }
        else
        {
            // The orchestrator is far behind; the run's response timer recovers the call.
            counters.orchestrator.incrementAndGet(PipelineCounters.ORC_INBOX_DROPS);
        }
    }

    /** Moves the events other threads posted into the local queue, in their order (owning thread). */
    void takeInbox()
    {
        Posted posted;
        while (null != (posted = inbox.poll()))
        {
            add(posted.index(), posted.session(), posted.event());
        }
    }

    void add(final int index, final Session session, final Event event)
    {
        if (size == events.length)
        {
            grow();
        }
        final int at = (head + size) & (events.length - 1);
        indices[at] = index;
        sessions[at] = session;
        events[at] = event;
        size++;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /** @return whether no other thread's event waits in the inbox (owning thread). */
    boolean inboxIsEmpty()
    {
        return inbox.isEmpty();
    }

    int size()
    {
        return size;
    }

    int headIndex()
    {
        return indices[head];
    }

    Session headSession()
    {
        return sessions[head];
    }

    Event headEvent()
    {
        return events[head];
    }

    void removeHead()
    {
        sessions[head] = null;
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        size--;
    }

    private void grow()
    {
        final int capacity = events.length * 2;
        final int[] newIndices = new int[capacity];
        final Session[] newSessions = new Session[capacity];
        final Event[] newEvents = new Event[capacity];
        for (int i = 0; i < size; i++)
        {
            final int from = (head + i) & (events.length - 1);
            newIndices[i] = indices[from];
            newSessions[i] = sessions[from];
            newEvents[i] = events[from];
        }
        indices = newIndices;
        sessions = newSessions;
        events = newEvents;
        head = 0;
    }
}
