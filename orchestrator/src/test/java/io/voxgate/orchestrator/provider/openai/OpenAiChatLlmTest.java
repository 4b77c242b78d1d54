package io.voxgate.orchestrator.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.voxgate.orchestrator.provider.openai.ChatFixture.content;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.done;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.error;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.event;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.finish;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.roleChunk;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.start;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.stream;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiChatLlmTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy RETRY = new RetryPolicy(3, 100, 1000, 0.5);
    private static final Timeouts SHORT = new Timeouts(1000, 300, 300);

    private final ChatFixture fixture = new ChatFixture();
    private final RecordingSink sink = new RecordingSink();

    OpenAiChatLlmTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void streamsTextDeltasThenDoneAndSendsTheSpecifiedRequest() throws Exception
    {
        fixture.server.enqueue(stream(roleChunk() + content("Hel") + content("lo") + content("!") + finish("stop") +
            usage(212, 19) + done()));
        sink.nowMs(9);
        try (LlmSession session = fixture.llm(RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(7, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        assertEquals(List.of(new Event.LlmDelta("s", 9, 7, 1, 0, "Hel"), new Event.LlmDelta("s", 9, 7, 1, 0, "lo"),
            new Event.LlmDelta("s", 9, 7, 1, 0, "!"), new Event.LlmDone("s", 9, 7, 1, 0)), sink.events());
        final RecordedRequest request = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST /v1/chat/completions HTTP/1.1", request.getRequestLine());
        assertEquals("Bearer " + ChatFixture.KEY, request.getHeader("Authorization"));
        assertEquals("text/event-stream", request.getHeader("Accept"));
        assertEquals(JSON.readTree("""
            {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
             "tools":[{"type":"function","function":{"name":"lookup_order","description":"Finds an order.",
                       "parameters":{"type":"object"}}}]}
            """), JSON.readTree(request.getBody().readString(StandardCharsets.UTF_8)));
        assertEquals(1, fixture.metrics.get("requests openai"));
        assertEquals(1, fixture.metrics.get("llm_ttft openai"));
        assertEquals(212, fixture.metrics.get("prompt_tokens openai"));
        assertEquals(19, fixture.metrics.get("completion_tokens openai"));
    }

    @Test
    void toolCallFragmentsAccumulateByIndexAndResultsGoBackAsToolMessages() throws Exception
    {
        final String id = ChatFixture.ID;
        fixture.server.enqueue(stream(
            event("{" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null," +
                "\"tool_calls\":[{\"index\":0,\"id\":\"call_q7\",\"type\":\"function\",\"function\":{\"name\":" +
                "\"lookup_order\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}") +
            event("{" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":" +
                "\"call_r8\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"arguments\":\"{\\\"or\"" +
                "}}]},\"finish_reason\":null}]}") +
            event("{" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":" +
                "{\"arguments\":\"{\\\"order_id\\\":\\\"A-17\\\"}\"}}]},\"finish_reason\":null}]}") +
            event("{" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":" +
                "{\"arguments\":\"der_id\\\":\\\"B-2\\\"}\"}}]},\"finish_reason\":null}]}") +
            event("{" + id + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}") +
            usage(212, 19) + done()));
        final ToolCall first = new ToolCall("call_q7", "lookup_order", "{\"order_id\":\"A-17\"}");
        final ToolCall second = new ToolCall("call_r8", "lookup_order", "{\"order_id\":\"B-2\"}");
        fixture.server.enqueue(stream(content("Shipped.") + finish("stop") + done()));
        try (LlmSession session = fixture.llm(RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(3, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone);
            assertEquals(List.of(new Event.LlmToolCall("s", 0, 3, 1, 0, first),
                new Event.LlmToolCall("s", 0, 3, 1, 0, second), new Event.LlmDone("s", 0, 3, 1, 0)), sink.events());
            session.start(new Command.StartLlm("s", 3, 1, 1, List.of(ChatMessage.user("Where are my orders?"),
                ChatMessage.assistant(null, List.of(first, second)),
                ChatMessage.tool("call_q7", "{\"status\":\"shipped\"}"),
                ChatMessage.tool("call_r8", "{\"status\":\"packed\"}"))));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone done && done.step() == 1);
        }
        fixture.server.takeRequest();
        final RecordedRequest continuation = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(JSON.readTree("""
            [{"role":"user","content":"Where are my orders?"},
             {"role":"assistant","content":null,"tool_calls":[
               {"id":"call_q7","type":"function",
                "function":{"name":"lookup_order","arguments":"{\\"order_id\\":\\"A-17\\"}"}},
               {"id":"call_r8","type":"function",
                "function":{"name":"lookup_order","arguments":"{\\"order_id\\":\\"B-2\\"}"}}]},
             {"role":"tool","content":"{\\"status\\":\\"shipped\\"}","tool_call_id":"call_q7"},
             {"role":"tool","content":"{\\"status\\":\\"packed\\"}","tool_call_id":"call_r8"}]
            """), JSON.readTree(continuation.getBody().readString(StandardCharsets.UTF_8)).path("messages"));
        assertEquals(new Event.LlmDelta("s", 0, 3, 1, 1, "Shipped."), sink.events().get(3));
    }

    @Test
    void unauthorizedFailsAtOnceWithTheVendorMessageAndNoKey()
    {
        fixture.server.enqueue(error(401, "Incorrect API key provided: sk-test-*****************CRET. You can " +
            "find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error",
            "invalid_api_key"));
        final Event.LlmFailed failed = failOnce(RETRY, SHORT);
        assertEquals("auth: HTTP 401 invalid_api_key: Incorrect API key provided: [redacted]. You can find your " +
            "API key at https://platform.openai.com/account/api-keys.", failed.reason());
        assertEquals(1, fixture.server.getRequestCount());
        assertEquals(List.of(), fixture.delays);
        assertEquals(1, fixture.metrics.get("errors openai auth"));
    }

    @Test
    void rateLimitIsRetriedWithExactBackoffThenStreams()
    {
        fixture.server.enqueue(error(429, "Rate limit reached for gpt-4o-mini.", "requests", "rate_limit_exceeded"));
        fixture.server.enqueue(error(429, "Rate limit reached for gpt-4o-mini.", "requests", "rate_limit_exceeded"));
        fixture.server.enqueue(stream(content("Hi") + finish("stop") + done()));
        try (LlmSession session = fixture.llm(RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(1, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        assertEquals(List.of(delta(1, "Hi"), new Event.LlmDone("s", 0, 1, 1, 0)), sink.events());
        // 100 ms then 200 ms, each scaled by 1 - 0.5 + 0.5 * 0.5 (jitter 0.5, random 0.5).
        assertEquals(List.of(75L, 150L), fixture.delays);
        assertEquals(3, fixture.server.getRequestCount());
        assertEquals(2, fixture.metrics.get("errors openai rate_limited"));
    }

    @Test
    void serverErrorsExhaustTheRetriesThenFail()
    {
        for (int i = 0; i < 3; i++)
        {
            fixture.server.enqueue(error(500, "The server had an error while processing your request. Sorry " +
                "about that!", "server_error", null));
        }
        final Event.LlmFailed failed = failOnce(RETRY, SHORT);
        assertEquals("server: HTTP 500 server_error: The server had an error while processing your request. " +
            "Sorry about that!", failed.reason());
        assertEquals(3, fixture.server.getRequestCount());
        assertEquals(List.of(75L, 150L), fixture.delays);
    }

    @Test
    void connectionRefusedIsRetriedThenFails() throws IOException
    {
        fixture.server.shutdown();
        final Event.LlmFailed failed = failOnce(RETRY, SHORT);
        assertTrue(failed.reason().startsWith("connect: ConnectException: "), failed.reason());
        assertEquals(3, fixture.metrics.get("errors openai connect"));
        assertEquals(List.of(75L, 150L), fixture.delays);
    }

    @Test
    void stallAfterPartialOutputFailsOnTheIdleTimeoutWithoutRetry()
    {
        final String head = roleChunk() + content("Hel") + content("lo");
        fixture.server.enqueue(stream(head + content(" there") + finish("stop") + done())
            .throttleBody(head.length(), 1, TimeUnit.SECONDS));
        try (LlmSession session = fixture.llm(RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(2, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        assertEquals(List.of(delta(2, "Hel"), delta(2, "lo"),
            new Event.LlmFailed("s", 0, 2, 1, 0, "idle_timeout: stream idle for 300 ms")), sink.events());
        assertEquals(1, fixture.server.getRequestCount());
        assertEquals(List.of(), fixture.delays);
    }

    @Test
    void disconnectMidStreamFailsAfterTheDeltasThatArrived()
    {
        final String body = roleChunk() + content("Hel") + content("lo") + content(" " + "long ".repeat(120)) +
            content("tail") + finish("stop") + done();
        final int half = body.length() / 2;
        final int longStart = (roleChunk() + content("Hel") + content("lo")).length();
        assertTrue(half > longStart && half < longStart + content(" " + "long ".repeat(120)).length(),
            "the cut falls inside the long chunk");
        fixture.server.enqueue(stream(body).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        try (LlmSession session = fixture.llm(RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(4, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        final List<Event> events = sink.events();
        assertEquals(List.of(delta(4, "Hel"), delta(4, "lo")), events.subList(0, 2));
        assertEquals(3, events.size());
        final Event.LlmFailed failed = (Event.LlmFailed)events.get(2);
        assertTrue(failed.reason().startsWith("disconnect: "), failed.reason());
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void malformedFrameFailsTheRequest()
    {
        fixture.server.enqueue(stream(content("Hel") + event("{\"id\":\"chatcmpl-x1\",\"choices\":[{\"ind") +
            content("lo") + done()));
        try (LlmSession session = fixture.llm(RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(5, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        assertEquals(List.of(delta(5, "Hel"), new Event.LlmFailed("s", 0, 5, 1, 0,
            "malformed: bad chunk JSON: {\"id\":\"chatcmpl-x1\",\"choices\":[{\"ind")), sink.events());
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void slowFirstByteBeyondTheTimeoutFails()
    {
        fixture.server.enqueue(stream(content("late") + finish("stop") + done()).setBodyDelay(1, TimeUnit.SECONDS));
        final Event.LlmFailed failed = failOnce(RetryPolicy.NONE, SHORT);
        assertEquals("first_byte_timeout: no first byte within 300 ms", failed.reason());
        assertEquals(1, fixture.metrics.get("errors openai first_byte_timeout"));
    }

    @Test
    void cancelMidStreamCancelsTheCallAndPublishesNothingMore() throws InterruptedException
    {
        final CountDownLatch callFailed = new CountDownLatch(1);
        final OkHttpClient http = new OkHttpClient.Builder().eventListener(new EventListener()
        {
            @Override
            public void callFailed(final Call call, final IOException ioe)
            {
                if (call.isCanceled())
                {
                    callFailed.countDown();
                }
            }
        }).build();
        final String head = content("Hel") + content("lo");
        fixture.server.enqueue(stream(head + content(" there") + finish("stop") + done())
            .throttleBody(head.length(), 1, TimeUnit.SECONDS));
        final Timeouts patient = new Timeouts(1000, 10_000, 10_000);
        try (LlmSession session = fixture.llm(RETRY, patient, 5, http).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(6, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDelta d && d.text().equals("lo"));
            session.cancel(6);
            assertTrue(callFailed.await(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS), "the call was cancelled");
            fixture.executor.shutdown();
            assertTrue(fixture.executor.awaitTermination(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(List.of(delta(6, "Hel"), delta(6, "lo")), sink.drain());
        assertEquals(0, fixture.metrics.get("errors openai disconnect"));
        assertFalse(fixture.metrics.transitions().contains(
            io.voxgate.orchestrator.provider.resilience.CircuitState.OPEN));
    }

    private Event.LlmFailed failOnce(final RetryPolicy retry, final Timeouts timeouts)
    {
        try (LlmSession session = fixture.llm(retry, timeouts).open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(8, 0));
            final Event last = sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
            assertEquals(1, sink.events().size(), "exactly one event: " + sink.events());
            return (Event.LlmFailed)last;
        }
    }

    private static Event.LlmDelta delta(final long runId, final String text)
    {
        return new Event.LlmDelta("s", 0, runId, 1, 0, text);
    }
}
