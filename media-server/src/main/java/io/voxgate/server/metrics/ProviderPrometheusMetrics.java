package io.voxgate.server.metrics;

import java.util.Arrays;
import java.util.Locale;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.voxgate.orchestrator.provider.resilience.CircuitState;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;

/**
 * The provider layer's {@link ProviderMetrics} as Prometheus metrics, labelled by the configured provider name
 * ({@code openai}, {@code deepgram}, {@code freetts}, ...):
 *
 * <table>
 *   <caption>Exported metrics</caption>
 *   <tr><th>metric</th><th>labels</th><th>what</th></tr>
 *   <tr><td>{@code voxgate_provider_requests_total}</td><td>provider</td><td>requests (attempts) sent</td></tr>
 *   <tr><td>{@code voxgate_provider_errors_total}</td><td>provider, kind</td><td>failures by class
 *   ({@code auth}, {@code rate_limited}, {@code server}, {@code connect}, {@code first_byte_timeout}, ...)</td></tr>
 *   <tr><td>{@code voxgate_provider_circuit_state}</td><td>endpoint, state</td><td>1 for the breaker's current
 *   state ({@code closed}, {@code open}, {@code half_open}), 0 for the others</td></tr>
 *   <tr><td>{@code voxgate_provider_tokens_total}</td><td>provider, type</td><td>LLM tokens used
 *   ({@code prompt}, {@code completion})</td></tr>
 *   <tr><td>{@code voxgate_llm_ttft_seconds}</td><td>provider</td><td>LLM request sent to first token</td></tr>
 *   <tr><td>{@code voxgate_tts_ttfb_seconds}</td><td>provider</td><td>segment requested to first audio</td></tr>
 *   <tr><td>{@code voxgate_stt_final_latency_seconds}</td><td>provider</td><td>end of audio to final
 *   transcript</td></tr>
 * </table>
 *
 * <p><b>Threading:</b> called from adapter threads concurrently (never from the media path); the Prometheus
 * client's metrics are thread-safe.
 */
public final class ProviderPrometheusMetrics implements ProviderMetrics
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final Counter requests;
    private final Counter errors;
    private final Gauge circuits;
    private final Counter tokens;
    private final Histogram[] latencies = new Histogram[Latency.values().length];

    /**
     * Creates the metrics and registers them.
     *
     * @param registry where {@code /metrics} reads them.
     */
    public ProviderPrometheusMetrics(final PrometheusRegistry registry)
    {
        requests = Counter.builder()
            .name("voxgate_provider_requests")
            .help("Provider requests (attempts) sent, by provider.")
            .labelNames("provider")
            .register(registry);
        errors = Counter.builder()
            .name("voxgate_provider_errors")
            .help("Provider request failures, by provider and class.")
            .labelNames("provider", "kind")
            .register(registry);
        circuits = Gauge.builder()
            .name("voxgate_provider_circuit_state")
            .help("1 for a provider endpoint's current circuit breaker state, 0 for the others.")
            .labelNames("endpoint", "state")
            .register(registry);
        tokens = Counter.builder()
            .name("voxgate_provider_tokens")
            .help("LLM tokens reported by providers, by provider and type (prompt, completion).")
            .labelNames("provider", "type")
            .register(registry);
        final double[] buckets = Arrays.copyOf(LatencyHistogramCollector.BUCKETS_SECONDS,
            LatencyHistogramCollector.BUCKETS_SECONDS.length - 1);
        for (final Latency latency : Latency.values())
        {
            latencies[latency.ordinal()] = Histogram.builder()
                .name("voxgate_" + latency.metricName() + "_seconds")
                .help(help(latency))
                .unit(Unit.SECONDS)
                .labelNames("provider")
                .classicOnly()
                .classicUpperBounds(buckets)
                .register(registry);
        }
    }

    private static String help(final Latency latency)
    {
        return switch (latency)
        {
            case LLM_TTFT -> "LLM request sent to its first token, by provider.";
            case TTS_TTFB -> "TTS segment requested to its first audio byte, by provider.";
            case STT_FINAL_LATENCY -> "End of caller audio sent to the final transcript, by provider.";
        };
    }

    @Override
    public void request(final String provider)
    {
        requests.labelValues(provider).inc();
    }

    @Override
    public void error(final String provider, final ErrorKind kind)
    {
        errors.labelValues(provider, kind.label()).inc();
    }

    @Override
    public void circuitState(final String endpoint, final CircuitState state)
    {
        // Serialised so a scrape never sees two states at 1 for one endpoint after concurrent transitions settle.
        synchronized (circuits)
        {
            for (final CircuitState each : CircuitState.values())
            {
                circuits.labelValues(endpoint, label(each)).set(each == state ? 1 : 0);
            }
        }
    }

    @Override
    public void latency(final String provider, final Latency latency, final long nanos)
    {
        latencies[latency.ordinal()].labelValues(provider).observe(Math.max(0, nanos) / NANOS_PER_SECOND);
    }

    @Override
    public void tokens(final String provider, final long promptTokens, final long completionTokens)
    {
        tokens.labelValues(provider, "prompt").inc(promptTokens);
        tokens.labelValues(provider, "completion").inc(completionTokens);
    }

    private static String label(final CircuitState state)
    {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
