package io.voxgate.server.history;

import java.util.Map;

/**
 * A call's end, as the orchestrator reported it: the metadata again (so a backend that lost item 0 still has it),
 * the end time and reason, and how many items the call produced ({@code items}: sequence numbers
 * {@code 0..items-1}) of which {@code dropped} never entered the queue (overflow). The worker finalizes the call
 * with it once the other items are accounted for. Immutable.
 *
 * @param sessionId        the session ID.
 * @param callSid          the call SID.
 * @param accountSid       the account SID.
 * @param assistant        the assistant the call asked for.
 * @param customParameters the stream's custom parameters.
 * @param startedEpochMs   start time, milliseconds since the epoch.
 * @param endedEpochMs     end time, milliseconds since the epoch.
 * @param endReason        why the call ended ({@code stop}, {@code closed}, ...).
 * @param items            sequence numbers handed out.
 * @param dropped          of those, how many overflowed the queue.
 */
public record CallSummary(String sessionId, String callSid, String accountSid, String assistant,
    Map<String, String> customParameters, long startedEpochMs, long endedEpochMs, String endReason, long items,
    long dropped)
{
}
