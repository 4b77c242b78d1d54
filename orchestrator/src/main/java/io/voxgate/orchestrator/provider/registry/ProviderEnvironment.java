package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.resilience.Backoff;
import io.voxgate.orchestrator.provider.resilience.CircuitBreakers;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.tool.ServerTool;

import okhttp3.OkHttpClient;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What providers share in a process: the threads adapters run their I/O on, the environment secrets come from,
 * metrics, circuit breakers, the clock and jitter source, and the in-process tools.
 *
 * <p>The process creates one and closes it at shutdown; tests build theirs with a fixed random, a recording
 * {@link Backoff} and their own environment map.
 *
 * @param environment the environment variables API keys are read from.
 * @param executor    where adapters do blocking I/O (virtual threads by default).
 * @param scheduler   timers: first-byte and idle watchdogs.
 * @param metrics     the metrics hooks.
 * @param breakers    the circuit breakers per endpoint.
 * @param clockMs     the clock of breakers, milliseconds.
 * @param random      the jitter source.
 * @param backoff     how retries wait.
 * @param tools       the in-process tools by name.
 * @param http        the shared HTTP client (connection pool); providers derive theirs with their own timeouts.
 */
public record ProviderEnvironment(Map<String, String> environment, ExecutorService executor,
    ScheduledExecutorService scheduler, ProviderMetrics metrics, CircuitBreakers breakers, LongSupplier clockMs,
    RandomGenerator random, Backoff backoff, Map<String, ServerTool> tools, OkHttpClient http)
    implements AutoCloseable
{
    /**
     * The production environment: process environment variables, virtual-thread executor, one scheduler thread,
     * the monotonic clock and a real random.
     *
     * @param metrics the metrics hooks.
     * @param tools   the in-process tools by name.
     * @return the environment; close it at shutdown.
     */
    public static ProviderEnvironment system(final ProviderMetrics metrics, final Map<String, ServerTool> tools)
    {
        final LongSupplier clock = () -> System.nanoTime() / 1_000_000L;
        return new ProviderEnvironment(System.getenv(),
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("voxgate-provider-", 0).factory()),
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("voxgate-watchdog")
                .factory()),
            metrics, new CircuitBreakers(clock, metrics), clock, RandomGenerator.of("L64X128MixRandom"),
            Backoff.WAIT, tools, new OkHttpClient());
    }

    /**
     * A provider's resilience from its options: {@code connectTimeoutMs}, {@code firstByteTimeoutMs},
     * {@code idleTimeoutMs}, {@code maxAttempts}, {@code retryBaseDelayMs}, {@code retryMaxDelayMs},
     * {@code breakerFailures}, {@code breakerCoolDownMs}.
     *
     * @param spec     the provider's spec.
     * @param endpoint the endpoint its breaker guards (e.g. {@code openai-chat https://api.openai.com/v1}).
     * @return the resilience.
     */
    public Resilience resilience(final ProviderSpec spec, final String endpoint)
    {
        final Timeouts timeouts = new Timeouts(
            spec.number("connectTimeoutMs", Timeouts.DEFAULTS.connectMs()),
            spec.number("firstByteTimeoutMs", Timeouts.DEFAULTS.firstByteMs()),
            spec.number("idleTimeoutMs", Timeouts.DEFAULTS.idleMs()));
        final RetryPolicy retry = new RetryPolicy(
            (int)spec.number("maxAttempts", RetryPolicy.DEFAULTS.maxAttempts()),
            spec.number("retryBaseDelayMs", RetryPolicy.DEFAULTS.baseDelayMs()),
            spec.number("retryMaxDelayMs", RetryPolicy.DEFAULTS.maxDelayMs()),
            RetryPolicy.DEFAULTS.jitter());
        return new Resilience(spec.name(), timeouts, retry,
            breakers.forEndpoint(endpoint, (int)spec.number("breakerFailures", 5),
                spec.number("breakerCoolDownMs", 30_000)),
            metrics, random, backoff);
    }

    /**
     * A provider's API key from its options: {@code apiKeyFile} (a file holding the key) or {@code apiKeyEnv}
     * (a variable name), else the default variable.
     *
     * @param spec       the provider's spec.
     * @param defaultEnv the variable used when neither option is set (e.g. {@code OPENAI_API_KEY}).
     * @param required   whether a missing key is an error (local servers need none).
     * @return the key, or {@link ApiKey#NONE}.
     * @throws IllegalArgumentException when a required key is missing (naming the variable, never a value).
     */
    public ApiKey apiKey(final ProviderSpec spec, final String defaultEnv, final boolean required)
    {
        final String file = spec.text("apiKeyFile", null);
        if (null != file)
        {
            return ApiKey.fromFile(java.nio.file.Path.of(file));
        }
        return ApiKey.fromEnvironment(environment, spec.text("apiKeyEnv", defaultEnv), required);
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
        scheduler.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
