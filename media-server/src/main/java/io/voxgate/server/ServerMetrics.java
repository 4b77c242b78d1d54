package io.voxgate.server;

import java.util.List;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.voxgate.server.metrics.LatencyHistogram;
import io.voxgate.server.metrics.LatencyHistogramCollector;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineLatencies;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.twilio.CallAdmission;
import io.voxgate.server.twilio.TransportDrop;
import io.voxgate.server.twilio.TwilioCounters;

import static io.voxgate.server.metrics.CallbackMetrics.counter;
import static io.voxgate.server.metrics.CallbackMetrics.gauge;

/**
 * Everything {@code GET /metrics} exposes, registered in one registry: the transport's and the pipeline's
 * allocation-free counters, read by callbacks at scrape time (so the media path never touches Prometheus), the
 * gauges of active calls and ring capacity, the pipeline's HdrHistogram latencies as Prometheus histograms, and the
 * JVM's metrics (GC pauses, allocation per pool, memory, threads). The providers' metrics
 * ({@link io.voxgate.server.metrics.ProviderPrometheusMetrics}) share the registry.
 *
 * <p>Names: {@code voxgate_*} for ours; the JVM's are the Prometheus Java client's standard {@code jvm_*} names
 * (e.g. {@code jvm_gc_collection_seconds}, {@code jvm_memory_pool_allocated_bytes_total}).
 */
final class ServerMetrics
{
    private static final double NANOS_PER_SECOND = 1e9;

    private ServerMetrics()
    {
    }

    static PrometheusRegistry register(final PrometheusRegistry registry,
        final TwilioCounters transport, final CallAdmission admission, final MediaPipeline pipeline)
    {
        final PipelineCounters stages = pipeline.counters();

        counter(registry, "voxgate_frames_in", "WebSocket messages received from Twilio streams.", transport,
            TwilioCounters::messagesIn);
        counter(registry, "voxgate_bytes_in", "WebSocket message bytes received from Twilio streams.", transport,
            TwilioCounters::bytesIn);
        counter(registry, "voxgate_frames_out", "WebSocket messages written to Twilio streams.", transport,
            TwilioCounters::messagesOut);
        counter(registry, "voxgate_bytes_out", "WebSocket message bytes written to Twilio streams.", transport,
            TwilioCounters::bytesOut);
        counter(registry, "voxgate_calls_accepted", "Twilio WebSocket upgrades accepted.", transport,
            TwilioCounters::callsAccepted);
        transport.protocolErrors().register(registry, "voxgate_protocol_errors",
            "Protocol errors on Twilio streams, by kind (fatal ones closed the call).", "kind");
        transport.outcomes().register(registry, "voxgate_call_outcomes",
            "How Twilio calls ended or why they were refused.", "outcome");

        CounterWithCallback.builder()
            .name("voxgate_frames_dropped")
            .help("Messages dropped, by reason (the call went on).")
            .labelNames("reason")
            .callback(callback ->
            {
                callback.call(stages.ingressDroppedRingFull(), "ingress_ring_full");
                callback.call(stages.ingressInvalidBase64(), "invalid_base64");
                callback.call(stages.ingressPayloadTooLarge(), "payload_too_large");
                callback.call(stages.ingressBadMarks(), "bad_mark");
                callback.call(stages.ingressBadDigits(), "bad_dtmf_digit");
                callback.call(stages.egressDroppedRingFull(), "egress_ring_full");
                for (final TransportDrop drop : TransportDrop.values())
                {
                    callback.call(transport.drops().get(drop), drop.label());
                }
            })
            .register(registry);

        counter(registry, "voxgate_media_frames_in", "Caller media frames published into the ingress ring.", stages,
            PipelineCounters::ingressMediaFrames);
        counter(registry, "voxgate_media_bytes_in", "Caller mu-law bytes published into the ingress ring.", stages,
            PipelineCounters::ingressMediaBytes);
        counter(registry, "voxgate_media_frames_out", "Twilio media messages written by the egress stage.", stages,
            PipelineCounters::egressMediaMessages);
        counter(registry, "voxgate_media_bytes_out", "Mu-law bytes written by the egress stage.", stages,
            PipelineCounters::egressMediaBytes);
        counter(registry, "voxgate_marks_out", "Twilio mark messages written.", stages, PipelineCounters::egressMarks);
        counter(registry, "voxgate_clears_out", "Twilio clear messages written (barge-in).", stages,
            PipelineCounters::egressClears);
        counter(registry, "voxgate_dsp_frames", "Media slots the DSP stage processed.", stages,
            PipelineCounters::dspFrames);
        counter(registry, "voxgate_vad_speech_starts", "Speech onsets the VAD reported.", stages,
            PipelineCounters::dspSpeechStarts);
        counter(registry, "voxgate_orchestrator_events", "Events applied to call reducers.", stages,
            PipelineCounters::orchestratorEvents);
        counter(registry, "voxgate_orchestrator_commands", "Commands call reducers emitted.", stages,
            PipelineCounters::orchestratorCommands);
        counter(registry, "voxgate_unknown_marks", "Echoed marks that were not ours.", stages,
            PipelineCounters::orchestratorUnknownMarks);
        counter(registry, "voxgate_sessions_started", "Pipeline sessions started.", stages,
            PipelineCounters::callsStarted);
        counter(registry, "voxgate_sessions_ended", "Pipeline sessions ended.", stages, PipelineCounters::callsEnded);
        CounterWithCallback.builder()
            .name("voxgate_stage_errors")
            .help("Exceptions caught at a stage's loop boundary (counted, the stage went on).")
            .labelNames("stage")
            .callback(callback ->
            {
                callback.call(stages.dspErrors(), "dsp");
                callback.call(stages.orchestratorErrors(), "orchestrator");
                callback.call(stages.egressErrors(), "egress");
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("voxgate_stage_max_seconds")
            .help("Longest time one stage spent on one slot or command since start.")
            .labelNames("stage")
            .callback(callback ->
            {
                callback.call(stages.dspMaxNanos() / NANOS_PER_SECOND, "dsp");
                callback.call(stages.orchestratorMaxNanos() / NANOS_PER_SECOND, "orchestrator");
                callback.call(stages.egressMaxNanos() / NANOS_PER_SECOND, "egress");
            })
            .register(registry);

        counter(registry, "voxgate_session_logs_opened", "Per-call session log files opened.", stages,
            PipelineCounters::sessionLogsOpened);
        counter(registry, "voxgate_session_logs_incomplete", "Session logs marked incomplete (queue overflow).",
            stages, PipelineCounters::sessionLogsIncomplete);
        counter(registry, "voxgate_session_log_lines_written", "Session log lines written.", stages,
            PipelineCounters::sessionLogLinesWritten);
        counter(registry, "voxgate_session_log_write_errors", "Session log write failures.", stages,
            PipelineCounters::sessionLogWriteErrors);

        gauge(registry, "voxgate_calls_active", "Twilio WebSocket calls open.", admission,
            CallAdmission::activeCalls);
        gauge(registry, "voxgate_sessions_active", "Pipeline sessions holding an index.", pipeline,
            p -> p.registry().activeCalls());
        GaugeWithCallback.builder()
            .name("voxgate_ring_remaining_capacity")
            .help("Free slots in a media ring right now.")
            .labelNames("ring")
            .callback(callback -> callback.call(pipeline.ingress().remainingCapacity(), "ingress"))
            .register(registry);
        gauge(registry, "voxgate_draining", "1 while the server drains for shutdown.", admission,
            a -> a.isDraining() ? 1 : 0);

        final PipelineLatencies latencies = pipeline.latencies();
        registry.register(new LatencyHistogramCollector(List.of(
            new LatencyHistogram("voxgate_ingress_dsp_latency",
                "Media frame received by the event loop to DSP stage done.", latencies.dsp()::getIntervalHistogram),
            new LatencyHistogram("voxgate_ingress_latency",
                "Media frame received by the event loop to handled by the orchestrator.",
                latencies.orchestrator()::getIntervalHistogram),
            new LatencyHistogram("voxgate_egress_latency",
                "Egress command issued by the orchestrator to its messages handed to the socket.",
                latencies.egress()::getIntervalHistogram),
            new LatencyHistogram("voxgate_time_to_first_audio",
                "End of the caller's turn to the first reply audio written.",
                latencies.timeToFirstAudio()::getIntervalHistogram),
            new LatencyHistogram("voxgate_barge_in_reaction",
                "Onset of the caller's interrupting speech to clear written.",
                latencies.bargeInReaction()::getIntervalHistogram),
            new LatencyHistogram("voxgate_turn_latency",
                "End of the caller's turn to the reducer starting the reply (endpointing included).",
                latencies.turn()::getIntervalHistogram))));

        return registry;
    }

    /**
     * The process-wide registry of JVM metrics (GC, memory pools and allocation, threads), registered once. The
     * Prometheus client keeps every registry it registered JVM metrics into reachable for the life of the JVM, so
     * registering them into each server's registry would keep every closed server's pipeline (and its off-heap
     * rings) alive in a JVM that starts many servers, such as the test JVM.
     *
     * @return the registry.
     */
    static PrometheusRegistry jvmRegistry()
    {
        return JvmRegistry.INSTANCE;
    }

    private static final class JvmRegistry
    {
        static final PrometheusRegistry INSTANCE = new PrometheusRegistry();

        static
        {
            JvmMetrics.builder().register(INSTANCE);
        }
    }
}
