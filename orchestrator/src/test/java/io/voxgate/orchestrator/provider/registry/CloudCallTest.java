package io.voxgate.orchestrator.provider.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.AssistantConfigReader;
import io.voxgate.orchestrator.provider.resilience.CircuitBreakers;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.tool.CheckAvailabilityTool;
import io.voxgate.orchestrator.reducer.Session;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call of the real reducer against an OpenAI-compatible LLM on MockWebServer (speaking protocols.md section 3)
 * and offline FreeTTS: a tool call in the middle of a turn, then a barge-in while the model is still streaming,
 * which must cancel the HTTP call.
 */
class CloudCallTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHUNK = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1," +
        "\"model\":\"m\"";

    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final ProviderEnvironment environment = new ProviderEnvironment(Map.of(),
        Executors.newVirtualThreadPerTaskExecutor(), Executors.newSingleThreadScheduledExecutor(),
        ProviderMetrics.NOOP, new CircuitBreakers(() -> 0, ProviderMetrics.NOOP), () -> 0,
        RandomGenerator.of("L64X128MixRandom"), (delayMs, cancel) -> true,
        Map.of(CheckAvailabilityTool.NAME, new CheckAvailabilityTool()),
        new OkHttpClient.Builder().eventListener(new EventListener()
        {
            @Override
            public void callFailed(final Call call, final IOException ioe)
            {
                if (call.isCanceled())
                {
                    cancelled.countDown();
                }
            }
        }).build());

    @AfterEach
    void close() throws IOException
    {
        environment.close();
        server.shutdown();
    }

    @Test
    void toolCallMidTurnThenBargeInCancelsTheStreamingRequest() throws Exception
    {
        server.start();
        server.enqueue(sse(data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"," +
            "\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":" +
            "{\"name\":\"check_availability\",\"arguments\":\"{\\\"day\\\":\"}}]},\"finish_reason\":null}]}") +
            data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":" +
            "{\"arguments\":\"\\\"friday\\\"}\"}}]},\"finish_reason\":null}]}") +
            data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}") +
            data("[DONE]")));
        server.enqueue(sse(text("We have three rooms on Friday.") + finish() + data("[DONE]")));
        final String head = text("Let me see, ");
        server.enqueue(sse(head + text("there is one more thing.") + finish() + data("[DONE]"))
            .throttleBody(head.length(), 1, TimeUnit.SECONDS));

        final AssistantConfig config = new AssistantConfigReader().read(new ByteArrayInputStream(("""
            id: cloud
            systemPrompt: You are a hotel concierge.
            greeting: Hello.
            providers:
              llm: [{name: openai, options: {baseUrl: "%s", model: m, firstByteTimeoutMs: 10000,
                                             idleTimeoutMs: 10000}}]
              tts: [{name: freetts}]
            settings: {maxEndpointingDelayMs: 1200}
            tools: [{name: check_availability, description: Free rooms on a day.}]
            """.formatted(server.url("/v1"))).getBytes(StandardCharsets.UTF_8)), "cloud.yaml");
        final AssistantProviders providers = BuiltInProviders.registry().forAssistant(config, environment);
        final RecordingSink sink = new RecordingSink();
        final Session session = new Session("call-2", providers.settingsFor(Map.of()));
        try (CallProviders call = providers.open("call-2", sink, Map.of()))
        {
            final OfflineCall offline = new OfflineCall(session, sink, call);
            offline.apply(new Event.CallStarted("call-2", 0));
            offline.untilListening();
            offline.callerSpeaks(800);
            offline.untilListening();
            assertEquals(List.of("Hello.", "We have three rooms on Friday."), offline.heard);

            offline.callerSpeaks(600);
            final Event.LlmDelta delta = (Event.LlmDelta)offline.until(Event.LlmDelta.class::isInstance);
            assertEquals("Let me see, ", delta.text());
            assertEquals(SessionState.THINKING, session.state());
            final long now = offline.now() + 100;
            offline.apply(new Event.SpeechStarted("call-2", now));
            offline.fire(TimerKind.INTERRUPTION);
            assertTrue(offline.commands.contains(new Command.CancelLlm("call-2", delta.runId(), delta.turn())));
            assertTrue(cancelled.await(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS),
                "the streaming request was cancelled");
            environment.executor().shutdown();
            assertTrue(environment.executor().awaitTermination(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals(List.of(), sink.drain().stream()
                .filter((e) -> e instanceof Event.RunEvent r && r.runId() == delta.runId() && e != delta).toList(),
                "nothing more of the interrupted run");
        }

        server.takeRequest();
        final JsonNode afterTool = JSON.readTree(server.takeRequest().getBody().readString(StandardCharsets.UTF_8));
        final ObjectNode toolMessage = (ObjectNode)afterTool.path("messages").path(4);
        assertEquals("{\"day\":\"friday\",\"available\":true,\"rooms\":3,\"message\":\"We have 3 rooms " +
            "available on friday.\"}", toolMessage.remove("content").asText());
        assertEquals(JSON.readTree("""
            [{"role":"system","content":"You are a hotel concierge."},
             {"role":"assistant","content":"Hello."},
             {"role":"user","content":""},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
               "function":{"name":"check_availability","arguments":"{\\"day\\":\\"friday\\"}"}}]},
             {"role":"tool","tool_call_id":"call_1"}]
            """), afterTool.path("messages"));
        assertEquals("check_availability", afterTool.path("tools").path(0).path("function").path("name").asText());
        assertEquals(3, server.getRequestCount());
    }

    private static MockResponse sse(final String body)
    {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
    }

    private static String data(final String json)
    {
        return "data: " + json + "\n\n";
    }

    private static String text(final String content)
    {
        return data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content +
            "\"},\"finish_reason\":null}]}");
    }

    private static String finish()
    {
        return data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
    }
}
