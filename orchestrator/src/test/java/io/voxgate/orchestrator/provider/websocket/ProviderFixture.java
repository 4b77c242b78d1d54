package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.RecordingMetrics;
import io.voxgate.orchestrator.provider.resilience.CircuitBreaker;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * What every vendor adapter test needs: a MockWebServer, an executor, recording metrics, and a {@link Resilience}
 * with exact behaviour (jitter fixed at 0.5, backoff delays recorded instead of waited, a settable breaker clock).
 * Timeouts are short; they are the only real-time waits and no test asserts their duration.
 */
public final class ProviderFixture implements AutoCloseable
{
    /** Retries: 3 attempts, 100 ms then 200 ms before jitter. */
    public static final RetryPolicy RETRY = new RetryPolicy(3, 100, 1000, 0.5);
    /** Short first-byte and idle timeouts. */
    public static final Timeouts SHORT = new Timeouts(1000, 300, 300);

    /** The vendor. */
    public final MockWebServer server = new MockWebServer();
    /** Where adapters run. */
    public final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** The metrics. */
    public final RecordingMetrics metrics = new RecordingMetrics();
    /** The backoff delays asked for. */
    public final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong clockMs = new AtomicLong();

    /**
     * Starts the server.
     *
     * @throws IOException when it cannot listen.
     */
    public ProviderFixture() throws IOException
    {
        server.start();
    }

    /**
     * A resilience for a provider.
     *
     * @param provider the provider name.
     * @param retry    the retry policy.
     * @param timeouts the timeouts.
     * @return the resilience.
     */
    public Resilience resilience(final String provider, final RetryPolicy retry, final Timeouts timeouts)
    {
        final CircuitBreaker breaker = new CircuitBreaker(provider + " " + server.url("/"), 5, 1000, clockMs::get,
            metrics);
        final RandomGenerator half = new RandomGenerator()
        {
            @Override
            public long nextLong()
            {
                return 0;
            }

            @Override
            public double nextDouble()
            {
                return 0.5;
            }
        };
        return new Resilience(provider, timeouts, retry, breaker, metrics, half, (delayMs, cancel) ->
        {
            delays.add(delayMs);
            return true;
        });
    }

    /**
     * The WebSocket URL of a path on the server.
     *
     * @param path the path.
     * @return {@code ws://…}.
     */
    public String wsUrl(final String path)
    {
        return server.url(path).toString().replaceFirst("^http", "ws");
    }

    /**
     * A plain HTTP error response.
     *
     * @param status the status.
     * @param body   the body, JSON.
     * @return the response.
     */
    public static MockResponse httpError(final int status, final String body)
    {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
            .setBody(body);
    }

    /**
     * An event as comparable text: audio shows its rate and bytes in hex, since records compare arrays by identity.
     *
     * @param event the event.
     * @return its description.
     */
    public static String describe(final Event event)
    {
        return switch (event)
        {
            case Event.TtsAudio a -> "audio run " + a.runId() + " turn " + a.turn() + " seg " + a.segment() + " " +
                a.sampleRate() + " Hz " + HexFormat.of().formatHex(a.pcm());
            case Event.TtsDone d -> "done run " + d.runId() + " turn " + d.turn() + " seg " + d.segment();
            case Event.TtsFailed f -> "failed run " + f.runId() + " seg " + f.segment() + ": " + f.reason();
            default -> event.toString();
        };
    }

    /**
     * Several events as text.
     *
     * @param events the events.
     * @return their descriptions.
     */
    public static List<String> describe(final List<Event> events)
    {
        return events.stream().map(ProviderFixture::describe).toList();
    }

    @Override
    public void close() throws IOException
    {
        executor.shutdownNow();
        server.shutdown();
    }
}
