package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;

/**
 * Where the orchestrator reports what each call's history is made of: the call's start, every command the reducer
 * emits and every event it applies (the implementation keeps the ones worth persisting: final transcripts,
 * assistant messages, tool calls and results), and the call's end.
 *
 * <p><b>Threading:</b> every method is called on the orchestrator thread, which serves every call; an
 * implementation must return at once: no I/O, no blocking, no lock another thread may hold (hand the work to a
 * queue with a non-blocking offer). Calls for one index arrive in order: {@code callStarted}, then commands and
 * events, then {@code callEnded}; the index may be reused by the next call after that.
 *
 * <p>The methods are no-ops by default; {@link #NONE} records nothing.
 */
public interface CallHistory
{
    /** Records nothing: the pipeline's default. */
    CallHistory NONE = new CallHistory()
    {
    };

    /**
     * A call started (before its first event is applied).
     *
     * @param index     the session index.
     * @param start     what the transport learned at the start.
     * @param sessionId the orchestrator's session ID (the stream SID).
     * @param epochMs   wall-clock start time, milliseconds since the epoch.
     */
    default void callStarted(final int index, final CallStart start, final String sessionId, final long epochMs)
    {
    }

    /**
     * A command the reducer emitted for the call at {@code index}.
     *
     * @param index   the session index.
     * @param command the command.
     */
    default void command(final int index, final Command command)
    {
    }

    /**
     * An event about to be applied to the call at {@code index}.
     *
     * @param index the session index.
     * @param event the event.
     */
    default void event(final int index, final Event event)
    {
    }

    /**
     * The call ended: its last command has been reported.
     *
     * @param index   the session index.
     * @param reason  why ({@code stop}, {@code closed}, ...).
     * @param epochMs wall-clock end time, milliseconds since the epoch.
     */
    default void callEnded(final int index, final String reason, final long epochMs)
    {
    }
}
