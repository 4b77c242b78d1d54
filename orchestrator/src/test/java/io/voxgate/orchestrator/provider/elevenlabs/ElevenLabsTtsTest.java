package io.voxgate.orchestrator.provider.elevenlabs;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.LogCapture;
import io.voxgate.orchestrator.provider.websocket.ProviderFixture;
import io.voxgate.orchestrator.provider.websocket.ScriptedVendorSocket;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.RETRY;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.SHORT;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.describe;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.httpError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElevenLabsTtsTest
{
    private static final String KEY = "el_9f8e7d6c5b4a3210SECRETKEY";
    private static final String END = "{\"text\":\"\"}";

    private final ProviderFixture fixture = new ProviderFixture();
    private final RecordingSink sink = new RecordingSink();

    ElevenLabsTtsTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void streamsEachSegmentOverItsOwnSocketInTheSpecifiedMessageOrder() throws Exception
    {
        final ScriptedVendorSocket first = new ScriptedVendorSocket(answer("/4A=", "AH8="));
        final ScriptedVendorSocket second = new ScriptedVendorSocket(answer("AH8="));
        fixture.server.enqueue(first.upgrade());
        fixture.server.enqueue(second.upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(7, 0, "Your order shipped."));
            session.synthesize(segment(7, 1, "Anything else? "));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone d && d.segment() == 1);
        }
        // mu-law FF 80 00 7F = PCM 0, +32124, -32124, 0 (G.711 table 2), little-endian.
        assertEquals(List.of("audio run 7 turn 1 seg 0 8000 Hz 00007c7d", "audio run 7 turn 1 seg 0 8000 Hz 84820000",
            "done run 7 turn 1 seg 0", "audio run 7 turn 1 seg 1 8000 Hz 84820000", "done run 7 turn 1 seg 1"),
            describe(sink.events()));
        assertEquals("{\"text\":\" \",\"voice_settings\":{\"stability\":0.5,\"similarity_boost\":0.8}," +
            "\"generation_config\":{\"chunk_length_schedule\":[120,160,250,290]}}", first.take());
        assertEquals("{\"text\":\"Your order shipped. \",\"flush\":true}", first.take());
        assertEquals(END, first.take());
        second.take();
        assertEquals("{\"text\":\"Anything else? \",\"flush\":true}", second.take());
        final RecordedRequest upgrade = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/text-to-speech/voice-1/stream-input?model_id=eleven_flash_v2_5&output_format=ulaw_8000",
            upgrade.getPath());
        assertEquals(KEY, upgrade.getHeader("xi-api-key"));
        assertEquals(2, fixture.server.getRequestCount());
        assertEquals(2, fixture.metrics.get("tts_ttfb elevenlabs"));
    }

    @Test
    void pcmOutputCarriesItsRate() throws Exception
    {
        fixture.server.enqueue(new ScriptedVendorSocket(answer("AQID", "BA==")).upgrade());
        final ElevenLabsSettings pcm = new ElevenLabsSettings(fixture.wsUrl("/"), "voice-1", "eleven_flash_v2_5",
            "pcm_16000", 0.5, 0.8, ElevenLabsSettings.DEFAULT_SCHEDULE);
        try (TtsSession session = tts(pcm, RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(segment(2, 0, "Hello."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone);
        }
        assertEquals(List.of("audio run 2 turn 1 seg 0 16000 Hz 0102", "audio run 2 turn 1 seg 0 16000 Hz 0304",
            "done run 2 turn 1 seg 0"), describe(sink.events()));
        assertTrue(fixture.server.takeRequest(5, TimeUnit.SECONDS).getPath().endsWith("output_format=pcm_16000"));
    }

    @Test
    void unauthorizedUpgradeFailsAtOnceAndTheKeyIsNeverShownOrLogged()
    {
        fixture.server.enqueue(httpError(401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid " +
            "API key: " + KEY + "\"}}"));
        final ElevenLabsTts tts = tts(settings(), RETRY, SHORT);
        final String reason;
        try (LogCapture logs = new LogCapture())
        {
            reason = failOnce(tts);
            assertFalse(logs.text().contains(KEY), logs.text());
        }
        assertEquals("auth: HTTP 401: {\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key: " +
            "[redacted]\"}}", reason);
        assertEquals(1, fixture.server.getRequestCount());
        assertFalse(tts.toString().contains(KEY), tts.toString());
    }

    @Test
    void rateLimitedUpgradeIsRetriedWithBackoffThenStreams()
    {
        fixture.server.enqueue(httpError(429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\"," +
            "\"message\":\"Too many concurrent requests.\"}}"));
        fixture.server.enqueue(new ScriptedVendorSocket(answer("/4A=")).upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(3, 0, "Hi."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed);
        }
        assertEquals(List.of("audio run 3 turn 1 seg 0 8000 Hz 00007c7d", "done run 3 turn 1 seg 0"),
            describe(sink.events()));
        assertEquals(List.of(75L), fixture.delays);
    }

    @Test
    void serverErrorsOnTheUpgradeExhaustTheRetries()
    {
        for (int i = 0; i < 3; i++)
        {
            fixture.server.enqueue(httpError(500, "{\"detail\":\"Internal server error\"}"));
        }
        assertEquals("server: HTTP 500: {\"detail\":\"Internal server error\"}", failOnce(tts(settings(), RETRY,
            SHORT)));
        assertEquals(3, fixture.server.getRequestCount());
        assertEquals(List.of(75L, 150L), fixture.delays);
    }

    @Test
    void connectionRefusedIsRetriedThenFails() throws IOException
    {
        final ElevenLabsTts tts = tts(settings(), RETRY, SHORT);
        fixture.server.shutdown();
        final String reason = failOnce(tts);
        assertTrue(reason.startsWith("connect: ConnectException: "), reason);
        assertEquals(3, fixture.metrics.get("errors elevenlabs connect"));
    }

    @Test
    void stallAfterPartialAudioFailsOnTheIdleTimeoutAndDropsTheSocket()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
            if (END.equals(text))
            {
                ws.send(audio("/4A="));
            }
        });
        fixture.server.enqueue(vendor.upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(4, 0, "Hello there."));
            sink.awaitEvent((e) -> e instanceof Event.TtsFailed);
        }
        assertEquals(List.of("audio run 4 turn 1 seg 0 8000 Hz 00007c7d",
            "failed run 4 seg 0: idle_timeout: stream idle for 300 ms"), describe(sink.events()));
        assertEquals("failure", vendor.awaitClosed());
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void disconnectMidStreamFailsAfterTheAudioThatArrived() throws IOException
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
            if (END.equals(text))
            {
                ws.send(audio("/4A="));
            }
        }).upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(5, 0, "Hello."));
            sink.awaitEvent((e) -> e instanceof Event.TtsAudio);
            // The vendor's process goes away: every socket it holds is closed without a close frame.
            fixture.server.shutdown();
            sink.awaitEvent((e) -> e instanceof Event.TtsFailed);
        }
        final List<String> events = describe(sink.events());
        assertEquals("audio run 5 turn 1 seg 0 8000 Hz 00007c7d", events.get(0));
        assertTrue(events.get(1).startsWith("failed run 5 seg 0: disconnect: "), events.get(1));
        assertEquals(2, events.size());
        assertEquals(List.of(), fixture.delays);
    }

    @Test
    void closeWithPolicyViolationBeforeFinalFailsWithoutRetry()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
            if (END.equals(text))
            {
                ws.close(1008, "Invalid model_id");
            }
        }).upgrade());
        assertEquals("client: closed 1008 Invalid model_id", failOnce(tts(settings(), RETRY, SHORT)));
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void vendorErrorMessageFailsTheSegment()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
            if (END.equals(text))
            {
                ws.send("{\"message\":\"This request exceeds your quota of 10000.\",\"error\":\"quota_exceeded\"," +
                    "\"code\":1008}");
            }
        }).upgrade());
        assertEquals("rate_limited: error quota_exceeded: This request exceeds your quota of 10000.",
            failOnce(tts(settings(), RetryPolicy.NONE, SHORT)));
    }

    @Test
    void malformedMessageFailsTheSegment()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
            if (END.equals(text))
            {
                ws.send(audio("/4A="));
                ws.send("{\"audio\":\"/4A=\",\"isFin");
            }
        }).upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(8, 0, "Hello."));
            sink.awaitEvent((e) -> e instanceof Event.TtsFailed);
        }
        assertEquals(List.of("audio run 8 turn 1 seg 0 8000 Hz 00007c7d",
            "failed run 8 seg 0: malformed: bad message: {\"audio\":\"/4A=\",\"isFin"), describe(sink.events()));
    }

    @Test
    void slowFirstByteBeyondTheTimeoutFails()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
        }).upgrade());
        assertEquals("first_byte_timeout: no first byte within 300 ms",
            failOnce(tts(settings(), RetryPolicy.NONE, SHORT)));
    }

    @Test
    void cancelMidStreamClosesTheSocketAndPublishesNothingMoreOfTheRun()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
            if (END.equals(text))
            {
                ws.send(audio("/4A="));
            }
        });
        fixture.server.enqueue(vendor.upgrade());
        final ScriptedVendorSocket next = new ScriptedVendorSocket(answer("AH8="));
        fixture.server.enqueue(next.upgrade());
        try (TtsSession session = open(RETRY, new Timeouts(1000, 10_000, 10_000)))
        {
            session.synthesize(segment(9, 0, "A long answer."));
            session.synthesize(segment(9, 1, "Never sent."));
            sink.awaitEvent((e) -> e instanceof Event.TtsAudio);
            session.cancel(9);
            assertEquals("1000 cancelled", vendor.awaitClosed());
            // Audio the vendor had in flight reaches a closed socket; nothing of run 9 may pass.
            vendor.socket().send(audio("AH8="));
            session.synthesize(segment(10, 0, "Next."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone);
        }
        assertEquals(List.of("audio run 9 turn 1 seg 0 8000 Hz 00007c7d", "audio run 10 turn 1 seg 0 8000 Hz 84820000",
            "done run 10 turn 1 seg 0"), describe(sink.drain()));
        next.take();
        assertEquals("{\"text\":\"Next. \",\"flush\":true}", next.take());
        assertEquals(2, fixture.server.getRequestCount());
    }

    private String failOnce(final ElevenLabsTts tts)
    {
        try (TtsSession session = tts.open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(segment(1, 0, "Hello."));
            final Event last = sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed);
            assertEquals(1, sink.events().size(), "exactly one event: " + sink.events());
            return ((Event.TtsFailed)last).reason();
        }
    }

    private TtsSession open(final RetryPolicy retry, final Timeouts timeouts)
    {
        return tts(settings(), retry, timeouts).open(new CallContext("s", sink, Map.of()));
    }

    private ElevenLabsSettings settings()
    {
        return new ElevenLabsSettings(fixture.wsUrl("/"), "voice-1", "eleven_flash_v2_5",
            ElevenLabsSettings.ULAW_8000, 0.5, 0.8, ElevenLabsSettings.DEFAULT_SCHEDULE);
    }

    private ElevenLabsTts tts(final ElevenLabsSettings settings, final RetryPolicy retry, final Timeouts timeouts)
    {
        return new ElevenLabsTts(settings, ApiKey.fromEnvironment(Map.of("ELEVENLABS_API_KEY", KEY),
            "ELEVENLABS_API_KEY", true), new OkHttpClient(), fixture.executor,
            fixture.resilience("elevenlabs", retry, timeouts));
    }

    private static Command.SynthesizeSegment segment(final long runId, final int segment, final String text)
    {
        return new Command.SynthesizeSegment("s", runId, 1, segment, text);
    }

    /** At end of sequence: one audio message per payload, the final message, then ElevenLabs closes. */
    private static BiConsumer<WebSocket, String> answer(final String... payloads)
    {
        return (ws, text) ->
        {
            if (!END.equals(text))
            {
                return;
            }
            for (final String payload : payloads)
            {
                ws.send(audio(payload));
            }
            ws.send("{\"audio\":null,\"isFinal\":true,\"normalizedAlignment\":null,\"alignment\":null}");
            ws.close(1000, null);
        };
    }

    private static String audio(final String base64)
    {
        return "{\"audio\":\"" + base64 + "\",\"isFinal\":false,\"normalizedAlignment\":{\"charStartTimesMs\":[0]," +
            "\"charDurationsMs\":[60],\"chars\":[\"H\"]},\"alignment\":{\"charStartTimesMs\":[0]," +
            "\"charDurationsMs\":[60],\"chars\":[\"H\"]}}";
    }
}
