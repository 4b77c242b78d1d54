package io.voxgate.server.history;

/**
 * A call's finalization as the worker writes it: the {@link CallSummary} plus what became of the items that
 * entered the queue. {@code items - dropped - failed - missing} items were delivered.
 *
 * @param summary the call's end.
 * @param failed  items the worker gave up on (retries exhausted or refused).
 * @param missing items still undelivered when the drain timeout finalized the call anyway.
 */
public record Finalization(CallSummary summary, long failed, long missing)
{
    /**
     * @return the items delivered.
     */
    public long delivered()
    {
        return summary.items() - summary.dropped() - failed - missing;
    }
}
