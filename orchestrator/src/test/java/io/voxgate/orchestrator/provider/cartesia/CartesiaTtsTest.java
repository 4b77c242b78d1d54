package io.voxgate.orchestrator.provider.cartesia;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.freetts.FreeTts;
import io.voxgate.orchestrator.provider.resilience.FallbackTts;
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

class CartesiaTtsTest
{
    private static final String KEY = "sk_car_9f8e7d6c5b4a3210SECRET";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderFixture fixture = new ProviderFixture();
    private final RecordingSink sink = new RecordingSink();

    CartesiaTtsTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void streamsEachSegmentAsOneContextOverOneConnection() throws Exception
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket(answer("/4A=", "AH8="));
        fixture.server.enqueue(vendor.upgrade());
        sink.nowMs(5);
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(7, 0, "Your order shipped "));
            session.synthesize(segment(7, 1, "yesterday."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone d && d.segment() == 1);
        }
        // mu-law FF 80 00 7F = PCM 0, +32124, -32124, 0 (G.711 table 2), little-endian.
        assertEquals(List.of("audio run 7 turn 1 seg 0 8000 Hz 00007c7d", "audio run 7 turn 1 seg 0 8000 Hz 84820000",
            "done run 7 turn 1 seg 0", "audio run 7 turn 1 seg 1 8000 Hz 00007c7d",
            "audio run 7 turn 1 seg 1 8000 Hz 84820000", "done run 7 turn 1 seg 1"), describe(sink.events()));
        assertEquals(JSON.readTree("""
            {"model_id":"sonic-3","transcript":"Your order shipped ","voice":{"mode":"id","id":"voice-1"},
             "language":"en","context_id":"vg-7-0","continue":false,
             "output_format":{"container":"raw","encoding":"pcm_mulaw","sample_rate":8000},"add_timestamps":false}
            """), JSON.readTree(vendor.take()));
        assertEquals("vg-7-1", JSON.readTree(vendor.take()).path("context_id").asText());
        final RecordedRequest upgrade = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("Bearer " + KEY, upgrade.getHeader("Authorization"));
        assertEquals("2026-03-01", upgrade.getHeader("Cartesia-Version"));
        assertEquals("/tts/websocket", upgrade.getPath());
        assertEquals(1, fixture.server.getRequestCount());
        assertEquals(2, fixture.metrics.get("tts_ttfb cartesia"));
        assertEquals("1000 call ended", vendor.awaitClosed());
    }

    @Test
    void pcmOutputPassesThroughAndKeepsSamplesWholeAcrossChunks() throws Exception
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket(answer("AQID", "BAUGBwg="));
        fixture.server.enqueue(vendor.upgrade());
        final CartesiaSettings pcm = new CartesiaSettings(fixture.wsUrl("/tts/websocket"), "2026-03-01", "sonic-3",
            "voice-1", "en", CartesiaSettings.PCM16, 24000, 300);
        try (TtsSession session = tts(pcm, RETRY, SHORT).open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(segment(2, 0, "Hello."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone);
        }
        assertEquals(List.of("audio run 2 turn 1 seg 0 24000 Hz 0102", "audio run 2 turn 1 seg 0 24000 Hz 030405060708",
            "done run 2 turn 1 seg 0"), describe(sink.events()));
        final String request = vendor.take();
        assertEquals("{\"container\":\"raw\",\"encoding\":\"pcm_s16le\",\"sample_rate\":24000}",
            JSON.readTree(request).path("output_format").toString());
        assertEquals(300, JSON.readTree(request).path("max_buffer_delay_ms").asInt());
    }

    @Test
    void unauthorizedUpgradeFailsAtOnceAndTheKeyIsNeverShownOrLogged()
    {
        fixture.server.enqueue(httpError(401, "{\"error\":\"Invalid API key " + KEY + "\"}"));
        final String reason;
        final CartesiaTts tts = tts(settings(), RETRY, SHORT);
        try (LogCapture logs = new LogCapture())
        {
            reason = failOnce(tts);
            assertFalse(logs.text().contains(KEY), logs.text());
            assertTrue(logs.text().contains("attempt 1 failed: auth: HTTP 401"), logs.text());
        }
        assertEquals("auth: HTTP 401: Invalid API key [redacted]", reason);
        assertEquals(1, fixture.server.getRequestCount());
        assertEquals(List.of(), fixture.delays);
        assertFalse(tts.toString().contains(KEY), tts.toString());
    }

    @Test
    void rateLimitedUpgradeIsRetriedWithBackoffThenStreams()
    {
        fixture.server.enqueue(httpError(429, "{\"error\":\"Too many requests\"}"));
        fixture.server.enqueue(new ScriptedVendorSocket(answer("/4A=")).upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(3, 0, "Hi."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed);
        }
        assertEquals(List.of("audio run 3 turn 1 seg 0 8000 Hz 00007c7d", "done run 3 turn 1 seg 0"),
            describe(sink.events()));
        assertEquals(List.of(75L), fixture.delays);
        assertEquals(1, fixture.metrics.get("errors cartesia rate_limited"));
    }

    @Test
    void serverErrorsOnTheUpgradeExhaustTheRetries()
    {
        for (int i = 0; i < 3; i++)
        {
            fixture.server.enqueue(httpError(500, "{\"error\":\"Internal Server Error\"}"));
        }
        assertEquals("server: HTTP 500: Internal Server Error", failOnce(tts(settings(), RETRY, SHORT)));
        assertEquals(3, fixture.server.getRequestCount());
        assertEquals(List.of(75L, 150L), fixture.delays);
    }

    @Test
    void connectionRefusedIsRetriedThenFails() throws IOException
    {
        final CartesiaTts tts = tts(settings(), RETRY, SHORT);
        fixture.server.shutdown();
        final String reason = failOnce(tts);
        assertTrue(reason.startsWith("connect: ConnectException: "), reason);
        assertEquals(3, fixture.metrics.get("errors cartesia connect"));
    }

    @Test
    void stallAfterPartialAudioFailsOnTheIdleTimeoutAndCancelsTheContext()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
            if (!text.contains("\"cancel\""))
            {
                ws.send(chunk(context(text), "/4A="));
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
        vendor.take();
        assertEquals("{\"context_id\":\"vg-4-0\",\"cancel\":true}", vendor.take());
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void disconnectMidStreamFailsAfterTheAudioThatArrivedAndTheNextSegmentTriesAFreshConnection()
        throws IOException
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) -> ws.send(chunk(context(text), "/4A=")))
            .upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(5, 0, "Hello."));
            sink.awaitEvent((e) -> e instanceof Event.TtsAudio);
            // The vendor's process goes away: every socket it holds is closed without a close frame.
            fixture.server.shutdown();
            sink.awaitEvent((e) -> e instanceof Event.TtsFailed);
            session.synthesize(segment(6, 0, "Again."));
            sink.awaitEvent((e) -> e instanceof Event.TtsFailed f && f.runId() == 6);
        }
        final List<String> events = describe(sink.events());
        assertEquals("audio run 5 turn 1 seg 0 8000 Hz 00007c7d", events.get(0));
        assertTrue(events.get(1).startsWith("failed run 5 seg 0: disconnect: "), events.get(1));
        assertTrue(events.get(2).startsWith("failed run 6 seg 0: connect: "), events.get(2));
        assertEquals(3, events.size());
        assertEquals(1, fixture.metrics.get("errors cartesia disconnect"));
    }

    @Test
    void malformedMessageFailsTheSegment()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
            ws.send(chunk(context(text), "/4A="));
            ws.send("{\"type\":\"chunk\",\"data\":\"/4");
        }).upgrade());
        try (TtsSession session = open(RETRY, SHORT))
        {
            session.synthesize(segment(8, 0, "Hello."));
            sink.awaitEvent((e) -> e instanceof Event.TtsFailed);
        }
        assertEquals(List.of("audio run 8 turn 1 seg 0 8000 Hz 00007c7d",
            "failed run 8 seg 0: malformed: bad message: {\"type\":\"chunk\",\"data\":\"/4"), describe(sink.events()));
    }

    @Test
    void vendorErrorMessageFailsTheSegmentWithItsTitleAndMessage()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) -> ws.send(
            "{\"type\":\"error\",\"context_id\":\"" + context(text) + "\",\"status_code\":400,\"done\":true," +
            "\"title\":\"Invalid voice\",\"message\":\"Voice voice-1 was not found.\"," +
            "\"error_code\":\"voice_not_found\"}")).upgrade());
        assertEquals("client: error voice_not_found Invalid voice: Voice voice-1 was not found.",
            failOnce(tts(settings(), RETRY, SHORT)));
        assertEquals(List.of(), fixture.delays);
    }

    @Test
    void slowFirstByteBeyondTheTimeoutFails()
    {
        final ScriptedVendorSocket silent = new ScriptedVendorSocket((ws, text) ->
        {
        });
        fixture.server.enqueue(silent.upgrade());
        assertEquals("first_byte_timeout: no first byte within 300 ms",
            failOnce(tts(settings(), RetryPolicy.NONE, SHORT)));
        assertEquals(1, fixture.metrics.get("errors cartesia first_byte_timeout"));
    }

    @Test
    void cancelMidStreamCancelsTheContextAndPublishesNothingMoreOfTheRun()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
            if (text.contains("\"cancel\""))
            {
                // Audio already in flight when the cancel arrives: the adapter must drop it.
                ws.send(chunk("vg-9-0", "AH8="));
                ws.send(done("vg-9-0"));
            }
            else if (context(text).equals("vg-9-0"))
            {
                ws.send(chunk("vg-9-0", "/4A="));
            }
            else
            {
                answer("AH8=").accept(ws, text);
            }
        });
        fixture.server.enqueue(vendor.upgrade());
        try (TtsSession session = open(RETRY, new Timeouts(1000, 10_000, 10_000)))
        {
            session.synthesize(segment(9, 0, "A long answer."));
            session.synthesize(segment(9, 1, "Never sent."));
            sink.awaitEvent((e) -> e instanceof Event.TtsAudio);
            session.cancel(9);
            session.synthesize(segment(10, 0, "Next."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone);
        }
        assertEquals(List.of("audio run 9 turn 1 seg 0 8000 Hz 00007c7d", "audio run 10 turn 1 seg 0 8000 Hz 84820000",
            "done run 10 turn 1 seg 0"), describe(sink.drain()));
        vendor.take();
        assertEquals("{\"context_id\":\"vg-9-0\",\"cancel\":true}", vendor.take());
        assertEquals("vg-10-0", context(vendor.take()));
        assertEquals(1, fixture.server.getRequestCount());
    }

    @Test
    void aSegmentCartesiaFailsBeforeAnyAudioIsSpokenByTheNextProviderOfTheChain()
    {
        fixture.server.enqueue(httpError(401, "{\"error\":\"Invalid API key\"}"));
        final TtsProvider chain = new FallbackTts(List.of(tts(settings(), RETRY, SHORT),
            new FreeTts("kevin16", 1, 100, fixture.executor, fixture.metrics)));
        try (TtsSession session = chain.open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(segment(11, 0, "Sorry, one moment."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed);
        }
        final List<Event> events = sink.events();
        assertEquals(new Event.TtsDone("s", 0, 11, 1, 0), events.getLast());
        assertTrue(events.size() > 1, events.toString());
        for (final Event event : events.subList(0, events.size() - 1))
        {
            assertEquals(16000, ((Event.TtsAudio)event).sampleRate(), "FreeTTS audio: " + event);
        }
        assertEquals(1, fixture.metrics.get("errors cartesia auth"));
    }

    private String failOnce(final CartesiaTts tts)
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

    private CartesiaSettings settings()
    {
        return new CartesiaSettings(fixture.wsUrl("/tts/websocket"), "2026-03-01", "sonic-3", "voice-1", "en",
            CartesiaSettings.MULAW, 8000, -1);
    }

    private CartesiaTts tts(final CartesiaSettings settings, final RetryPolicy retry, final Timeouts timeouts)
    {
        return new CartesiaTts(settings, ApiKey.fromEnvironment(Map.of("CARTESIA_API_KEY", KEY), "CARTESIA_API_KEY",
            true), new OkHttpClient(), fixture.executor, fixture.resilience("cartesia", retry, timeouts));
    }

    private static Command.SynthesizeSegment segment(final long runId, final int segment, final String text)
    {
        return new Command.SynthesizeSegment("s", runId, 1, segment, text);
    }

    /** Answers every generation request with one chunk per payload, then done. */
    private static BiConsumer<WebSocket, String> answer(final String... payloads)
    {
        return (ws, text) ->
        {
            final String context = context(text);
            for (final String payload : payloads)
            {
                ws.send(chunk(context, payload));
            }
            ws.send(done(context));
        };
    }

    private static String chunk(final String context, final String base64)
    {
        return "{\"type\":\"chunk\",\"data\":\"" + base64 + "\",\"done\":false,\"status_code\":206," +
            "\"step_time\":12.5,\"context_id\":\"" + context + "\",\"flush_id\":0}";
    }

    private static String done(final String context)
    {
        return "{\"type\":\"done\",\"done\":true,\"status_code\":206,\"context_id\":\"" + context + "\"}";
    }

    private static String context(final String request)
    {
        try
        {
            return JSON.readTree(request).path("context_id").asText();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
