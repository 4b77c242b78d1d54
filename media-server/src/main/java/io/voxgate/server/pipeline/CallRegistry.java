package io.voxgate.server.pipeline;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The session table: hands each call a small integer index in {@code [0, maxCalls)} that all per-session state
 * arrays of the pipeline (and the transport's channel table) are indexed by, and keeps the call's
 * {@link CallStart} as a side table.
 *
 * <p>Life of an index:
 * <ol>
 *   <li>The transport {@link #acquire}s it on Twilio {@code start} (event loop), then publishes
 *   {@link SlotKind#START}. If that publish fails it must {@link #abandon} the index (the pipeline never saw it).</li>
 *   <li>While the call lives, the transport publishes media/dtmf/mark slots with it.</li>
 *   <li>The transport publishes exactly one terminal slot ({@link SlotKind#STOP} or {@link SlotKind#CLOSED}) and
 *   from then on must not use the index.</li>
 *   <li>The pipeline releases it on the egress thread, the last stage to touch a session, after calling
 *   {@link EgressSink#sessionEnded(int)}: so no stage can still be working on the old call when the index is
 *   handed to a new one.</li>
 * </ol>
 *
 * <p><b>Threading:</b> {@link #acquire} and {@link #abandon} are called by event loops, release by the egress thread;
 * they synchronize on the free list (once per call, not per frame). {@link #start(int)} is read by pipeline threads
 * after they have consumed the session's {@code START} slot: the ring's sequence publication orders the
 * acquiring event loop's write before their read.
 */
public final class CallRegistry
{
    /** {@link #acquire} result when all indices are in use. */
    public static final int NO_CAPACITY = -1;

    private final int maxCalls;
    private final int[] free;
    private final AtomicReferenceArray<CallStart> starts;
    /** The assistant each active session runs, fixed by the first pipeline thread that asks. */
    private final AtomicReferenceArray<AssistantBackend> assistants;
    private int freeCount;

    /**
     * A table for up to {@code maxCalls} concurrent calls.
     *
     * @param maxCalls capacity, at least 1.
     */
    public CallRegistry(final int maxCalls)
    {
        if (maxCalls < 1)
        {
            throw new IllegalArgumentException("maxCalls must be at least 1: " + maxCalls);
        }
        this.maxCalls = maxCalls;
        this.free = new int[maxCalls];
        this.starts = new AtomicReferenceArray<>(maxCalls);
        this.assistants = new AtomicReferenceArray<>(maxCalls);
        // Lowest index on top, so a quiet server reuses the same few (warm) entries.
        for (int i = 0; i < maxCalls; i++)
        {
            free[i] = maxCalls - 1 - i;
        }
        freeCount = maxCalls;
    }

    /**
     * @return the capacity.
     */
    public int maxCalls()
    {
        return maxCalls;
    }

    /**
     * Takes a free index for a new call and records its start.
     *
     * @param start what Twilio's {@code start} said.
     * @return the index, or {@link #NO_CAPACITY} when {@link #maxCalls()} calls are active (refuse the call).
     */
    public int acquire(final CallStart start)
    {
        final int index;
        synchronized (free)
        {
            if (freeCount == 0)
            {
                return NO_CAPACITY;
            }
            index = free[--freeCount];
        }
        starts.set(index, start);
        return index;
    }

    /**
     * Gives back an index whose {@code START} could not be published (nothing of the pipeline saw it).
     *
     * @param index an index from {@link #acquire} that was never published.
     */
    public void abandon(final int index)
    {
        release(index);
    }

    /**
     * The start of an active session.
     *
     * @param index the session index.
     * @return its start, or {@code null} if the index is free.
     */
    public CallStart start(final int index)
    {
        return starts.get(index);
    }

    /**
     * The assistant a session runs: resolved once, by whichever pipeline thread asks first (the DSP stage, to know
     * whether to upsample, or the orchestrator, to open it), so both see the same one even if the live assistants
     * change in between (a control-plane fetch replacing an assistant).
     *
     * @param index   an active session's index.
     * @param resolve finds the assistant for a start (called at most once per call, by a winning thread).
     * @return the session's assistant.
     */
    AssistantBackend assistant(final int index, final Function<CallStart, AssistantBackend> resolve)
    {
        final AssistantBackend fixed = assistants.get(index);
        if (null != fixed)
        {
            return fixed;
        }
        final AssistantBackend found = resolve.apply(starts.get(index));
        return assistants.compareAndSet(index, null, found) ? found : assistants.get(index);
    }

    /**
     * @return the number of sessions holding an index (acquired and not yet released).
     */
    public int activeCalls()
    {
        synchronized (free)
        {
            return maxCalls - freeCount;
        }
    }

    void release(final int index)
    {
        assistants.set(index, null);
        starts.set(index, null);
        synchronized (free)
        {
            if (freeCount == maxCalls)
            {
                throw new IllegalStateException("released more indices than acquired: " + index);
            }
            free[freeCount++] = index;
        }
    }
}
