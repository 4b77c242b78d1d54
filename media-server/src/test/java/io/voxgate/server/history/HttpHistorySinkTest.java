package io.voxgate.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP sink against a real HTTP server: paths, idempotency keys, bodies, and which answers are retried. */
class HttpHistorySinkTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HistoryItem ITEM = new HistoryItem.AssistantMessage("MZ 1/x", 3, 1_700_000_000_000L, 2, 5,
        "It's \"fine\"", true);

    private MockWebServer backend;
    private HttpHistorySink sink;

    @BeforeEach
    void start() throws IOException
    {
        backend = new MockWebServer();
        backend.start();
        sink = new HttpHistorySink(backend.url("/api/").toString(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws IOException
    {
        sink.close();
        backend.shutdown();
    }

    private RecordedRequest take() throws InterruptedException
    {
        return backend.takeRequest(10, TimeUnit.SECONDS);
    }

    @Test
    void postsAnItemWithItsIdempotencyKeyAndJsonBody() throws Exception
    {
        backend.enqueue(new MockResponse().setResponseCode(201));
        sink.write(ITEM);
        final RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/calls/MZ%201%2Fx/items", request.getPath());
        assertEquals("MZ 1/x:3", request.getHeader(HttpHistorySink.IDEMPOTENCY_KEY));
        assertEquals("application/json; charset=utf-8", request.getHeader("Content-Type"));
        final JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertEquals("message.assistant", body.get("type").asText());
        assertEquals("MZ 1/x", body.get("sessionId").asText());
        assertEquals(3, body.get("seq").asLong());
        assertEquals(1_700_000_000_000L, body.get("ts").asLong());
        assertEquals(2, body.get("turn").asInt());
        assertEquals(5, body.get("runId").asLong());
        assertEquals("It's \"fine\"", body.get("text").asText());
        assertEquals(true, body.get("interrupted").asBoolean());
    }

    @Test
    void postsTheFinalizationWithACallWideKey() throws Exception
    {
        backend.enqueue(new MockResponse().setResponseCode(200));
        final CallSummary call = new CallSummary("MZf", "CA1", "AC1", "concierge", Map.of("caller", "+1555"), 10, 20,
            "stop", 9, 2);
        sink.finalizeCall(new Finalization(call, 1, 0));
        final RecordedRequest request = take();
        assertEquals("/api/calls/MZf/finalize", request.getPath());
        assertEquals("MZf:finalize", request.getHeader(HttpHistorySink.IDEMPOTENCY_KEY));
        final JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertEquals("call.finalized", body.get("type").asText());
        assertEquals("CA1", body.get("callSid").asText());
        assertEquals("+1555", body.get("customParameters").get("caller").asText());
        assertEquals(10, body.get("startedAt").asLong());
        assertEquals(20, body.get("endedAt").asLong());
        assertEquals("stop", body.get("endReason").asText());
        assertEquals(9, body.get("items").asLong());
        assertEquals(2, body.get("dropped").asLong());
        assertEquals(1, body.get("failed").asLong());
        assertEquals(0, body.get("missing").asLong());
        assertEquals(6, body.get("delivered").asLong());
    }

    @Test
    void aConflictMeansTheBackendHasItAlready() throws Exception
    {
        backend.enqueue(new MockResponse().setResponseCode(409));
        sink.write(ITEM);
        assertEquals(1, backend.getRequestCount());
    }

    @Test
    void serverErrorsThrottlingAndLostResponsesAreRetryable()
    {
        for (final int code : new int[]{500, 502, 503, 408, 429})
        {
            backend.enqueue(new MockResponse().setResponseCode(code));
            final IOException failure = assertThrows(IOException.class, () -> sink.write(ITEM));
            assertFalse(failure instanceof HistoryRejectedException, code + ": " + failure);
        }
        backend.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        final IOException lost = assertThrows(IOException.class, () -> sink.write(ITEM));
        assertFalse(lost instanceof HistoryRejectedException, lost.toString());
        assertEquals(6, backend.getRequestCount(), "one request per write: OkHttp does not retry on its own");
    }

    @Test
    void clientErrorsAreRefusals()
    {
        backend.enqueue(new MockResponse().setResponseCode(400));
        assertInstanceOf(HistoryRejectedException.class, assertThrows(IOException.class, () -> sink.write(ITEM)));
        backend.enqueue(new MockResponse().setResponseCode(404));
        assertInstanceOf(HistoryRejectedException.class, assertThrows(IOException.class, () -> sink.write(ITEM)));
    }

    @Test
    void aRefusedConnectionIsRetryable() throws IOException
    {
        final String url = backend.url("/").toString();
        backend.shutdown();
        try (HttpHistorySink closed = new HttpHistorySink(url, Duration.ofSeconds(10)))
        {
            final IOException failure = assertThrows(IOException.class, () -> closed.write(ITEM));
            assertFalse(failure instanceof HistoryRejectedException, failure.toString());
        }
    }
}
