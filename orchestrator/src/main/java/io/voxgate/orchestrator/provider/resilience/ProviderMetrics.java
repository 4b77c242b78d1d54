package io.voxgate.orchestrator.provider.resilience;

/**
 * Metrics hooks of the provider layer, implemented by the media server's metrics (Prometheus) and by tests.
 *
 * <p>Labels: {@code provider} is the configured provider name ({@code openai}, {@code freetts}); {@code endpoint}
 * names a circuit breaker. Every method has a no-op default.
 *
 * <p><b>Threading:</b> called from adapter threads concurrently; implementations must be thread-safe and cheap.
 */
public interface ProviderMetrics
{
    /** Discards everything. */
    ProviderMetrics NOOP = new ProviderMetrics()
    {
    };

    /**
     * A request (one attempt) was sent.
     *
     * @param provider the provider.
     */
    default void request(final String provider)
    {
    }

    /**
     * A request failed.
     *
     * @param provider the provider.
     * @param kind     why.
     */
    default void error(final String provider, final ErrorKind kind)
    {
    }

    /**
     * A circuit breaker changed state.
     *
     * @param endpoint the breaker's endpoint.
     * @param state    the new state.
     */
    default void circuitState(final String endpoint, final CircuitState state)
    {
    }

    /**
     * A latency was measured.
     *
     * @param provider the provider.
     * @param latency  which one.
     * @param nanos    its value.
     */
    default void latency(final String provider, final Latency latency, final long nanos)
    {
    }

    /**
     * An LLM reported token usage.
     *
     * @param provider         the provider.
     * @param promptTokens     prompt tokens.
     * @param completionTokens completion tokens.
     */
    default void tokens(final String provider, final long promptTokens, final long completionTokens)
    {
    }

    /** The latencies the layer measures. */
    enum Latency
    {
        /** {@code llm_ttft}: request sent to first token. */
        LLM_TTFT,
        /** {@code tts_ttfb}: segment requested to first audio byte. */
        TTS_TTFB,
        /** {@code stt_final_latency}: end of audio sent to final transcript. */
        STT_FINAL_LATENCY;

        /**
         * The metric name.
         *
         * @return e.g. {@code llm_ttft}.
         */
        public String metricName()
        {
            return switch (this)
            {
                case LLM_TTFT -> "llm_ttft";
                case TTS_TTFB -> "tts_ttfb";
                case STT_FINAL_LATENCY -> "stt_final_latency";
            };
        }
    }
}
