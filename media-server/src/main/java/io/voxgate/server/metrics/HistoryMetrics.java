package io.voxgate.server.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.voxgate.server.history.HistoryCounters;

import static io.voxgate.server.metrics.CallbackMetrics.counter;
/**
 * The history bridge's counters as Prometheus metrics, read by callbacks at scrape time (the orchestrator thread
 * never touches Prometheus):
 *
 * <table>
 *   <caption>Exported metrics</caption>
 *   <tr><th>metric</th><th>what</th></tr>
 *   <tr><td>{@code voxgate_history_items_queued_total}</td><td>items accepted into the queue</td></tr>
 *   <tr><td>{@code voxgate_history_items_written_total}</td><td>items the sink took</td></tr>
 *   <tr><td>{@code voxgate_history_items_dropped_total}</td><td>items refused by a full queue</td></tr>
 *   <tr><td>{@code voxgate_history_items_failed_total}</td><td>queued items given up on</td></tr>
 *   <tr><td>{@code voxgate_history_retries_total}</td><td>failed writes tried again</td></tr>
 *   <tr><td>{@code voxgate_history_calls_finalized_total}</td><td>calls finalized</td></tr>
 *   <tr><td>{@code voxgate_history_finalize_failed_total}</td><td>finalizations given up on</td></tr>
 *   <tr><td>{@code voxgate_history_queue_depth}</td><td>items queued, not yet written or given up on</td></tr>
 * </table>
 */
public final class HistoryMetrics
{
    private HistoryMetrics()
    {
    }

    /**
     * Registers the metrics.
     *
     * @param registry where {@code /metrics} reads them.
     * @param counters the bridge's counters.
     */
    public static void register(final PrometheusRegistry registry, final HistoryCounters counters)
    {
        counter(registry, "voxgate_history_items_queued", "History items accepted into the queue.", counters,
            HistoryCounters::queued);
        counter(registry, "voxgate_history_items_written", "History items written to the sink.", counters,
            HistoryCounters::written);
        counter(registry, "voxgate_history_items_dropped", "History items refused by a full queue (call unaffected).",
            counters, HistoryCounters::dropped);
        counter(registry, "voxgate_history_items_failed", "Queued history items given up on.", counters,
            HistoryCounters::failed);
        counter(registry, "voxgate_history_retries", "Failed history writes tried again.", counters,
            HistoryCounters::retried);
        counter(registry, "voxgate_history_calls_finalized", "Calls whose history was finalized.", counters,
            HistoryCounters::finalized);
        counter(registry, "voxgate_history_finalize_failed", "Call finalizations given up on.", counters,
            HistoryCounters::finalizeFailed);
        GaugeWithCallback.builder()
            .name("voxgate_history_queue_depth")
            .help("History items queued and not yet written or given up on (retries included).")
            .callback(callback -> callback.call(counters.pending()))
            .register(registry);
    }
}
