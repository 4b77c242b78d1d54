package io.voxgate.server.ws;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

import static io.voxgate.server.metrics.CallbackMetrics.counter;

/**
 * Registers the WS v1 transport's counters on {@code /metrics} ({@code voxgate_ws_*}), read by callbacks at scrape
 * time so the event loops never touch Prometheus.
 */
public final class WsMetrics
{
    private WsMetrics()
    {
    }

    /**
     * Registers every WS v1 metric.
     *
     * @param registry the server's registry.
     * @param counters the WS counters.
     */
    public static void register(final PrometheusRegistry registry, final WsCounters counters)
    {
        counter(registry, "voxgate_ws_sessions_started", "WS v1 sessions that got session.started.", counters,
            WsCounters::sessionsStarted);
        counter(registry, "voxgate_ws_upgrades_refused", "WS v1 upgrades refused (token, draining, capacity).",
            counters, WsCounters::upgradesRefused);
        counter(registry, "voxgate_ws_audio_frames_in", "WS v1 caller audio frames accepted.", counters,
            WsCounters::audioFramesIn);
        counter(registry, "voxgate_ws_audio_bytes_in", "WS v1 caller audio bytes accepted.", counters,
            WsCounters::audioBytesIn);
        counter(registry, "voxgate_ws_audio_frames_dropped", "WS v1 caller audio frames dropped (ring full).",
            counters, WsCounters::audioFramesDropped);
        counter(registry, "voxgate_ws_events_out", "WS v1 typed events written.", counters, WsCounters::eventsOut);
        counter(registry, "voxgate_ws_audio_frames_out", "WS v1 reply audio frames written.", counters,
            WsCounters::audioFramesOut);
        counter(registry, "voxgate_ws_egress_dropped", "WS v1 egress messages dropped (socket closed or slow).",
            counters, WsCounters::egressDropped);
        counters.errors().register(registry, "voxgate_ws_errors", "WS v1 error events sent, by code.", "code");
    }
}
