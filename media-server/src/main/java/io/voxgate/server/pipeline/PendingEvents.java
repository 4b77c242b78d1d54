package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.Session;

/**
 * Events waiting to be applied on the orchestrator thread: answers that built-in backends post while a command is
 * being executed (the reducer must not be re-entered), and due timers. A FIFO of {@code (index, session, event)}
 * in parallel arrays that double when full (rarely: a few events per command), so queuing allocates nothing in
 * steady state.
 *
 * <p>Owned by the orchestrator thread.
 */
final class PendingEvents
{
    private int[] indices = new int[64];
    private Session[] sessions = new Session[64];
    private Event[] events = new Event[64];
    private int head;
    private int size;

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
