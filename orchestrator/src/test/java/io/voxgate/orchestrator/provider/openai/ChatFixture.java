package io.voxgate.orchestrator.provider.openai;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.provider.RecordingMetrics;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import io.voxgate.orchestrator.provider.resilience.CircuitBreaker;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A MockWebServer speaking Chat Completions streaming byte for byte (protocols.md section 3), and an adapter
 * pointed at it with exact, injectable resilience: jitter fixed at 0.5, backoff delays recorded instead of waited,
 * a settable breaker clock, and short timeouts (the only real-time waits, bounded by the test's own limits).
 */
final class ChatFixture implements AutoCloseable
{
    /** The key the adapter sends; it must never appear in a reason, a log line or a toString. */
    static final String KEY = "sk-test-9f8e7d6c5b4a3210SECRET";
    static final String ID = "\"id\":\"chatcmpl-x1\",\"object\":\"chat.completion.chunk\",\"created\":1760000000," +
        "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_1\"";

    final MockWebServer server = new MockWebServer();
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final RecordingMetrics metrics = new RecordingMetrics();
    final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong clockMs = new AtomicLong();

    ChatFixture() throws IOException
    {
        server.start();
    }

    String baseUrl()
    {
        return server.url("/v1").toString();
    }

    OpenAiChatLlm llm(final RetryPolicy retry, final Timeouts timeouts, final int breakerFailures,
        final OkHttpClient http)
    {
        return new OpenAiChatLlm(baseUrl(), "gpt-4o-mini", null,
            ApiKey.fromEnvironment(Map.of("OPENAI_API_KEY", KEY), "OPENAI_API_KEY", true),
            List.of(new ToolSpec("lookup_order", "Finds an order.", Map.of("type", "object"))),
            http, executor, scheduler, resilience("openai-chat", retry, timeouts, breakerFailures));
    }

    OpenAiSpeechTts tts(final RetryPolicy retry, final Timeouts timeouts, final OkHttpClient http)
    {
        return new OpenAiSpeechTts(baseUrl(), "gpt-4o-mini-tts", "marin", null,
            ApiKey.fromEnvironment(Map.of("OPENAI_API_KEY", KEY), "OPENAI_API_KEY", true), 100, http, executor,
            scheduler, resilience("openai-speech", retry, timeouts, 5));
    }

    Resilience resilience(final String endpoint, final RetryPolicy retry, final Timeouts timeouts,
        final int breakerFailures)
    {
        final CircuitBreaker breaker = new CircuitBreaker(endpoint + " " + baseUrl(), breakerFailures, 1000,
            clockMs::get, metrics);
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
        return new Resilience("openai", timeouts, retry, breaker, metrics, half,
            (delayMs, cancel) ->
            {
                delays.add(delayMs);
                return true;
            });
    }

    OpenAiChatLlm llm(final RetryPolicy retry, final Timeouts timeouts)
    {
        return llm(retry, timeouts, 5, new OkHttpClient());
    }

    static Command.StartLlm start(final long runId, final int step)
    {
        return new Command.StartLlm("s", runId, 1, step, List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("Hi")));
    }

    /** One SSE event. */
    static String event(final String data)
    {
        return "data: " + data + "\n\n";
    }

    /** A content chunk. */
    static String content(final String text)
    {
        return event("{" + ID + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}," +
            "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    }

    static String roleChunk()
    {
        return event("{" + ID + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"," +
            "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    }

    static String finish(final String reason)
    {
        return event("{" + ID + ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" +
            reason + "\"}],\"usage\":null}");
    }

    static String usage(final int prompt, final int completion)
    {
        return event("{" + ID + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt +
            ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}");
    }

    static String done()
    {
        return event("[DONE]");
    }

    static MockResponse stream(final String body)
    {
        return new MockResponse()
            .setHeader("Content-Type", "text/event-stream; charset=utf-8")
            .setBody(body);
    }

    /** OpenAI's error body shape. */
    static MockResponse error(final int status, final String message, final String type, final String code)
    {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
            .setBody("{\n  \"error\": {\n    \"message\": \"" + message + "\",\n    \"type\": \"" + type +
                "\",\n    \"param\": null,\n    \"code\": " + (null == code ? "null" : "\"" + code + "\"") +
                "\n  }\n}\n");
    }

    @Override
    public void close() throws IOException
    {
        executor.shutdownNow();
        scheduler.shutdownNow();
        server.shutdown();
    }
}
