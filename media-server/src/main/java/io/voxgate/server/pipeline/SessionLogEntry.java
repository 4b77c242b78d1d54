package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.SessionSnapshot;

import java.util.List;

/**
 * What the orchestrator thread hands to the session log writer: immutable records, so the writer thread may encode
 * them while the orchestrator goes on. A log is identified by a number unique for the pipeline's lifetime (a session
 * index is reused by the next call).
 */
sealed interface SessionLogEntry
{
    /**
     * The log's number.
     *
     * @return the number given at {@link Open}.
     */
    long logId();

    /**
     * A call started: create its file and write the header.
     *
     * @param logId          the log's number.
     * @param streamSid      the stream (also the orchestrator session ID).
     * @param callSid        the call.
     * @param startedMillis  wall-clock start, ms since the epoch (file name only).
     * @param settings       the assistant's settings (the header).
     */
    record Open(long logId, String streamSid, String callSid, long startedMillis, AssistantSettings settings)
        implements SessionLogEntry
    {
    }

    /**
     * One applied event with the commands it produced and the state after it.
     *
     * @param logId    the log's number.
     * @param event    the event.
     * @param commands the commands (an immutable copy).
     * @param state    the state after the event.
     */
    record Line(long logId, Event event, List<Command> commands, SessionSnapshot state) implements SessionLogEntry
    {
    }

    /**
     * The call ended: close the file, with an incomplete trailer when events were dropped.
     *
     * @param logId         the log's number.
     * @param droppedEvents events not logged because the queue was full (0 for a complete log).
     */
    record Close(long logId, long droppedEvents) implements SessionLogEntry
    {
    }
}
