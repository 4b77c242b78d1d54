package io.voxgate.orchestrator.provider.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.random.RandomGenerator;

/**
 * The resilience settings and state one provider instance uses: timeouts, retry policy, its endpoint's circuit
 * breaker, metrics, the jitter source and how retries wait.
 *
 * @param provider the provider name (metric label).
 * @param timeouts connect, first-byte and idle timeouts.
 * @param retry    the retry policy.
 * @param breaker  the endpoint's circuit breaker (shared by all providers on the endpoint).
 * @param metrics  the metrics hooks.
 * @param random   the jitter source.
 * @param backoff  how to wait between attempts.
 */
public record Resilience(String provider, Timeouts timeouts, RetryPolicy retry, CircuitBreaker breaker,
    ProviderMetrics metrics, RandomGenerator random, Backoff backoff)
{
    private static final Logger LOG = LoggerFactory.getLogger(Resilience.class);

    /**
     * One attempt of a request, run on the adapter's thread.
     */
    @FunctionalInterface
    public interface Attempt
    {
        /**
         * Sends the request and streams its output; calls {@link Output#produced()} before the first output is
         * published, after which the request is never retried.
         *
         * @param output marks that output was produced.
         * @throws ProviderException when the attempt failed.
         */
        void run(Output output) throws ProviderException;
    }

    /**
     * Whether an attempt already produced output.
     */
    public static final class Output
    {
        private volatile boolean produced;

        /**
         * Marks that output is about to be published: from now on the request is not retried.
         */
        public void produced()
        {
            produced = true;
        }

        /**
         * Whether output was produced.
         *
         * @return true after {@link #produced()}.
         */
        public boolean wasProduced()
        {
            return produced;
        }
    }

    /**
     * Runs a request with retries and circuit breaking on the calling (adapter) thread.
     *
     * @param attempt the request.
     * @param cancel  the run's cancellation.
     * @throws ProviderException the last failure, {@link ErrorKind#CIRCUIT_OPEN} when failing fast, or
     *                           {@link ErrorKind#CANCELLED}.
     */
    public void execute(final Attempt attempt, final CancelSignal cancel) throws ProviderException
    {
        for (int n = 1; ; n++)
        {
            if (cancel.isCancelled())
            {
                throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
            }
            if (!breaker.tryAcquire())
            {
                metrics.error(provider, ErrorKind.CIRCUIT_OPEN);
                LOG.warn("provider {}: circuit open for {}, failing fast", provider, breaker.endpoint());
                throw new ProviderException(ErrorKind.CIRCUIT_OPEN, "circuit open for " + breaker.endpoint());
            }
            metrics.request(provider);
            final Output output = new Output();
            try
            {
                attempt.run(output);
                breaker.onSuccess();
                return;
            }
            catch (final ProviderException ex)
            {
                if (ex.kind() == ErrorKind.CANCELLED || cancel.isCancelled())
                {
                    breaker.onAbandoned();
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
                metrics.error(provider, ex.kind());
                // Reasons are redacted by the adapters (ApiKey.redact) before they get here.
                LOG.warn("provider {} attempt {} failed: {}", provider, n, ex.reason());
                if (ex.kind().countsAgainstEndpoint())
                {
                    breaker.onFailure();
                }
                else
                {
                    breaker.onSuccess();
                }
                if (output.wasProduced() || !ex.kind().retryable() || n >= retry.maxAttempts())
                {
                    throw ex;
                }
                if (!backoff.pause(retry.delayMs(n, random), cancel))
                {
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
            }
        }
    }
}
