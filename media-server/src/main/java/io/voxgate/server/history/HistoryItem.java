package io.voxgate.server.history;

import java.util.Map;

/**
 * One persisted entry of a call's history. Items of a call are numbered {@code 0, 1, 2, ...} in the order the
 * orchestrator produced them ({@link #seq()}); {@code sessionId:seq} identifies an item everywhere (it is the HTTP
 * sink's idempotency key), so order and exactly-once delivery can be checked. Item 0 is always
 * {@link CallStarted}. Immutable: created on the orchestrator thread, read by the history worker.
 */
public sealed interface HistoryItem
{
    /**
     * @return the call's session ID (the stream SID).
     */
    String sessionId();

    /**
     * @return the item's number within its call, from 0.
     */
    long seq();

    /**
     * @return when the item was produced, milliseconds since the epoch.
     */
    long epochMs();

    /**
     * The call's metadata, item 0.
     *
     * @param sessionId        the session ID.
     * @param seq              0.
     * @param epochMs          start time.
     * @param callSid          the call SID (may be empty).
     * @param accountSid       the account SID (may be empty).
     * @param assistant        the assistant the call asked for (empty: the server's default).
     * @param customParameters the stream's custom parameters.
     */
    record CallStarted(String sessionId, long seq, long epochMs, String callSid, String accountSid,
        String assistant, Map<String, String> customParameters) implements HistoryItem
    {
    }

    /**
     * What the user said (a final transcript) or typed.
     *
     * @param sessionId the session ID.
     * @param seq       item number.
     * @param epochMs   time.
     * @param turn      the user turn.
     * @param text      the text.
     */
    record UserTranscript(String sessionId, long seq, long epochMs, int turn, String text) implements HistoryItem
    {
    }

    /**
     * What the assistant said, as far as the caller heard it.
     *
     * @param sessionId   the session ID.
     * @param seq         item number.
     * @param epochMs     time.
     * @param turn        the turn.
     * @param runId       the reply's run.
     * @param text        the heard text.
     * @param interrupted whether the reply was cut short (barge-in, failure, end of call).
     */
    record AssistantMessage(String sessionId, long seq, long epochMs, int turn, long runId, String text,
        boolean interrupted) implements HistoryItem
    {
    }

    /**
     * A tool call the model made.
     *
     * @param sessionId     the session ID.
     * @param seq           item number.
     * @param epochMs       time.
     * @param turn          the turn.
     * @param runId         the run.
     * @param callId        the tool call's ID.
     * @param name          the tool's name.
     * @param argumentsJson the arguments as the model wrote them.
     * @param clientSide    whether the client executes it (else the server does).
     */
    record ToolCalled(String sessionId, long seq, long epochMs, int turn, long runId, String callId, String name,
        String argumentsJson, boolean clientSide) implements HistoryItem
    {
    }

    /**
     * A tool call's result.
     *
     * @param sessionId  the session ID.
     * @param seq        item number.
     * @param epochMs    time.
     * @param turn       the turn.
     * @param runId      the run.
     * @param callId     the tool call's ID.
     * @param resultJson the result text.
     * @param error      whether the tool failed.
     * @param clientSide whether the client executed it.
     */
    record ToolResulted(String sessionId, long seq, long epochMs, int turn, long runId, String callId,
        String resultJson, boolean error, boolean clientSide) implements HistoryItem
    {
    }
}
