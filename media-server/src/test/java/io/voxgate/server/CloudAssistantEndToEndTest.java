package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static io.voxgate.server.TwilioMessages.field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.server.pipeline.CallAudio;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.server.config.ServerSetting;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5's end-to-end call: a YAML assistant on cloud providers served over Twilio on loopback by the real server,
 * with MockWebServer speaking each vendor's protocol: Deepgram live STT (WebSocket: interim and final results),
 * an OpenAI-compatible LLM (SSE, a tool call in the middle of a turn) and Cartesia TTS (WebSocket, μ-law 8 kHz).
 * The caller hears the greeting, asks, hears the tool-backed answer, interrupts the next reply, and is answered
 * again. Checked: the caller receives exactly the audio segments Cartesia generated (μ-law bytes unchanged, in
 * order), the ASR gets every caller frame in the format it asked for, the barge-in clears playback and cancels the
 * running Cartesia context, and the history (the session log replayed, and what the LLM is sent) holds what was
 * heard. Waits are bounded; nothing asserts a duration.
 */
class CloudAssistantEndToEndTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SID = "MZcloud";
    private static final String CHUNK = "\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1," +
        "\"model\":\"gpt-test\"";
    private static final String GREETING = "Hello, this is Harbor View Hotel.";
    private static final String ASK = "Do you have a room on Friday?";
    private static final String ANSWER = "We have 3 rooms available on friday. Shall I book one?";
    private static final String BOOKED = "Wonderful. Your room is booked under this number.";
    private static final String MORE = "Is there anything else I can do?";

    private static String data(final String json)
    {
        return "data: " + json + "\n\n";
    }

    private static String content(final String text)
    {
        return data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}," +
            "\"finish_reason\":null}]}");
    }

    private static MockResponse sse(final String... texts)
    {
        final StringBuilder body = new StringBuilder();
        for (final String text : texts)
        {
            body.append(content(text));
        }
        body.append(data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"))
            .append(data("[DONE]"));
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body.toString());
    }

    /** Text, then a tool call whose arguments arrive in two fragments, then {@code finish_reason: tool_calls}. */
    private static MockResponse sseWithToolCall()
    {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(
            data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}," +
                "\"finish_reason\":null}]}") +
            content("Let me check.") +
            data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":" +
                "\"call_7\",\"type\":\"function\",\"function\":{\"name\":\"check_availability\",\"arguments\":" +
                "\"{\\\"day\\\":\"}}]},\"finish_reason\":null}]}") +
            data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":" +
                "{\"arguments\":\"\\\"friday\\\"}\"}}]},\"finish_reason\":null}]}") +
            data("{" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}") +
            data("{" + CHUNK + ",\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":12," +
                "\"total_tokens\":52}}") +
            data("[DONE]"));
    }

    @ParameterizedTest(name = "deepgram encoding {0}")
    @ValueSource(strings = {"linear16", "mulaw"})
    void aCloudAssistantAnswersWithAToolCallAndIsInterrupted(final String encoding, @TempDir final Path dir)
        throws Exception
    {
        final FakeDeepgram deepgram = new FakeDeepgram();
        final FakeCartesia cartesia = new FakeCartesia(transcript -> transcript.equals(MORE));
        try (MockWebServer stt = new MockWebServer(); MockWebServer llm = new MockWebServer();
            MockWebServer tts = new MockWebServer())
        {
            stt.enqueue(new MockResponse().withWebSocketUpgrade(deepgram));
            tts.enqueue(new MockResponse().withWebSocketUpgrade(cartesia));
            llm.enqueue(sseWithToolCall());
            llm.enqueue(sse("We have 3 rooms available on friday. ", "Shall I book one?"));
            llm.enqueue(sse("Wonderful. ", "Your room is booked under this number. ", MORE));
            llm.enqueue(sse("Goodbye!"));
            stt.start();
            llm.start();
            tts.start();
            final Path key = Files.writeString(dir.resolve("vendor.key"), "test-key-123\n");
            final Path assistants = Files.createDirectories(dir.resolve("assistants"));
            Files.writeString(assistants.resolve("cloud.yaml"), """
                id: cloud
                systemPrompt: You are the concierge of {{business_name}}.
                greeting: Hello, this is {{business_name}}.
                providers:
                  asr: {name: deepgram, options: {url: "ws://127.0.0.1:%d/v1/listen", encoding: %s,
                                                  apiKeyFile: "%s", idleTimeoutMs: 120000}}
                  llm: [{name: openai, options: {baseUrl: "http://127.0.0.1:%d/v1", model: gpt-test,
                                                 firstByteTimeoutMs: 60000, idleTimeoutMs: 60000}}]
                  tts: [{name: cartesia, options: {url: "ws://127.0.0.1:%d/tts/websocket", voice: voice-1,
                                                   apiKeyFile: "%s", firstByteTimeoutMs: 60000,
                                                   idleTimeoutMs: 120000}}]
                dynamicVariables: {business_name: Harbor View Hotel}
                settings: {maxEndpointingDelayMs: 5000, idleTimeoutMs: 120000, responseTimeoutMs: 60000}
                tools:
                  - name: check_availability
                    description: Tells whether rooms are free on a given day.
                    parameters: {type: object, properties: {day: {type: string}}, required: [day]}
                """.formatted(stt.getPort(), encoding, key, llm.getPort(), tts.getPort(), key),
                StandardCharsets.UTF_8);
            final Path logs = dir.resolve("logs");
            final CallLog log = new CallLog(logs, SID);
            final int bytesPerFrame = encoding.equals("mulaw") ? 160 : 640;
            final ByteArrayOutputStream callerAudio = new ByteArrayOutputStream();
            try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
                assistants.toString(), ServerSetting.SESSION_LOG_DIR, logs.toString()));
                TwilioTestClient call = fixture.call())
            {
                call.start(SID, "cloud");
                ConciergeOverTwilioTest.hearReply(call, SID, log, 0);

                // Turn 1: the caller asks; Deepgram hears it (interim, then final) before the caller falls silent.
                final byte[] ask = CallAudio.speech(40, 1);
                callerAudio.write(ask);
                call.media(SID, ask);
                Await.until("Deepgram has every frame", () -> deepgram.audioBytes() == 40L * bytesPerFrame);
                deepgram.interim("do you have a room");
                deepgram.fin(ASK);
                awaitFinal(log, ASK);
                final byte[] pause = CallAudio.silence(40);
                callerAudio.write(pause);
                call.media(SID, pause);
                ConciergeOverTwilioTest.hearReply(call, SID, log, 1);
                assertEquals(80L * bytesPerFrame, deepgram.audioBytes());
                if (encoding.equals("mulaw"))
                {
                    assertArrayEquals(callerAudio.toByteArray(), deepgram.audio(), "Twilio's bytes, unchanged");
                }

                // Turn 2: the reply's first sentence is heard, the caller talks over the second one.
                call.media(SID, CallAudio.speech(40, 2));
                Await.until("Deepgram has every frame", () -> deepgram.audioBytes() == 120L * bytesPerFrame);
                deepgram.fin("Yes, please book it.");
                awaitFinal(log, "Yes, please book it.");
                call.media(SID, CallAudio.silence(40));
                Await.until("the held sentence requested", () -> null != cartesia.contextOf(MORE));
                final String held = cartesia.contextOf(MORE);
                final String heldMark = "r" + held.split("-")[1] + ":t2:s" + held.split("-")[2] + ":";
                while (true)
                {
                    final String mark = call.await("the reply of turn 2 playing", m -> "mark".equals(event(m)) &&
                        field(m, "name").contains(":t2:"));
                    if (field(mark, "name").startsWith(heldMark))
                    {
                        break;
                    }
                    call.mark(SID, field(mark, "name"));
                }
                call.media(SID, CallAudio.speech(30, 3));
                assertEquals("{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}",
                    call.await("clear", m -> "clear".equals(event(m))));
                Await.until("the running Cartesia context cancelled", () -> cartesia.cancels().contains(held));
                deepgram.fin("No, thank you.");
                awaitFinal(log, "No, thank you.");
                call.media(SID, CallAudio.silence(40));
                ConciergeOverTwilioTest.hearReply(call, SID, log, 3);
                call.stop(SID);
                assertEquals(1000, call.awaitClose());
                call.drainReceived();

                assertReceivedExactlyWhatCartesiaGenerated(call.seen(), cartesia, held);
                final String scraped = fixture.get("/metrics").body();
                assertTrue(ProviderMetricsScrapeTest.value(scraped,
                    "voxgate_stt_final_latency_seconds_count{provider=\"deepgram\"}") >= 3);
                assertEquals(4, ProviderMetricsScrapeTest.value(scraped,
                    "voxgate_llm_ttft_seconds_count{provider=\"openai\"}"));
                Await.until("the session log closed", () -> fixture.server.pipeline().sessionLogsClosed());
            }

            final RecordedRequest listen = stt.takeRequest();
            assertTrue(listen.getPath().startsWith("/v1/listen?model=nova-3&encoding=" + encoding +
                "&sample_rate=" + (encoding.equals("mulaw") ? 8000 : 16000) + "&channels=1&interim_results=true"),
                listen.getPath());
            assertEquals("Token test-key-123", listen.getHeader("Authorization"));
            final RecordedRequest upgrade = tts.takeRequest();
            assertEquals("/tts/websocket", upgrade.getPath());
            assertEquals(List.of("2026-03-01", "Bearer test-key-123"),
                List.of(upgrade.getHeader("Cartesia-Version"), upgrade.getHeader("Authorization")));
            assertHistoryHoldsWhatWasHeard(log.history());
            assertLlmSawWhatWasHeard(llm);
            assertEquals(List.of("sonic-3", "voice-1", "pcm_mulaw", "8000"), List.of(
                cartesia.requests().getFirst().path("model_id").asText(),
                cartesia.requests().getFirst().path("voice").path("id").asText(),
                cartesia.requests().getFirst().path("output_format").path("encoding").asText(),
                cartesia.requests().getFirst().path("output_format").path("sample_rate").asText()));
        }
    }

    private static void awaitFinal(final CallLog log, final String text)
    {
        Await.until("the final transcript '" + text + "' applied", () -> log.commands(Command.SendTranscript.class)
            .stream().anyMatch(t -> t.isFinal() && t.text().equals(text)));
    }

    /**
     * Walks the messages the caller received: the media before each mark belong to the mark's run and segment
     * ({@code r<run>:t<turn>:s<segment>:<ms>}), which Cartesia generated as context {@code vg-<run>-<segment>}.
     */
    private static void assertReceivedExactlyWhatCartesiaGenerated(final List<String> messages,
        final FakeCartesia cartesia, final String held)
    {
        final Map<String, ByteArrayOutputStream> bySegment = new HashMap<>();
        final List<String> order = new ArrayList<>();
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        ByteArrayOutputStream unmarked = new ByteArrayOutputStream();
        for (final String message : messages)
        {
            switch (String.valueOf(event(message)))
            {
                case "media" -> pending.writeBytes(Base64.getDecoder().decode(field(message, "payload")));
                case "mark" ->
                {
                    final String[] parts = field(message, "name").split(":");
                    final String context = "vg-" + parts[0].substring(1) + "-" + parts[2].substring(1);
                    if (!bySegment.containsKey(context))
                    {
                        order.add(context);
                    }
                    bySegment.computeIfAbsent(context, c -> new ByteArrayOutputStream()).writeBytes(
                        pending.toByteArray());
                    pending.reset();
                }
                case "clear" ->
                {
                    unmarked = new ByteArrayOutputStream();
                    unmarked.writeBytes(pending.toByteArray());
                    pending.reset();
                }
                default ->
                {
                }
            }
        }
        final List<String> generated = cartesia.requests().stream().map(r -> r.path("context_id").asText()).toList();
        assertEquals(generated, order, "every generated segment was played, in order");
        for (final String context : generated)
        {
            final byte[] audio = cartesia.audioOf(context);
            final byte[] received = bySegment.get(context).toByteArray();
            if (context.equals(held))
            {
                assertArrayEquals(Arrays.copyOf(audio, FakeCartesia.AUDIO_BYTES / 2), received,
                    "the held segment's first chunk");
            }
            else
            {
                assertArrayEquals(audio, received, "segment " + context + " byte for byte");
            }
        }
        assertEquals(0, pending.size() + unmarked.size(), "no media without its mark");
        assertEquals(List.of(GREETING, "Let me check.", "We have 3 rooms available on friday.", "Shall I book one?",
            BOOKED, MORE, "Goodbye!"), cartesia.requests().stream().map(r -> r.path("transcript").asText()).toList());
    }

    private static void assertHistoryHoldsWhatWasHeard(final List<ChatMessage> history)
    {
        assertEquals(List.of(Role.SYSTEM, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
            Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT), history.stream().map(ChatMessage::role).toList(),
            history.toString());
        assertEquals("You are the concierge of Harbor View Hotel.", history.get(0).content());
        assertEquals(GREETING, history.get(1).content());
        assertEquals(ASK, history.get(2).content());
        assertEquals("Let me check.", history.get(3).content());
        assertEquals("check_availability", history.get(3).toolCalls().getFirst().name());
        assertEquals("{\"day\":\"friday\",\"available\":true,\"rooms\":3,\"message\":\"We have 3 rooms available " +
            "on friday.\"}", history.get(4).content());
        assertEquals(ANSWER, history.get(5).content());
        assertEquals("Yes, please book it.", history.get(6).content());
        assertEquals(BOOKED, history.get(7).content(), "the interrupted reply, as far as it was heard");
        assertEquals("No, thank you.", history.get(8).content());
        assertEquals("Goodbye!", history.get(9).content());
    }

    private static void assertLlmSawWhatWasHeard(final MockWebServer llm) throws Exception
    {
        assertEquals(4, llm.getRequestCount());
        final List<JsonNode> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            final RecordedRequest request = llm.takeRequest();
            assertEquals("/v1/chat/completions", request.getPath());
            bodies.add(JSON.readTree(request.getBody().readString(StandardCharsets.UTF_8)));
        }
        assertEquals("check_availability", bodies.get(0).path("tools").path(0).path("function").path("name")
            .asText());
        final JsonNode toolTurn = bodies.get(1).path("messages");
        assertEquals("call_7", toolTurn.path(3).path("tool_calls").path(0).path("id").asText());
        assertEquals("tool", toolTurn.path(4).path("role").asText());
        assertEquals("call_7", toolTurn.path(4).path("tool_call_id").asText());
        final JsonNode last = bodies.get(3).path("messages");
        assertEquals(BOOKED, last.path(7).path("content").asText(), "only what was heard goes back to the model");
        assertEquals("No, thank you.", last.path(8).path("content").asText());
        assertEquals(9, last.size());
    }
}
