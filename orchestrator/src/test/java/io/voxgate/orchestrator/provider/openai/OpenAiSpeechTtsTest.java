package io.voxgate.orchestrator.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.voxgate.orchestrator.provider.openai.ChatFixture.error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiSpeechTtsTest
{
    private static final RetryPolicy RETRY = new RetryPolicy(3, 100, 1000, 0.5);
    private static final Timeouts SHORT = new Timeouts(1000, 300, 300);
    /** 100 ms at 24 kHz PCM16. */
    private static final int CHUNK = 4800;

    private final ChatFixture fixture = new ChatFixture();
    private final RecordingSink sink = new RecordingSink();

    OpenAiSpeechTtsTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void streamsPcm24kInChunksThenDoneAndSendsTheSpecifiedRequest() throws Exception
    {
        final byte[] pcm = pcm(2 * CHUNK + 400);
        fixture.server.enqueue(audio(pcm));
        final List<Event> events = synthesize(RETRY, SHORT, "Your order shipped.");
        assertEquals(4, events.size());
        int offset = 0;
        for (int i = 0; i < 3; i++)
        {
            final Event.TtsAudio chunk = assertInstanceOf(Event.TtsAudio.class, events.get(i));
            assertEquals(24000, chunk.sampleRate());
            assertEquals(3, chunk.segment());
            assertArrayEquals(Arrays.copyOfRange(pcm, offset, offset + chunk.pcm().length), chunk.pcm());
            offset += chunk.pcm().length;
        }
        assertEquals(pcm.length, offset);
        assertEquals(new Event.TtsDone("s", 0, 5, 2, 3), events.get(3));
        final RecordedRequest request = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST /v1/audio/speech HTTP/1.1", request.getRequestLine());
        assertEquals("Bearer " + ChatFixture.KEY, request.getHeader("Authorization"));
        assertEquals(new ObjectMapper().readTree("""
            {"model":"gpt-4o-mini-tts","input":"Your order shipped.","voice":"marin","response_format":"pcm"}
            """), new ObjectMapper().readTree(request.getBody().readString(StandardCharsets.UTF_8)));
        assertEquals(1, fixture.metrics.get("tts_ttfb openai"));
    }

    @Test
    void oddTrailingByteIsDropped()
    {
        final byte[] pcm = pcm(101);
        fixture.server.enqueue(audio(pcm));
        final List<Event> events = synthesize(RETRY, SHORT, "Hi.");
        assertArrayEquals(Arrays.copyOf(pcm, 100), ((Event.TtsAudio)events.getFirst()).pcm());
        assertEquals(new Event.TtsDone("s", 0, 5, 2, 3), events.get(1));
    }

    @Test
    void unauthorizedFailsAtOnce()
    {
        fixture.server.enqueue(error(401, "Incorrect API key provided: sk-test-*****CRET.", "invalid_request_error",
            "invalid_api_key"));
        assertEquals(List.of(new Event.TtsFailed("s", 0, 5, 2, 3,
            "auth: HTTP 401 invalid_api_key: Incorrect API key provided: [redacted].")), synthesize(RETRY, SHORT, "x"));
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void rateLimitIsRetriedThenStreams()
    {
        fixture.server.enqueue(error(429, "Rate limit reached.", "requests", "rate_limit_exceeded"));
        fixture.server.enqueue(audio(pcm(200)));
        final List<Event> events = synthesize(RETRY, SHORT, "x");
        assertEquals(2, events.size());
        assertEquals(List.of(75L), fixture.delays);
        assertEquals(2, fixture.server.getRequestCount());
    }

    @Test
    void serverErrorsExhaustTheRetries()
    {
        for (int i = 0; i < 3; i++)
        {
            fixture.server.enqueue(error(500, "The server had an error.", "server_error", null));
        }
        assertEquals(List.of(new Event.TtsFailed("s", 0, 5, 2, 3,
            "server: HTTP 500 server_error: The server had an error.")), synthesize(RETRY, SHORT, "x"));
        assertEquals(List.of(75L, 150L), fixture.delays);
    }

    @Test
    void connectionRefusedFails() throws IOException
    {
        fixture.server.shutdown();
        final List<Event> events = synthesize(RetryPolicy.NONE, SHORT, "x");
        assertEquals(1, events.size());
        assertTrue(((Event.TtsFailed)events.getFirst()).reason().startsWith("connect: ConnectException: "));
    }

    @Test
    void stallAfterPartialAudioFailsWithoutRetry()
    {
        final byte[] pcm = pcm(3 * CHUNK);
        fixture.server.enqueue(fixed(pcm).throttleBody(CHUNK, 1, TimeUnit.SECONDS));
        final List<Event> events = synthesize(RETRY, SHORT, "x");
        assertEquals(2, events.size(), events.toString());
        assertArrayEquals(Arrays.copyOf(pcm, CHUNK), ((Event.TtsAudio)events.getFirst()).pcm());
        assertEquals(new Event.TtsFailed("s", 0, 5, 2, 3, "idle_timeout: stream idle for 300 ms"), events.get(1));
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void disconnectMidStreamFailsAfterTheAudioThatArrived()
    {
        fixture.server.enqueue(audio(pcm(4 * CHUNK)).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        final List<Event> events = synthesize(RETRY, SHORT, "x");
        final Event.TtsFailed failed = assertInstanceOf(Event.TtsFailed.class, events.getLast());
        assertTrue(failed.reason().startsWith("disconnect: "), failed.reason());
        assertEquals(2, events.stream().filter(Event.TtsAudio.class::isInstance).count(), "half of 4 chunks");
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void slowFirstByteFails()
    {
        fixture.server.enqueue(audio(pcm(100)).setBodyDelay(1, TimeUnit.SECONDS));
        assertEquals(List.of(new Event.TtsFailed("s", 0, 5, 2, 3, "first_byte_timeout: no first byte within 300 ms")),
            synthesize(RetryPolicy.NONE, SHORT, "x"));
    }

    @Test
    void cancelMidStreamCancelsTheCallAndDropsQueuedSegments() throws InterruptedException
    {
        final CountDownLatch cancelled = new CountDownLatch(1);
        final OkHttpClient http = new OkHttpClient.Builder().eventListener(new EventListener()
        {
            @Override
            public void callFailed(final Call call, final IOException ioe)
            {
                if (call.isCanceled())
                {
                    cancelled.countDown();
                }
            }
        }).build();
        fixture.server.enqueue(fixed(pcm(3 * CHUNK)).throttleBody(CHUNK, 1, TimeUnit.SECONDS));
        fixture.server.enqueue(audio(pcm(200)));
        try (TtsSession session = fixture.tts(RETRY, new Timeouts(1000, 10_000, 10_000), http)
            .open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("s", 5, 2, 0, "first"));
            session.synthesize(new Command.SynthesizeSegment("s", 5, 2, 1, "queued"));
            sink.awaitEvent(Event.TtsAudio.class::isInstance);
            session.cancel(5);
            assertTrue(cancelled.await(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS));
            session.synthesize(new Command.SynthesizeSegment("s", 6, 3, 0, "next"));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone);
        }
        final List<Event> events = sink.drain();
        assertEquals(List.of(5L, 6L, 6L), events.stream().map((e) -> ((Event.RunEvent)e).runId()).toList());
        assertEquals(2, fixture.server.getRequestCount(), "the queued segment of run 5 was never requested");
    }

    private List<Event> synthesize(final RetryPolicy retry, final Timeouts timeouts, final String text)
    {
        try (TtsSession session = fixture.tts(retry, timeouts, new OkHttpClient())
            .open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("s", 5, 2, 3, text));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed);
        }
        return sink.events();
    }

    private static MockResponse audio(final byte[] pcm)
    {
        return new MockResponse().setHeader("Content-Type", "audio/pcm").setChunkedBody(new Buffer().write(pcm),
            1024);
    }

    /** A body with a Content-Length, so throttling counts audio bytes only (no chunk framing). */
    private static MockResponse fixed(final byte[] pcm)
    {
        return new MockResponse().setHeader("Content-Type", "audio/pcm").setBody(new Buffer().write(pcm));
    }

    private static byte[] pcm(final int length)
    {
        final byte[] pcm = new byte[length];
        for (int i = 0; i < length; i++)
        {
            pcm[i] = (byte)(i * 31 + 7);
        }
        return pcm;
    }
}
