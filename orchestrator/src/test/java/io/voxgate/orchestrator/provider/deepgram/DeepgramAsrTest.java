package io.voxgate.orchestrator.provider.deepgram;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingMetrics;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.resilience.CircuitBreaker;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static io.voxgate.orchestrator.provider.deepgram.FakeDeepgram.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepgramAsrTest
{
    private static final String KEY = "dg-test-0123456789abcdef";

    private final MockWebServer server = new MockWebServer();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    private final RecordingSink sink = new RecordingSink();

    DeepgramAsrTest() throws IOException
    {
        server.start();
    }

    @AfterEach
    void close() throws IOException
    {
        executor.shutdownNow();
        scheduler.shutdownNow();
        server.shutdown();
    }

    @Test
    void streamsAudioAndPublishesInterimAndFinalTranscripts() throws Exception
    {
        final FakeDeepgram deepgram = upgrade();
        try (AsrSession session = open(60_000))
        {
            session.start();
            final WebSocket socket = deepgram.awaitOpen();
            final byte[] frame = new byte[640];
            for (int i = 0; i < frame.length; i++)
            {
                frame[i] = (byte)i;
            }
            for (int i = 0; i < 3; i++)
            {
                session.audio(new UnsafeBuffer(frame), 0, frame.length);
            }
            for (int i = 0; i < 3; i++)
            {
                assertEquals(ByteString.of(frame), deepgram.nextAudio());
            }
            socket.send("{\"type\":\"SpeechStarted\",\"channel\":[0,1],\"timestamp\":0.02}");
            socket.send(results("i want", false, false, 0.0, 0.06));
            socket.send(results("", false, false, 0.06, 0.0));
            socket.send(results("i want to check my order", true, true, 0.0, 0.06));
            socket.send("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":0.06}");
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
        }
        assertEquals(List.of(new Event.TranscriptPartial("s", 0, "i want"),
            new Event.TranscriptFinal("s", 0, "i want to check my order")), sink.drain());
        final RecordedRequest upgrade = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/listen?model=nova-3&encoding=linear16&sample_rate=16000&channels=1&interim_results=true" +
            "&endpointing=300&utterance_end_ms=1000&vad_events=false&smart_format=true", upgrade.getPath());
        assertEquals("Token " + KEY, upgrade.getHeader("Authorization"));
        assertEquals(1, metrics.get("stt_final_latency deepgram"));
    }

    @Test
    void stopSendsCloseStreamAndLateFinalsStillArrive() throws Exception
    {
        final FakeDeepgram deepgram = upgrade();
        try (AsrSession session = open(60_000))
        {
            session.start();
            final WebSocket socket = deepgram.awaitOpen();
            session.audio(new UnsafeBuffer(new byte[320]), 0, 320);
            deepgram.nextAudio();
            session.stop();
            assertEquals("{\"type\":\"CloseStream\"}", deepgram.nextControl());
            socket.send(results("goodbye", true, true, 0.0, 0.01));
            socket.close(1000, null);
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
            assertTrue(deepgram.ended.await(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(List.of(new Event.TranscriptFinal("s", 0, "goodbye")), sink.drain());
        assertEquals(1, server.getRequestCount(), "no reconnect after stop");
    }

    @Test
    void sendsKeepAliveWhileNoAudioFlows() throws Exception
    {
        final FakeDeepgram deepgram = upgrade();
        try (AsrSession session = open(50))
        {
            session.start();
            deepgram.awaitOpen();
            assertEquals("{\"type\":\"KeepAlive\"}", deepgram.nextControl());
        }
    }

    @Test
    void unauthorizedUpgradeIsNotRetried()
    {
        server.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
            .setBody("{\"err_code\":\"INVALID_AUTH\",\"err_msg\":\"Invalid credentials.\",\"request_id\":\"r1\"}"));
        try (AsrSession session = open(60_000))
        {
            session.start();
            sink.awaitEvent(Event.AsrFailed.class::isInstance);
        }
        assertEquals(List.of(), delays);
        assertEquals(1, server.getRequestCount());
        assertEquals(1, metrics.get("errors deepgram auth"));
        assertEquals(List.of(new Event.AsrFailed("s", 0, "auth: HTTP 401 {\"err_code\":\"INVALID_AUTH\"," +
            "\"err_msg\":\"Invalid credentials.\",\"request_id\":\"r1\"}")), sink.drain());
    }

    @Test
    void malformedMessageIsDroppedAndTheStreamGoesOn() throws Exception
    {
        final FakeDeepgram deepgram = upgrade();
        try (AsrSession session = open(60_000))
        {
            session.start();
            final WebSocket socket = deepgram.awaitOpen();
            socket.send("{\"type\":\"Results\",\"channel\":");
            socket.send(results("still here", true, false, 0.0, 0.5));
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
        }
        assertEquals(List.of(new Event.TranscriptFinal("s", 0, "still here")), sink.drain());
        assertEquals(1, metrics.get("errors deepgram malformed"));
    }

    @Test
    void socketClosedMidStreamReconnectsWithBackoff() throws Exception
    {
        final FakeDeepgram first = upgrade();
        final FakeDeepgram second = upgrade();
        try (AsrSession session = open(60_000))
        {
            session.start();
            first.awaitOpen().send(results("i want", false, false, 0.0, 0.3));
            sink.awaitEvent(Event.TranscriptPartial.class::isInstance);
            first.socket.close(1011, "NET-0001");
            final WebSocket socket = second.awaitOpen();
            session.audio(new UnsafeBuffer(new byte[320]), 0, 320);
            second.nextAudio();
            socket.send(results("i want to book a room", true, true, 0.0, 1.0));
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
        }
        assertEquals(List.of(new Event.TranscriptPartial("s", 0, "i want"),
            new Event.TranscriptFinal("s", 0, "i want to book a room")), sink.drain());
        assertEquals(List.of(75L), delays);
        assertEquals(2, server.getRequestCount());
        assertEquals(1, metrics.get("errors deepgram disconnect"));
    }

    @Test
    void serverErrorOnUpgradeIsRetried() throws Exception
    {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"err_code\":\"UNAVAILABLE\"}"));
        final FakeDeepgram deepgram = upgrade();
        try (AsrSession session = open(60_000))
        {
            session.start();
            deepgram.awaitOpen().send(results("hello", true, true, 0.0, 0.5));
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
        }
        assertEquals(List.of(75L), delays);
        assertEquals(1, metrics.get("errors deepgram server"));
    }

    @Test
    void stallWhileAudioFlowsReconnects() throws Exception
    {
        final FakeDeepgram silent = upgrade();
        final FakeDeepgram second = upgrade();
        try (AsrSession session = open(60_000, new Timeouts(1000, 200, 200)))
        {
            session.start();
            silent.awaitOpen();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[320]);
            // Audio keeps flowing (one frame per 20 ms wait) while the first socket answers nothing.
            while (!second.opened.await(20, TimeUnit.MILLISECONDS))
            {
                session.audio(frame, 0, 320);
                assertTrue(silent.audio.size() < 10_000, "never reconnected");
            }
            second.socket.send(results("are you there", true, true, 0.0, 1.0));
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
        }
        assertEquals(1, metrics.get("errors deepgram idle_timeout"));
        assertEquals(List.of(new Event.TranscriptFinal("s", 0, "are you there")), sink.drain());
    }

    @Test
    void connectionRefusedIsRetriedThenGivenUp() throws IOException
    {
        server.shutdown();
        try (AsrSession session = open(60_000))
        {
            session.start();
            final Event.AsrFailed failed = (Event.AsrFailed)sink.awaitEvent(Event.AsrFailed.class::isInstance);
            assertTrue(failed.reason().startsWith("connect: ConnectException: "), failed.reason());
        }
        assertEquals(List.of(75L, 150L), delays);
        assertEquals(3, metrics.get("requests deepgram"));
        assertEquals(3, metrics.get("errors deepgram connect"));
        assertEquals(1, sink.drain().size(), "exactly one AsrFailed");
    }

    @Test
    void disconnectFollowedByFailedReconnectsGivesUpWithAsrFailed() throws Exception
    {
        final FakeDeepgram first = upgrade();
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"err_code\":\"UNAVAILABLE\"}"));
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"err_code\":\"UNAVAILABLE\"}"));
        try (AsrSession session = open(60_000))
        {
            session.start();
            first.awaitOpen().send(results("hello", true, true, 0.0, 0.5));
            sink.awaitEvent(Event.TranscriptFinal.class::isInstance);
            first.socket.close(1011, "NET-0001");
            sink.awaitEvent(Event.AsrFailed.class::isInstance);
        }
        assertEquals(List.of(new Event.TranscriptFinal("s", 0, "hello"),
            new Event.AsrFailed("s", 0, "server: HTTP 503 {\"err_code\":\"UNAVAILABLE\"}")), sink.drain());
        assertEquals(List.of(75L, 150L), delays);
        assertEquals(3, server.getRequestCount());
        assertEquals(1, metrics.get("errors deepgram disconnect"));
        assertEquals(2, metrics.get("errors deepgram server"));
    }

    @Test
    void openCircuitPublishesAsrFailedWithoutConnecting()
    {
        final CircuitBreaker open = new CircuitBreaker("deepgram", 1, 60_000, () -> 0, metrics);
        open.onFailure();
        try (AsrSession session = open(60_000, new Timeouts(1000, 1000, 60_000), open))
        {
            session.start();
            assertEquals(new Event.AsrFailed("s", 0, "circuit_open: circuit open for deepgram"),
                sink.awaitEvent(Event.AsrFailed.class::isInstance));
        }
        assertEquals(0, server.getRequestCount());
        assertEquals(1, metrics.get("errors deepgram circuit_open"));
    }

    @Test
    void closePublishesNothingMoreAndClosesTheSocket() throws Exception
    {
        final FakeDeepgram deepgram = upgrade();
        final AsrSession session = open(60_000);
        session.start();
        final WebSocket socket = deepgram.awaitOpen();
        socket.send(results("hello", false, false, 0.0, 0.3));
        sink.awaitEvent(Event.TranscriptPartial.class::isInstance);
        session.close();
        assertTrue(deepgram.ended.await(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS), "socket closed");
        socket.send(results("hello there", true, true, 0.0, 0.6));
        assertEquals(List.of(new Event.TranscriptPartial("s", 0, "hello")), sink.drain());
        assertEquals(List.of(), delays, "no reconnect after close");
    }

    private FakeDeepgram upgrade()
    {
        final FakeDeepgram deepgram = new FakeDeepgram();
        server.enqueue(new MockResponse().withWebSocketUpgrade(deepgram));
        return deepgram;
    }

    private AsrSession open(final long keepAliveMs)
    {
        return open(keepAliveMs, new Timeouts(1000, 1000, 60_000));
    }

    private AsrSession open(final long keepAliveMs, final Timeouts timeouts)
    {
        return open(keepAliveMs, timeouts, new CircuitBreaker("deepgram", 10, 1000, () -> 0, metrics));
    }

    private AsrSession open(final long keepAliveMs, final Timeouts timeouts, final CircuitBreaker breaker)
    {
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
        final Resilience resilience = new Resilience("deepgram", timeouts,
            new RetryPolicy(3, 100, 1000, 0.5), breaker, metrics,
            half, (delayMs, cancel) ->
            {
                delays.add(delayMs);
                return true;
            });
        final DeepgramSettings settings = new DeepgramSettings(server.url("/v1/listen").toString(), "nova-3",
            AudioFormat.PCM16_16K, 300, 1000, false, keepAliveMs);
        return new DeepgramAsr(settings, ApiKey.fromEnvironment(Map.of("K", KEY), "K", true), new OkHttpClient(),
            executor, scheduler, resilience).open(new CallContext("s", sink, Map.of()));
    }
}
