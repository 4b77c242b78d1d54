package io.voxgate.orchestrator.provider.tool;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpToolTest
{
    private static final String TOKEN = "tok-1234567890abcdef";
    private static final Map<String, String> ENVIRONMENT = Map.of("ROOMS_TOKEN", TOKEN);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final RecordingSink sink = new RecordingSink();
    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final OkHttpClient client = HttpTool.client(new OkHttpClient.Builder().eventListener(new EventListener()
    {
        @Override
        public void canceled(final Call call)
        {
            cancelled.countDown();
        }
    }).build(), executor);

    @AfterEach
    void stop() throws IOException
    {
        executor.shutdownNow();
        server.shutdown();
    }

    @Test
    void postsTheArgumentsWithItsHeadersAndAnswersWithTheJsonBody() throws InterruptedException
    {
        server.enqueue(new MockResponse().setBody("{\"booked\":true,\"room\":12}"));
        final ToolRunner runner = runner(tool("POST", "rooms/{{day}}", 0,
            Map.of("Authorization", "Bearer {{env.ROOMS_TOKEN}}", "X-Hotel", "{{hotel}}")));
        runner.execute(execute("c1", "{\"day\":\"next friday\",\"guests\":2}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1", "{\"booked\":true,\"room\":12}", false),
            sink.awaitEvent((e) -> true));
        final RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/rooms/next%20friday", request.getPath());
        assertEquals("{\"day\":\"next friday\",\"guests\":2}", request.getBody().readUtf8());
        assertEquals("application/json; charset=utf-8", request.getHeader("Content-Type"));
        assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
        assertEquals("Harbor View", request.getHeader("X-Hotel"));
    }

    @Test
    void getSendsTheArgumentsAsQueryParametersAndWrapsAPlainTextBody() throws InterruptedException
    {
        server.enqueue(new MockResponse().setBody("3 rooms free"));
        final ToolRunner runner = runner(tool("GET", "rooms?lang=en", 0, Map.of()));
        runner.execute(execute("c1", "{\"day\":\"friday\",\"guests\":2,\"tags\":[\"sea\"]}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1", "\"3 rooms free\"", false),
            sink.awaitEvent((e) -> true));
        final RecordedRequest request = server.takeRequest();
        assertEquals("GET", request.getMethod());
        assertEquals("/rooms?lang=en&day=friday&guests=2&tags=%5B%22sea%22%5D", request.getPath());
        assertEquals(0, request.getBodySize());
    }

    @Test
    void emptyBodyAnswersWithTheStatus()
    {
        server.enqueue(new MockResponse().setResponseCode(204));
        final ToolRunner runner = runner(tool("DELETE", "rooms/12", 0, Map.of()));
        runner.execute(execute("c1", "{}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1", "{\"status\":204}", false),
            sink.awaitEvent((e) -> true));
    }

    @Test
    void serverErrorIsAnErrorResultWithoutTheSecretHeader()
    {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("boom: bad token " + TOKEN));
        final ToolRunner runner = runner(tool("POST", "rooms", 0,
            Map.of("Authorization", "Bearer {{env.ROOMS_TOKEN}}")));
        runner.execute(execute("c1", "{}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1",
            "{\"error\":\"HTTP 500 from " + server.getHostName() + ": boom: bad token [redacted]\"}", true),
            sink.awaitEvent((e) -> true));
    }

    @Test
    void aBodyOverTheLimitIsAnErrorResultNotAModelContextFullOfIt()
    {
        server.enqueue(new MockResponse().setBody("x".repeat(PendingExchange.MAX_BODY_BYTES + 1)));
        server.enqueue(new MockResponse().setBody("y".repeat(PendingExchange.MAX_BODY_BYTES)));
        final ToolRunner runner = runner(tool("POST", "rooms", 0, Map.of()));
        runner.execute(execute("c1", "{}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1",
            "{\"error\":\"response body over 64 KiB from " + server.getHostName() + "\"}", true),
            sink.awaitEvent((e) -> true));
        runner.execute(execute("c2", "{}"));
        final Event.ToolResult atTheLimit = (Event.ToolResult)sink.awaitEvent(
            (e) -> e instanceof Event.ToolResult result && "c2".equals(result.callId()));
        assertFalse(atTheLimit.error(), "a body of exactly the limit is the tool's answer");
        assertTrue(atTheLimit.resultJson().contains("y".repeat(1000)));
    }

    @Test
    void noAnswerWithinTheTimeoutIsAnErrorResult()
    {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        final ToolRunner runner = runner(tool("POST", "rooms", 200, Map.of()));
        runner.execute(execute("c1", "{}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1",
            "{\"error\":\"no answer from " + server.getHostName() + " within 200 ms\"}", true),
            sink.awaitEvent((e) -> true));
    }

    @Test
    void refusedConnectionIsAnErrorResult() throws IOException
    {
        final String url = server.url("/").toString();
        server.shutdown();
        final ToolRunner runner = runner(new HttpTool(spec("POST", url + "rooms", 0, Map.of()), ENVIRONMENT, 5_000,
            client));
        runner.execute(execute("c1", "{}"));
        final Event.ToolResult result = assertInstanceOf(Event.ToolResult.class, sink.awaitEvent((e) -> true));
        assertTrue(result.error());
        assertTrue(result.resultJson().startsWith("{\"error\":\"cannot reach " + server.getHostName() + ":" +
            server.getPort() + ": "), result.resultJson());
    }

    @Test
    void cancelCancelsTheRequestAndPublishesNothing() throws InterruptedException
    {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        final ToolRunner runner = runner(tool("POST", "rooms", 60_000, Map.of()));
        runner.execute(execute("c1", "{\"day\":\"friday\"}"));
        assertNotNull(server.takeRequest(20, TimeUnit.SECONDS), "the request reached the server");
        runner.cancel("c1");
        assertTrue(cancelled.await(20, TimeUnit.SECONDS), "the HTTP call was cancelled");
        executor.shutdown();
        assertTrue(executor.awaitTermination(20, TimeUnit.SECONDS));
        assertEquals(0, sink.drain().size());
    }

    @Test
    void missingEnvironmentVariableFailsAtConstructionNamingIt()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new HttpTool(
            spec("POST", "https://api.example.com/rooms", 0, Map.of("Authorization", "Bearer {{env.NOPE}}")),
            ENVIRONMENT, 5_000, client));
        assertEquals("tool book_room, header Authorization: API key missing: set the environment variable NOPE",
            error.getMessage());
        assertFalse(error.getMessage().contains(TOKEN));
    }

    @Test
    void defaultTimeoutIsTheAssistantsWhenTheToolHasNone()
    {
        assertEquals(7_000, new HttpTool(spec("GET", "https://api.example.com/rooms", 0, Map.of()), ENVIRONMENT,
            7_000, client).timeoutMs());
        assertEquals(300, new HttpTool(spec("GET", "https://api.example.com/rooms", 300, Map.of()), ENVIRONMENT,
            7_000, client).timeoutMs());
    }

    private HttpTool tool(final String method, final String path, final long timeoutMs,
        final Map<String, String> headers)
    {
        return new HttpTool(spec(method, server.url("/").toString() + path, timeoutMs, headers), ENVIRONMENT, 5_000,
            client);
    }

    private static ToolSpec spec(final String method, final String url, final long timeoutMs,
        final Map<String, String> headers)
    {
        return new ToolSpec("book_room", "Books a room", null, ToolSpec.SERVER, url, method, timeoutMs, headers);
    }

    private ToolRunner runner(final HttpTool tool)
    {
        return new ToolRunner(Map.of(tool.name(), tool), "s", Map.of("hotel", "Harbor View"), executor,
            new RunPublisher(sink));
    }

    private static Command.ExecuteTool execute(final String id, final String arguments)
    {
        return new Command.ExecuteTool("s", 3, 1, new ToolCall(id, "book_room", arguments), 5000);
    }
}
