package io.voxgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxgate.codec.g711.MuLaw;
import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.pipeline.CallAudio;
import io.voxgate.server.ws.WsAuth;
import io.voxgate.server.ws.WsError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WS v1 ({@code docs/WS_V1.md}) against a real server on loopback: the session flow, every error code with its
 * exact outcome, audio formats, typed input, cancel, stop, and the upgrade's authentication.
 */
class WsV1ProtocolTest
{
    private ServerFixture fixture;

    @BeforeEach
    void start() throws InterruptedException
    {
        fixture = new ServerFixture();
    }

    @AfterEach
    void stop()
    {
        if (null != fixture)
        {
            fixture.close();
        }
    }

    /** Speech-like audio with silence around it, as PCM16 little-endian at {@code rate}. */
    static byte[] utterance(final int rate, final int speechFrames, final int seed)
    {
        return pcm(rate, CallAudio.concat(CallAudio.silence(10), CallAudio.speech(speechFrames, seed),
            CallAudio.silence(40)));
    }

    /** μ-law 8 kHz test audio as PCM16 little-endian at {@code rate}. */
    static byte[] pcm(final int rate, final byte[] mulaw)
    {
        final short[] pcm8k = new short[mulaw.length];
        MuLaw.decode(mulaw, 0, pcm8k, 0, mulaw.length);
        final PolyphaseResampler resampler = new PolyphaseResampler(8000, rate);
        final short[] out = new short[resampler.maxOutputSamples(pcm8k.length)];
        final int produced = resampler.process(pcm8k, 0, pcm8k.length, out, 0);
        final byte[] bytes = new byte[2 * produced];
        for (int i = 0; i < produced; i++)
        {
            bytes[2 * i] = (byte)out[i];
            bytes[2 * i + 1] = (byte)(out[i] >> 8);
        }
        return bytes;
    }

    private static void assertSeqIncreasesByOne(final List<JsonNode> events, final String sessionId)
    {
        long expected = 1;
        for (final JsonNode event : events)
        {
            assertEquals(expected++, event.get("seq").asLong(), events.toString());
            assertEquals(sessionId, event.get("sessionId").asText());
            assertTrue(event.get("ts").asLong() > 1_700_000_000_000L, event.toString());
        }
    }

    private static void assertError(final WsTestClient client, final WsError error) throws InterruptedException
    {
        final JsonNode event = client.await(error.code(), e -> "error".equals(e.path("type").asText()) &&
            error.code().equals(e.path("code").asText()));
        assertEquals(error.isFatal(), event.get("fatal").asBoolean(), event.toString());
        assertFalse(event.get("message").asText().isBlank(), event.toString());
    }

    @Test
    void parrotAnswersSpeechWithTypedEventsAndBinaryAudioInOrder() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=parrot"))
        {
            final JsonNode started = client.start().awaitType("session.started");
            assertEquals("parrot", started.get("assistantId").asText());
            assertEquals(16000, started.at("/audio/inputSampleRate").asInt());
            assertEquals(16000, started.at("/audio/outputSampleRate").asInt());
            assertEquals("pcm16", started.at("/audio/encoding").asText());
            final String sessionId = started.get("sessionId").asText();
            assertTrue(sessionId.startsWith("ws_"), sessionId);

            client.audio(utterance(16000, 50, 0), 640);
            client.awaitType("input.speech_started");
            client.awaitType("input.speech_stopped");
            final JsonNode audioStart = client.awaitType("output.audio.start");
            assertEquals(1, audioStart.get("turn").asInt());
            assertEquals(16000, audioStart.get("sampleRate").asInt());
            // The server's playout clock says when the reply has played: then output.audio.end.
            final JsonNode end = client.awaitType("output.audio.end");
            assertEquals(1, end.get("turn").asInt());
            assertTrue(client.binaryFrames() > 0);
            assertTrue(client.largestBinaryFrame() <= 3200, "at most 100 ms per frame");
            assertTrue(audioStart.get("seq").asLong() < end.get("seq").asLong());

            client.send("{\"type\":\"session.stop\"}");
            assertEquals("client", client.awaitType("session.stopped").get("reason").asText());
            assertEquals(1000, client.awaitClose());
            assertSeqIncreasesByOne(client.events(), sessionId);
        }
        Await.until("the session ended in the pipeline", () ->
            fixture.server.pipeline().counters().callsEnded() == 1);
        assertEquals(0, fixture.server.pipeline().counters().orchestratorUnknownMarks(), "every mark was ours");
        assertEquals(1, fixture.server.wsCounters().sessionsStarted());
    }

    @Test
    void speechOverTheReplyClearsItsAudio() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=parrot"))
        {
            client.start().awaitType("session.started");
            client.audio(utterance(16000, 100, 3), 640);
            client.awaitType("output.audio.start");
            // Speech that goes on (no trailing silence) over the reply: a barge-in, not a backchannel.
            client.audio(pcm(16000, CallAudio.speech(40, 4)), 640);
            final JsonNode cleared = client.awaitType("output.audio.cleared");
            assertEquals(1, cleared.get("turn").asInt());
        }
    }

    @Test
    void audioAt48kHzIsResampledAndRepliesComeAtTheRequestedRate() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=parrot"))
        {
            client.send("{\"type\":\"session.start\",\"audio\":{\"encoding\":\"pcm16\",\"sampleRate\":48000," +
                "\"channels\":1,\"outputSampleRate\":24000}}");
            final JsonNode started = client.awaitType("session.started");
            assertEquals(48000, started.at("/audio/inputSampleRate").asInt());
            assertEquals(24000, started.at("/audio/outputSampleRate").asInt());
            final byte[] audio = utterance(48000, 50, 5);
            client.audio(audio, 1920);
            assertEquals(24000, client.awaitType("output.audio.start").get("sampleRate").asInt());
            client.awaitType("output.audio.end");
            assertTrue(client.largestBinaryFrame() <= 4800, "100 ms at 24 kHz");
            assertTrue(client.largestBinaryFrame() > 3200, "frames are at 24 kHz, not 16 kHz");
            final long frames = (audio.length + 1919) / 1920;
            Await.until("every caller frame is counted", () -> fixture.server.wsCounters().audioFramesIn() == frames);
        }
    }

    @Test
    void typedTextEndsTheTurnAndIsAnsweredLikeSpeech() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=tone"))
        {
            client.start().awaitType("session.started");
            client.send("{\"type\":\"input.text\",\"text\":\"Do you have a room tomorrow?\"}");
            final JsonNode transcript = client.awaitType("transcript.final");
            assertEquals("Do you have a room tomorrow?", transcript.get("text").asText());
            final JsonNode reply = client.await("the reply to the typed turn",
                e -> "output.audio.start".equals(e.path("type").asText()) &&
                e.get("turn").asInt() == transcript.get("turn").asInt());
            assertTrue(reply.get("seq").asLong() > transcript.get("seq").asLong());
        }
    }

    @Test
    void responseCancelClearsTheReplyWithoutANewTurn() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=parrot"))
        {
            client.start().awaitType("session.started");
            client.audio(utterance(16000, 100, 6), 640);
            client.awaitType("output.audio.start");
            client.send("{\"type\":\"response.cancel\"}");
            assertEquals(1, client.awaitType("output.audio.cleared").get("turn").asInt());
            client.send("{\"type\":\"session.stop\"}");
            assertEquals(1000, client.awaitClose());
            assertEquals(0, client.countOf("output.audio.end"), "a cancelled reply does not end normally");
        }
    }

    @Test
    void nonFatalErrorsLeaveTheSessionRunning() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, ""))
        {
            client.start().awaitType("session.started");
            client.start();
            assertError(client, WsError.ALREADY_STARTED);
            client.send("{\"type\":\"response.create\"}");
            assertError(client, WsError.UNKNOWN_TYPE);
            client.send("{\"type\":\"input.text\",\"text\":42}");
            assertError(client, WsError.INVALID_MESSAGE);
            client.binary(new byte[641]);
            assertError(client, WsError.AUDIO_FRAME_SIZE);
            client.binary(new byte[3202]);
            Await.until("the second audio_frame_size error", () -> client.events().stream()
                .filter(e -> "audio_frame_size".equals(e.path("code").asText())).count() == 2);
            client.send("{\"type\":\"tool.result\",\"callId\":\"call_nope\",\"result\":{\"ok\":true}}");
            assertError(client, WsError.UNKNOWN_TOOL_CALL);
            client.send("{\"type\":\"session.stop\"}");
            assertEquals("client", client.awaitType("session.stopped").get("reason").asText());
            assertEquals(1000, client.awaitClose());
        }
        assertEquals(2, fixture.server.wsCounters().errors().get(WsError.AUDIO_FRAME_SIZE));
        assertEquals(1, fixture.server.wsCounters().errors().get(WsError.UNKNOWN_TOOL_CALL));
    }

    private void assertFatal(final String query, final String first, final WsError error) throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, query))
        {
            client.send(first);
            assertError(client, error);
            assertEquals(error.closeStatus(), client.awaitClose());
        }
    }

    @Test
    void malformedJsonClosesWith1007() throws Exception
    {
        assertFatal("", "{\"type\":", WsError.MALFORMED_JSON);
        assertFatal("", "[1,2]", WsError.MALFORMED_JSON);
    }

    @Test
    void anythingBeforeSessionStartClosesWith1008() throws Exception
    {
        assertFatal("", "{\"type\":\"input.text\",\"text\":\"hi\"}", WsError.NOT_STARTED);
        try (WsTestClient client = WsTestClient.connect(fixture, ""))
        {
            client.binary(new byte[640]);
            assertError(client, WsError.NOT_STARTED);
            assertEquals(1008, client.awaitClose());
        }
    }

    @Test
    void unsupportedAudioFormatsCloseWith1003() throws Exception
    {
        assertFatal("", "{\"type\":\"session.start\",\"audio\":{\"sampleRate\":44100}}",
            WsError.UNSUPPORTED_AUDIO_FORMAT);
        assertFatal("", "{\"type\":\"session.start\",\"audio\":{\"encoding\":\"opus\"}}",
            WsError.UNSUPPORTED_AUDIO_FORMAT);
        assertFatal("", "{\"type\":\"session.start\",\"audio\":{\"channels\":2}}", WsError.UNSUPPORTED_AUDIO_FORMAT);
    }

    @Test
    void overridesOutsideTheAllowedSetCloseWith1008() throws Exception
    {
        assertFatal("", "{\"type\":\"session.start\",\"metadata\":{\"overrides\":{\"providers\":{}}}}",
            WsError.OVERRIDE_NOT_ALLOWED);
        assertFatal("", "{\"type\":\"session.start\",\"metadata\":{\"overrides\":{\"idleTimeoutMs\":-1}}}",
            WsError.OVERRIDE_NOT_ALLOWED);
    }

    @Test
    void allowedOverridesAndDynamicVariablesStartTheSession() throws Exception
    {
        try (WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=tone"))
        {
            client.send("{\"type\":\"session.start\",\"metadata\":{\"overrides\":{\"greeting\":\"Hi there\"," +
                "\"idleTimeoutMs\":20000}},\"dynamicVariables\":{\"name\":\"Ada\",\"vip\":true}}");
            assertEquals("tone", client.awaitType("session.started").get("assistantId").asText());
        }
    }

    @Test
    void anUnknownAssistantClosesWith1008() throws Exception
    {
        assertFatal("?assistant_id=nobody", "{\"type\":\"session.start\"}", WsError.UNKNOWN_ASSISTANT);
    }

    @Test
    void aTextMessageOverTheLimitClosesWith1009() throws Exception
    {
        assertFatal("", "{\"type\":\"session.start\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}",
            WsError.MESSAGE_TOO_LARGE);
    }

    @Test
    void drainingClosesSessionsWith1001() throws Exception
    {
        try (WsTestClient waiting = WsTestClient.connect(fixture, "");
            WsTestClient active = WsTestClient.connect(fixture, "?assistant_id=parrot"))
        {
            active.start().awaitType("session.started");
            waiting.send("{\"type\":\"response.cancel\"}");
            assertError(waiting, WsError.NOT_STARTED);
            assertEquals(1008, waiting.awaitClose());
            // Only then count: before its close was seen, "2 active" could mean it and not the idle one.
            Await.until("the refused session's close is counted", () ->
                fixture.server.admission().activeCalls() == 1);
            try (WsTestClient idle = WsTestClient.connect(fixture, ""))
            {
                Await.until("the third session is admitted", () ->
                    fixture.server.admission().activeCalls() == 2);
                assertFalse(fixture.server.drain(Duration.ZERO), "the sessions had to be closed");
                assertError(idle, WsError.DRAINING);
                assertEquals(1001, idle.awaitClose());
            }
            assertEquals("draining", active.awaitType("session.stopped").get("reason").asText());
            assertEquals(1001, active.awaitClose());
        }
        try (WsTestClient late = WsTestClient.connect(fixture, ""))
        {
            assertEquals(503, late.awaitRefusal());
        }
    }

    @Test
    void tokensAreCheckedOnTheUpgrade() throws Exception
    {
        fixture.close();
        fixture = new ServerFixture(Map.of(ServerSetting.WS_AUTH_TOKENS, "alpha, beta",
            ServerSetting.WS_TOKEN_SECRET, "s3cret"));
        try (WsTestClient none = WsTestClient.connect(fixture, ""))
        {
            assertEquals(401, none.awaitRefusal());
        }
        try (WsTestClient wrong = WsTestClient.connect(fixture, "", "gamma"))
        {
            assertEquals(401, wrong.awaitRefusal());
        }
        final long now = System.currentTimeMillis() / 1000;
        try (WsTestClient expired = WsTestClient.connect(fixture, "?access_token=" + WsAuth.sign("s3cret", now - 5)))
        {
            assertEquals(401, expired.awaitRefusal());
        }
        try (WsTestClient forged = WsTestClient.connect(fixture, "?access_token=" + WsAuth.sign("other", now + 60)))
        {
            assertEquals(401, forged.awaitRefusal());
        }
        for (final WsTestClient client : List.of(WsTestClient.connect(fixture, "", "beta"),
            WsTestClient.connect(fixture, "?access_token=alpha"),
            WsTestClient.connect(fixture, "?access_token=" + WsAuth.sign("s3cret", now + 60))))
        {
            try (client)
            {
                client.start().awaitType("session.started");
            }
        }
        assertEquals(4, fixture.server.wsCounters().upgradesRefused());
    }
}
