package io.voxgate.orchestrator.provider.openai.transcription;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.LogCapture;
import io.voxgate.orchestrator.provider.websocket.ProviderFixture;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.RETRY;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.SHORT;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.httpError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiTranscriptionAsrTest
{
    private static final String KEY = "sk-test-9f8e7d6c5b4a3210SECRET";
    /** 20 ms of PCM16 16 kHz. */
    private static final int FRAME = 640;
    /** Pre-roll 2 frames + 5 voiced + 5 silent (the silence that ends it). */
    private static final int UTTERANCE_BYTES = 12 * FRAME;

    private final ProviderFixture fixture = new ProviderFixture();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordingSink sink = new RecordingSink();
    private final UnsafeBuffer loud = frame((short)8000);
    private final UnsafeBuffer silent = frame((short)0);

    OpenAiTranscriptionAsrTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        scheduler.shutdownNow();
        fixture.close();
    }

    @Test
    void uploadsEachUtteranceAsWavAndPublishesTheFinalsInOrder() throws Exception
    {
        fixture.server.enqueue(json("{\"text\":\"Hello there.\",\"usage\":{\"type\":\"duration\",\"seconds\":1}}"));
        fixture.server.enqueue(json("{\"text\":\" I want to check my order. \"}"));
        sink.nowMs(40);
        try (AsrSession session = open(RETRY, SHORT))
        {
            session.start();
            speak(session, 3, 5, 5);
            speak(session, 0, 5, 5);
            sink.awaitEvent((e) -> e instanceof Event.TranscriptFinal f && f.text().startsWith("I want"));
        }
        assertEquals(List.of(new Event.TranscriptFinal("s", 40, "Hello there."),
            new Event.TranscriptFinal("s", 40, "I want to check my order.")), sink.events());
        final RecordedRequest request = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST /v1/audio/transcriptions HTTP/1.1", request.getRequestLine());
        assertEquals("Bearer " + KEY, request.getHeader("Authorization"));
        assertTrue(request.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        final byte[] body = request.getBody().readByteArray();
        final String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("Content-Disposition: form-data; name=\"file\"; filename=\"utterance.wav\"\r\n" +
            "Content-Type: audio/wav\r\nContent-Length: " + (44 + UTTERANCE_BYTES) + "\r\n\r\nRIFF"), text);
        assertTrue(text.contains("Content-Disposition: form-data; name=\"model\"\r\nContent-Length: 9\r\n\r\n" +
            "whisper-1\r\n"), text);
        assertTrue(text.contains("name=\"response_format\"\r\nContent-Length: 4\r\n\r\njson\r\n"), text);
        assertTrue(text.contains("name=\"language\"\r\nContent-Length: 2\r\n\r\nen\r\n"), text);
        final ByteBuffer wav = ByteBuffer.wrap(body, text.indexOf("RIFF"), 44 + UTTERANCE_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
        final int riff = wav.position();
        assertEquals(16000, wav.getInt(riff + 24));
        assertEquals(UTTERANCE_BYTES, wav.getInt(riff + 40));
        // Two silent pre-roll frames, then the first voiced sample.
        assertEquals(0, wav.getShort(riff + 44 + 2 * FRAME - 2));
        assertEquals(8000, wav.getShort(riff + 44 + 2 * FRAME));
        assertEquals(2, fixture.server.getRequestCount());
        assertEquals(2, fixture.metrics.get("stt_final_latency openai-transcription"));
    }

    @Test
    void stopUploadsTheUtteranceInProgressAndAcceptsPlainTextAnswers() throws Exception
    {
        fixture.server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain; charset=utf-8")
            .setBody(" Goodbye.\n"));
        try (AsrSession session = open(RETRY, SHORT))
        {
            session.start();
            speak(session, 0, 5, 1);
            session.stop();
            sink.awaitEvent((e) -> e instanceof Event.TranscriptFinal);
            speak(session, 0, 5, 5);
        }
        assertEquals(List.of(new Event.TranscriptFinal("s", 0, "Goodbye.")), sink.drain());
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void clicksAndSilenceUploadNothing() throws InterruptedException
    {
        try (AsrSession session = open(RETRY, SHORT))
        {
            session.start();
            speak(session, 50, 1, 10);
            session.stop();
        }
        awaitIdle();
        assertEquals(0, fixture.server.getRequestCount());
        assertEquals(List.of(), sink.drain());
    }

    @Test
    void unauthorizedIsNotRetriedPublishesAsrFailedAndNeverShowsTheKey() throws InterruptedException
    {
        fixture.server.enqueue(httpError(401, "{\n  \"error\": {\n    \"message\": \"Incorrect API key provided: " +
            KEY + ".\",\n    \"type\": \"invalid_request_error\",\n    \"param\": null,\n    \"code\": " +
            "\"invalid_api_key\"\n  }\n}\n"));
        final OpenAiTranscriptionAsr asr = asr(RETRY, SHORT, new OkHttpClient());
        try (LogCapture logs = new LogCapture())
        {
            assertEquals(List.of(new Event.AsrFailed("s", 0, "auth: HTTP 401 invalid_api_key: Incorrect API key " +
                "provided: [redacted].")), utterance(asr));
            assertTrue(logs.text().contains("not transcribed: auth: HTTP 401 invalid_api_key: Incorrect API key " +
                "provided: [redacted]."), logs.text());
            assertFalse(logs.text().contains(KEY), logs.text());
        }
        assertEquals(1, fixture.metrics.get("errors openai-transcription auth"));
        assertEquals(1, fixture.server.getRequestCount());
        assertFalse(asr.toString().contains(KEY), asr.toString());
    }

    @Test
    void rateLimitIsRetriedWithBackoffThenTranscribes()
    {
        fixture.server.enqueue(httpError(429, "{\"error\":{\"message\":\"Rate limit reached.\",\"type\":\"requests\"," +
            "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
        fixture.server.enqueue(json("{\"text\":\"Hi.\"}"));
        assertEquals("Hi.", transcribeOne(RETRY, SHORT));
        assertEquals(List.of(75L), fixture.delays);
        assertEquals(1, fixture.metrics.get("errors openai-transcription rate_limited"));
    }

    @Test
    void serverErrorsExhaustTheRetriesAndPublishAsrFailed() throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            fixture.server.enqueue(httpError(500, "{\"error\":{\"message\":\"The server had an error.\"," +
                "\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        }
        assertEquals(List.of(new Event.AsrFailed("s", 0, "server: HTTP 500 server_error: The server had an error.")),
            utterance(asr(RETRY, SHORT, new OkHttpClient())));
        assertEquals(3, fixture.server.getRequestCount());
        assertEquals(List.of(75L, 150L), fixture.delays);
        assertEquals(3, fixture.metrics.get("errors openai-transcription server"));
    }

    @Test
    void connectionRefusedIsRetriedThenGivenUp() throws Exception
    {
        final OpenAiTranscriptionAsr asr = asr(RETRY, SHORT, new OkHttpClient());
        fixture.server.shutdown();
        final List<Event> events = utterance(asr);
        assertEquals(1, events.size(), events.toString());
        assertTrue(((Event.AsrFailed)events.getFirst()).reason().startsWith("connect: "), events.toString());
        assertEquals(3, fixture.metrics.get("errors openai-transcription connect"));
    }

    @Test
    void stallAfterTheHeadersTimesOutAndTheRetryTranscribes()
    {
        // Headers at once, then the body too late: the stream stalls after its first output.
        fixture.server.enqueue(json("{\"text\":\"Hello.\"}").setBodyDelay(1, TimeUnit.SECONDS));
        fixture.server.enqueue(json("{\"text\":\"Hello.\"}"));
        assertEquals("Hello.", transcribeOne(RETRY, SHORT));
        assertEquals(1, fixture.metrics.get("errors openai-transcription idle_timeout"));
        assertEquals(2, fixture.server.getRequestCount());
    }

    @Test
    void disconnectMidBodyIsRetried()
    {
        fixture.server.enqueue(json("{\"text\":\"" + "Hello. ".repeat(200) + "\"}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        fixture.server.enqueue(json("{\"text\":\"Hello.\"}"));
        assertEquals("Hello.", transcribeOne(RETRY, SHORT));
        assertEquals(1, fixture.metrics.get("errors openai-transcription disconnect"));
    }

    @Test
    void malformedAnswerIsNotRetriedAndPublishesAsrFailed() throws InterruptedException
    {
        fixture.server.enqueue(json("{\"txt\":"));
        try (LogCapture logs = new LogCapture())
        {
            assertEquals(List.of(new Event.AsrFailed("s", 0, "malformed: no text in response: {\"txt\":")),
                utterance(asr(RETRY, SHORT, new OkHttpClient())));
            assertTrue(logs.text().contains("malformed: no text in response: {\"txt\":"), logs.text());
        }
        assertEquals(1, fixture.server.getRequestCount());
        assertEquals(1, fixture.metrics.get("errors openai-transcription malformed"));
    }

    @Test
    void slowFirstByteBeyondTheTimeoutFails() throws InterruptedException
    {
        fixture.server.enqueue(json("{\"text\":\"late\"}").setHeadersDelay(1, TimeUnit.SECONDS));
        final List<Event> events = utterance(asr(RetryPolicy.NONE, SHORT, new OkHttpClient()));
        assertEquals(1, events.size(), events.toString());
        assertTrue(((Event.AsrFailed)events.getFirst()).reason().startsWith("first_byte_timeout: "), events.toString());
        assertEquals(1, fixture.metrics.get("errors openai-transcription first_byte_timeout"));
    }

    @Test
    void closeMidRequestCancelsTheUploadAndPublishesNothing() throws InterruptedException
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
        fixture.server.enqueue(json("{\"text\":\"Hello.\"}").setHeadersDelay(2, TimeUnit.SECONDS));
        final AsrSession session = asr(RETRY, new Timeouts(1000, 10_000, 10_000), http)
            .open(new CallContext("s", sink, Map.of()));
        session.start();
        speak(session, 0, 5, 5);
        fixture.server.takeRequest(RecordingSink.BOUND.toMillis(), TimeUnit.MILLISECONDS);
        session.close();
        assertTrue(cancelled.await(RecordingSink.BOUND.toMillis(), TimeUnit.MILLISECONDS), "the call was cancelled");
        awaitIdle();
        assertEquals(List.of(), sink.drain());
        assertEquals(0, fixture.metrics.get("errors openai-transcription disconnect"));
    }

    private String transcribeOne(final RetryPolicy retry, final Timeouts timeouts)
    {
        try (AsrSession session = asr(retry, timeouts, new OkHttpClient()).open(new CallContext("s", sink, Map.of())))
        {
            session.start();
            speak(session, 0, 5, 5);
            return ((Event.TranscriptFinal)sink.awaitEvent((e) -> e instanceof Event.TranscriptFinal)).text();
        }
    }

    /** One utterance through a session, then waits until its upload chain has finished; returns its events. */
    private List<Event> utterance(final OpenAiTranscriptionAsr asr) throws InterruptedException
    {
        final AsrSession session = asr.open(new CallContext("s", sink, Map.of()));
        session.start();
        speak(session, 0, 5, 5);
        awaitIdle();
        session.close();
        return sink.drain();
    }

    private void awaitIdle() throws InterruptedException
    {
        fixture.executor.shutdown();
        assertTrue(fixture.executor.awaitTermination(RecordingSink.BOUND.toMillis(), TimeUnit.MILLISECONDS));
    }

    private AsrSession open(final RetryPolicy retry, final Timeouts timeouts)
    {
        return asr(retry, timeouts, new OkHttpClient()).open(new CallContext("s", sink, Map.of()));
    }

    private OpenAiTranscriptionAsr asr(final RetryPolicy retry, final Timeouts timeouts, final OkHttpClient http)
    {
        final TranscriptionSettings settings = new TranscriptionSettings(fixture.server.url("/v1/").toString(),
            "whisper-1", "en", null, -45, 100, 40, 40, 1000);
        return new OpenAiTranscriptionAsr(settings, ApiKey.fromEnvironment(Map.of("OPENAI_API_KEY", KEY),
            "OPENAI_API_KEY", true), http, fixture.executor, scheduler,
            fixture.resilience("openai-transcription", retry, timeouts));
    }

    /** Silent frames, then voiced frames, then silent frames. */
    private void speak(final AsrSession session, final int before, final int voiced, final int after)
    {
        for (int i = 0; i < before; i++)
        {
            session.audio(silent, 0, FRAME);
        }
        for (int i = 0; i < voiced; i++)
        {
            session.audio(loud, 0, FRAME);
        }
        for (int i = 0; i < after; i++)
        {
            session.audio(silent, 0, FRAME);
        }
    }

    private static UnsafeBuffer frame(final short sample)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME]);
        for (int i = 0; i < FRAME; i += 2)
        {
            frame.putShort(i, sample, ByteOrder.LITTLE_ENDIAN);
        }
        return frame;
    }

    private static MockResponse json(final String body)
    {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
