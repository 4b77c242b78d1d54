package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.voxgate.orchestrator.provider.resilience.CircuitState;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.metrics.PrometheusText;
import io.voxgate.server.metrics.ProviderPrometheusMetrics;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider layer's metrics on {@code /metrics}: requests, errors by class, circuit state, tokens and the
 * {@code llm_ttft} / {@code tts_ttfb} / {@code stt_final_latency} histograms, per provider, moved by a real call to an
 * OpenAI-compatible LLM on MockWebServer (one answer, then HTTP 429 with the breaker opening at the first failure).
 */
class ProviderMetricsScrapeTest
{
    private static final String SID = "MZmetered";
    private static final String CHUNK = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1," +
        "\"model\":\"m\"";

    static double value(final String exposition, final String series)
    {
        for (final String line : exposition.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return fail("no series " + series + " in:\n" + exposition);
    }

    @Test
    void aCallMovesRequestsErrorsCircuitStateTokensAndLatencies(@TempDir final Path dir) throws Exception
    {
        try (MockWebServer llm = new MockWebServer())
        {
            llm.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(
                "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":" +
                "\"Hi there.\"},\"finish_reason\":null}]}\n\n" +
                "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
                "data: {" + CHUNK + ",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3," +
                "\"total_tokens\":15}}\n\ndata: [DONE]\n\n"));
            llm.enqueue(new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"," +
                "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
            llm.start();
            final String baseUrl = "http://127.0.0.1:" + llm.getPort() + "/v1";
            final Path assistants = Files.createDirectories(dir.resolve("assistants"));
            Files.writeString(assistants.resolve("metered.yaml"), """
                id: metered
                greeting: Hello.
                providers:
                  llm: [{name: openai, options: {baseUrl: "%s", model: m, maxAttempts: 1, breakerFailures: 1}}]
                  tts: [{name: freetts}]
                """.formatted(baseUrl), StandardCharsets.UTF_8);
            final Path logs = dir.resolve("logs");
            final CallLog log = new CallLog(logs, SID);
            try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
                assistants.toString(), ServerSetting.SESSION_LOG_DIR, logs.toString())))
            {
                final String idle = fixture.get("/metrics").body();
                // The fixed lines are rendered by freetts at start-up; the LLM has not been asked yet (families
                // without any series are not exposed).
                assertTrue(value(idle, "voxgate_provider_requests_total{provider=\"freetts\"}") >= 1, idle);
                assertFalse(idle.contains("provider=\"openai\""), idle);
                try (TwilioTestClient call = fixture.call())
                {
                    call.start(SID, "metered");
                    ConciergeOverTwilioTest.hearReply(call, SID, log, 0);
                    call.dtmf(SID, '#');
                    ConciergeOverTwilioTest.hearReply(call, SID, log, 1);
                    call.dtmf(SID, '#');
                    ConciergeOverTwilioTest.hearReply(call, SID, log, 2);
                    call.stop(SID);
                    assertEquals(1000, call.awaitClose());
                }
                assertEquals("Hi there.", log.assistantMessages().get(1).text());
                assertEquals(fixture.server.assistants().backends().get(2).settings().errorFallbackLine(),
                    log.assistantMessages().get(2).text(), "the fallback line after the 429");

                final String scraped = fixture.get("/metrics").body();
                assertEquals(2, value(scraped, "voxgate_provider_requests_total{provider=\"openai\"}"));
                assertEquals(1, value(scraped,
                    "voxgate_provider_errors_total{kind=\"rate_limited\",provider=\"openai\"}"));
                assertEquals(1, value(scraped, "voxgate_provider_circuit_state{endpoint=\"openai-chat " + baseUrl +
                    "\",state=\"open\"}"));
                assertEquals(0, value(scraped, "voxgate_provider_circuit_state{endpoint=\"openai-chat " + baseUrl +
                    "\",state=\"closed\"}"));
                assertEquals(12, value(scraped, "voxgate_provider_tokens_total{provider=\"openai\",type=\"prompt\"}"));
                assertEquals(3, value(scraped,
                    "voxgate_provider_tokens_total{provider=\"openai\",type=\"completion\"}"));
                assertEquals(1, value(scraped, "voxgate_llm_ttft_seconds_count{provider=\"openai\"}"));
                assertTrue(value(scraped, "voxgate_provider_requests_total{provider=\"freetts\"}") >= 3,
                    "greeting, reply and fallback line synthesized");
                assertTrue(value(scraped, "voxgate_tts_ttfb_seconds_count{provider=\"freetts\"}") >= 3);
            }
        }
    }

    @Test
    void aCircuitShowsExactlyItsCurrentState()
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final ProviderMetrics metrics = new ProviderPrometheusMetrics(registry);
        final PrometheusText text = new PrometheusText(registry);
        metrics.circuitState("deepgram wss://x", CircuitState.OPEN);
        metrics.circuitState("deepgram wss://x", CircuitState.HALF_OPEN);
        metrics.error("deepgram", ErrorKind.FIRST_BYTE_TIMEOUT);
        metrics.latency("deepgram", ProviderMetrics.Latency.STT_FINAL_LATENCY, 250_000_000L);
        final String scraped = new String(text.scrape(), StandardCharsets.UTF_8);
        assertEquals(0, value(scraped, "voxgate_provider_circuit_state{endpoint=\"deepgram wss://x\",state=\"open\"}"));
        assertEquals(1, value(scraped,
            "voxgate_provider_circuit_state{endpoint=\"deepgram wss://x\",state=\"half_open\"}"));
        assertEquals(0, value(scraped,
            "voxgate_provider_circuit_state{endpoint=\"deepgram wss://x\",state=\"closed\"}"));
        assertEquals(1, value(scraped,
            "voxgate_provider_errors_total{kind=\"first_byte_timeout\",provider=\"deepgram\"}"));
        assertEquals(1, value(scraped, "voxgate_stt_final_latency_seconds_count{provider=\"deepgram\"}"));
        assertEquals(0.25, value(scraped, "voxgate_stt_final_latency_seconds_sum{provider=\"deepgram\"}"), 1e-9);
        assertEquals(1, value(scraped,
            "voxgate_stt_final_latency_seconds_bucket{provider=\"deepgram\",le=\"0.25\"}"));
        assertEquals(0, value(scraped,
            "voxgate_stt_final_latency_seconds_bucket{provider=\"deepgram\",le=\"0.1\"}"));
    }
}
