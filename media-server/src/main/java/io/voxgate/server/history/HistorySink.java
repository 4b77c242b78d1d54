package io.voxgate.server.history;

import java.io.IOException;

/**
 * Where the history worker persists items and finalizations. A write either succeeds, fails for a while
 * ({@link IOException}: the worker retries it with backoff) or is refused for good
 * ({@link HistoryRejectedException}: not retried). A write may be repeated after a failure whose effect is unknown
 * (a lost response), so a sink must make a repeated write harmless: the HTTP sink sends idempotency keys, the file
 * sink's lines carry {@code sessionId} and {@code seq}.
 *
 * <p><b>Threading:</b> called on the history worker thread only; {@link #close()} after the worker stopped.
 */
public interface HistorySink extends AutoCloseable
{
    /**
     * Persists one item.
     *
     * @param item the item.
     * @throws HistoryRejectedException if the sink refuses it for good.
     * @throws IOException              if it could not be written now (retried).
     */
    void write(HistoryItem item) throws IOException;

    /**
     * Marks a call complete. Repeating it for the same call must be harmless.
     *
     * @param end the finalization.
     * @throws HistoryRejectedException if the sink refuses it for good.
     * @throws IOException              if it could not be written now (retried).
     */
    void finalizeCall(Finalization end) throws IOException;

    /**
     * @return what the sink writes to, for the start-up banner.
     */
    String describe();

    /**
     * Releases files and connections.
     */
    @Override
    void close();
}
