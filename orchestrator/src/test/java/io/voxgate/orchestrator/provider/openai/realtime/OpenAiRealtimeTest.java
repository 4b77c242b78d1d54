package io.voxgate.orchestrator.provider.openai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.SpeechToSpeechSession;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import io.voxgate.orchestrator.provider.registry.ProviderEnvironment;
import io.voxgate.orchestrator.provider.resilience.CircuitBreakers;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.LogCapture;
import io.voxgate.orchestrator.provider.websocket.ProviderFixture;
import io.voxgate.orchestrator.provider.websocket.ScriptedVendorSocket;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.RETRY;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.SHORT;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.describe;
import static io.voxgate.orchestrator.provider.websocket.ProviderFixture.httpError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiRealtimeTest
{
    private static final String KEY = "sk-test-9f8e7d6c5b4a3210SECRET";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = "{\"type\":\"response.create\"}";

    private final ProviderFixture fixture = new ProviderFixture();
    private final RecordingSink sink = new RecordingSink();

    OpenAiRealtimeTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void configuresTheSessionAndMapsAReplyToTheOrchestratorsEvents() throws Exception
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket(onCreate((ws) ->
        {
            ws.send(created("resp_1"));
            ws.send(transcript("resp_1", "Hi"));
            ws.send(audio("response.output_audio.delta", "resp_1", "item_1", "/4A="));
            // Beta event names are accepted too.
            ws.send(audio("response.audio.delta", "resp_1", "item_1", "AH8="));
            ws.send(done("resp_1", "completed"));
        }));
        fixture.server.enqueue(vendor.upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, SHORT))
        {
            assertEquals(JSON.readTree("""
                {"type":"session.update","session":{"type":"realtime","model":"gpt-realtime",
                 "output_modalities":["audio"],
                 "audio":{"input":{"format":{"type":"audio/pcmu"},"transcription":{"model":"gpt-4o-mini-transcribe"},
                                   "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,
                                                     "silence_duration_ms":500,"create_response":false,
                                                     "interrupt_response":false}},
                          "output":{"voice":"marin","format":{"type":"audio/pcmu"}}},
                 "tools":[{"type":"function","name":"lookup_order","description":"Finds an order.",
                           "parameters":{"type":"object"}}],
                 "tool_choice":"auto"}}
                """), JSON.readTree(vendor.take()));
            session.respond(start(3, 0, 0, List.of(ChatMessage.system("Be brief."))));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone);
        }
        assertEquals(List.of(new Event.LlmDelta("s", 0, 3, 0, 0, "Hi").toString(),
            "audio run 3 turn 0 seg 0 8000 Hz 00007c7d", "audio run 3 turn 0 seg 0 8000 Hz 84820000",
            "done run 3 turn 0 seg 0", new Event.LlmDone("s", 0, 3, 0, 0).toString()), describe(sink.events()));
        assertEquals("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"instructions\":\"Be brief.\"}}",
            vendor.take());
        assertEquals(CREATE, vendor.take());
        final RecordedRequest upgrade = fixture.server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/realtime?model=gpt-realtime", upgrade.getPath());
        assertEquals("Bearer " + KEY, upgrade.getHeader("Authorization"));
        assertEquals(1, fixture.metrics.get("llm_ttft openai-realtime"));
        assertEquals("1000 call ended", vendor.awaitClosed());
    }

    @Test
    void theRegistryFactoryLeavesTurnsToTheReducerUnlessServerVadIsAskedFor() throws Exception
    {
        final ScriptedVendorSocket byDefault = new ScriptedVendorSocket((ws, text) ->
        {
        });
        final ScriptedVendorSocket withVad = new ScriptedVendorSocket((ws, text) ->
        {
        });
        fixture.server.enqueue(byDefault.upgrade());
        fixture.server.enqueue(withVad.upgrade());
        try (ProviderEnvironment environment = new ProviderEnvironment(Map.of("OPENAI_API_KEY", KEY),
            fixture.executor, Executors.newSingleThreadScheduledExecutor(), fixture.metrics,
            new CircuitBreakers(() -> 0, fixture.metrics), () -> 0, RandomGenerator.of("L64X128MixRandom"),
            (delayMs, cancel) -> true, Map.of(), new OkHttpClient()))
        {
            final String url = fixture.wsUrl("/v1/realtime");
            try (SpeechToSpeechSession session = factory(Map.of("url", url), environment)
                .open(new CallContext("s", sink, Map.of())))
            {
                final JsonNode input = JSON.readTree(byDefault.take()).path("session").path("audio").path("input");
                assertTrue(input.has("turn_detection") && input.path("turn_detection").isNull(), input.toString());
            }
            try (SpeechToSpeechSession session = factory(Map.of("url", url, "serverVad", true), environment)
                .open(new CallContext("s", sink, Map.of())))
            {
                assertEquals("server_vad", JSON.readTree(withVad.take()).path("session").path("audio").path("input")
                    .path("turn_detection").path("type").asText());
            }
        }
    }

    private static OpenAiRealtime factory(final Map<String, Object> options, final ProviderEnvironment environment)
    {
        final ProviderSpec spec = new ProviderSpec(OpenAiRealtime.NAME, options);
        return OpenAiRealtime.create(spec, new AssistantConfig("a", null, null,
            new AssistantConfig.Providers(null, null, null, spec), null, null, null, null), environment);
    }

    @Test
    void callerAudioSentWhileTheSocketOpensIsAppendedRightAfterTheSessionUpdate() throws Exception
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
        });
        final CountDownLatch upgradeAnswered = new CountDownLatch(1);
        fixture.server.setDispatcher(new Dispatcher()
        {
            @Override
            public MockResponse dispatch(final RecordedRequest request) throws InterruptedException
            {
                // The upgrade is answered only after the caller spoke: the socket cannot be open before.
                upgradeAnswered.await();
                return vendor.upgrade();
            }
        });
        final byte[] frame = new byte[160];
        Arrays.fill(frame, (byte)0x7A);
        try (SpeechToSpeechSession session = open(false, RETRY, SHORT))
        {
            session.audio(new UnsafeBuffer(frame), 0, 160);
            session.audio(new UnsafeBuffer(new byte[] {(byte)0xFF, 0x00}), 0, 2);
            upgradeAnswered.countDown();
            assertEquals("session.update", JSON.readTree(vendor.take()).path("type").asText());
            assertEquals("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" +
                Base64.getEncoder().encodeToString(frame) + "\"}", vendor.take());
            assertEquals("{\"type\":\"input_audio_buffer.append\",\"audio\":\"/wA=\"}", vendor.take());
            session.respond(start(1, 1, 0, List.of()));
            assertEquals("{\"type\":\"input_audio_buffer.commit\"}", vendor.take(), "the held audio is the turn's");
            assertEquals(CREATE, vendor.take());
        }
    }

    @Test
    void serverVadPublishesSpeechEdgesAndCallerTranscriptsAndAudioIsAppended()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
            if (text.startsWith("{\"type\":\"session.update\""))
            {
                ws.send("{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"event_1\"," +
                    "\"audio_start_ms\":1000,\"item_id\":\"item_u1\"}");
                ws.send("{\"type\":\"input_audio_buffer.speech_stopped\",\"event_id\":\"event_2\"," +
                    "\"audio_end_ms\":2000,\"item_id\":\"item_u1\"}");
                ws.send(partial("item_u1", "I want"));
                ws.send(partial("item_u1", " to check"));
                ws.send("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":" +
                    "\"event_5\",\"item_id\":\"item_u1\",\"content_index\":0,\"transcript\":\"I want to check. \"}");
            }
        });
        fixture.server.enqueue(vendor.upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, SHORT))
        {
            sink.awaitEvent((e) -> e instanceof Event.TranscriptFinal);
            session.audio(new UnsafeBuffer(new byte[] {(byte)0xFF, (byte)0x7F, 0x00}), 0, 3);
            vendor.take();
            assertEquals("{\"type\":\"input_audio_buffer.append\",\"audio\":\"/38A\"}", vendor.take());
        }
        assertEquals(List.of(new Event.SpeechStarted("s", 0), new Event.SpeechStopped("s", 0),
            new Event.TranscriptPartial("s", 0, "I want"), new Event.TranscriptPartial("s", 0, "I want to check"),
            new Event.TranscriptFinal("s", 0, "I want to check.")), sink.events());
    }

    @Test
    void withoutVadATurnCommitsTheAudioToolResultsGoBackAndTheContinuationCommitsNothing() throws Exception
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket(onCreate((ws) ->
        {
            ws.send(created("resp_1"));
            ws.send("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"event_3\",\"response_id\":" +
                "\"resp_1\",\"item_id\":\"item_f\",\"output_index\":0,\"call_id\":\"call_q7\",\"name\":" +
                "\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"A-17\\\"}\"}");
            ws.send(done("resp_1", "completed"));
        }));
        fixture.server.enqueue(vendor.upgrade());
        final ToolCall call = new ToolCall("call_q7", "lookup_order", "{\"order_id\":\"A-17\"}");
        try (SpeechToSpeechSession session = open(false, RETRY, SHORT))
        {
            assertTrue(JSON.readTree(vendor.take()).path("session").path("audio").path("input")
                .path("turn_detection").isNull());
            session.respond(start(1, 1, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone);
            session.audio(new UnsafeBuffer(new byte[] {(byte)0xFF}), 0, 1);
            vendor.react((ws, text) ->
            {
            });
            session.respond(start(1, 1, 1, List.of(ChatMessage.user("Where is A-17?"),
                ChatMessage.assistant(null, List.of(call)), ChatMessage.tool("call_q7", "{\"status\":\"shipped\"}"))));
            assertEquals(CREATE, vendor.take());
            assertEquals("{\"type\":\"input_audio_buffer.append\",\"audio\":\"/w==\"}", vendor.take());
            assertEquals("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\"," +
                "\"call_id\":\"call_q7\",\"output\":\"{\\\"status\\\":\\\"shipped\\\"}\"}}", vendor.take());
            // The audio heard while the tool ran is not committed as a user message in the middle of the reply.
            assertEquals(CREATE, vendor.take());
        }
        assertEquals(List.of(new Event.LlmToolCall("s", 0, 1, 1, 0, call), new Event.LlmDone("s", 0, 1, 1, 0)),
            sink.events());
    }

    @Test
    void bargeInCancelsTheResponseTruncatesAtThePlayedPositionAndDropsLateAudio()
    {
        final byte[] twoHundredMs = new byte[1600];
        Arrays.fill(twoHundredMs, (byte)0xFF);
        final String longAudio = Base64.getEncoder().encodeToString(twoHundredMs);
        final String hundredMs = Base64.getEncoder().encodeToString(Arrays.copyOf(twoHundredMs, 800));
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
        });
        vendor.react((ws, text) ->
        {
            if (CREATE.equals(text))
            {
                ws.send(created("resp_5"));
                ws.send(audio("response.output_audio.delta", "resp_5", "item_9", longAudio));
                vendor.react((ws2, text2) ->
                {
                    if (text2.startsWith("{\"type\":\"response.cancel\""))
                    {
                        ws2.send(audio("response.output_audio.delta", "resp_5", "item_9", "/4A="));
                        ws2.send(done("resp_5", "cancelled"));
                    }
                    if (CREATE.equals(text2))
                    {
                        ws2.send(created("resp_6"));
                        ws2.send(audio("response.output_audio.delta", "resp_6", "item_10", hundredMs));
                        ws2.send(done("resp_6", "completed"));
                    }
                });
            }
        });
        fixture.server.enqueue(vendor.upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, new Timeouts(1000, 10_000, 10_000)))
        {
            session.respond(start(5, 2, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.TtsAudio);
            session.interrupt(5, 120);
            session.respond(start(6, 3, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone);
            // Generated faster than played: the reply is done but the caller heard only 50 ms of it.
            session.interrupt(6, 50);
            vendor.take();
            assertEquals(CREATE, vendor.take());
            assertEquals("{\"type\":\"response.cancel\",\"response_id\":\"resp_5\"}", vendor.take());
            assertEquals("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_9\",\"content_index\":0," +
                "\"audio_end_ms\":120}", vendor.take());
            assertEquals(CREATE, vendor.take());
            assertEquals("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_10\",\"content_index\":0," +
                "\"audio_end_ms\":50}", vendor.take());
        }
        final List<String> events = describe(sink.drain());
        assertEquals("audio run 5 turn 2 seg 0 8000 Hz " + "0000".repeat(1600), events.get(0));
        assertEquals(List.of("audio run 6 turn 3 seg 0 8000 Hz " + "0000".repeat(800), "done run 6 turn 3 seg 0",
            new Event.LlmDone("s", 0, 6, 3, 0).toString()), events.subList(1, events.size()));
    }

    @Test
    void unauthorizedUpgradeFailsTheReplyAndTheKeyIsNeverShownOrLogged()
    {
        fixture.server.enqueue(httpError(401, "{\n  \"error\": {\n    \"message\": \"Incorrect API key provided: " +
            KEY + ".\",\n    \"type\": \"invalid_request_error\",\n    \"param\": null,\n    \"code\": " +
            "\"invalid_api_key\"\n  }\n}\n"));
        final OpenAiRealtime realtime = realtime(true, RETRY, SHORT);
        final String reason;
        try (LogCapture logs = new LogCapture())
        {
            reason = failOnce(realtime);
            assertFalse(logs.text().contains(KEY), logs.text());
        }
        assertEquals("auth: HTTP 401 invalid_api_key: Incorrect API key provided: [redacted].", reason);
        assertEquals(1, fixture.server.getRequestCount());
        assertFalse(realtime.toString().contains(KEY), realtime.toString());
    }

    @Test
    void rateLimitedUpgradeIsRetriedWithBackoff()
    {
        fixture.server.enqueue(httpError(429, "{\"error\":{\"message\":\"Rate limit reached.\",\"type\":\"requests\"," +
            "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
        fixture.server.enqueue(new ScriptedVendorSocket(onCreate((ws) ->
        {
            ws.send(created("resp_1"));
            ws.send(transcript("resp_1", "Hello"));
            ws.send(done("resp_1", "completed"));
        })).upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, SHORT))
        {
            session.respond(start(2, 0, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        assertEquals(List.of(new Event.LlmDelta("s", 0, 2, 0, 0, "Hello"), new Event.LlmDone("s", 0, 2, 0, 0)),
            sink.events());
        assertEquals(List.of(75L), fixture.delays);
    }

    @Test
    void serverErrorsExhaustTheConnectRetries()
    {
        for (int i = 0; i < 3; i++)
        {
            fixture.server.enqueue(httpError(500, "{\"error\":{\"message\":\"The server had an error.\"," +
                "\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        }
        assertEquals("server: HTTP 500 server_error: The server had an error.", failOnce(realtime(true, RETRY, SHORT)));
        assertEquals(List.of(75L, 150L), fixture.delays);
    }

    @Test
    void connectionRefusedFailsTheReply() throws IOException
    {
        final OpenAiRealtime realtime = realtime(true, RETRY, SHORT);
        fixture.server.shutdown();
        final String reason = failOnce(realtime);
        assertTrue(reason.startsWith("connect: ConnectException: "), reason);
    }

    @Test
    void stallAfterPartialOutputFailsOnTheIdleTimeoutAndCancelsTheResponse()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket(onCreate((ws) ->
        {
            ws.send(created("resp_1"));
            ws.send(audio("response.output_audio.delta", "resp_1", "item_1", "/4A="));
        }));
        fixture.server.enqueue(vendor.upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, SHORT))
        {
            session.respond(start(4, 1, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmFailed);
            vendor.take();
            vendor.take();
            assertEquals("{\"type\":\"response.cancel\",\"response_id\":\"resp_1\"}", vendor.take());
        }
        assertEquals(List.of("audio run 4 turn 1 seg 0 8000 Hz 00007c7d",
            new Event.LlmFailed("s", 0, 4, 1, 0, "idle_timeout: stream idle for 300 ms").toString()),
            describe(sink.events()));
    }

    @Test
    void disconnectMidStreamFailsTheReplyAndTheNextOnes() throws IOException
    {
        fixture.server.enqueue(new ScriptedVendorSocket(onCreate((ws) ->
        {
            ws.send(created("resp_1"));
            ws.send(transcript("resp_1", "Hel"));
        })).upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, new Timeouts(1000, 10_000, 10_000)))
        {
            session.respond(start(5, 1, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmDelta);
            // The vendor's process goes away: every socket it holds is closed without a close frame.
            fixture.server.shutdown();
            sink.awaitEvent((e) -> e instanceof Event.LlmFailed);
            session.respond(start(6, 2, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmFailed f && f.runId() == 6);
        }
        final List<Event> events = sink.events();
        assertEquals(new Event.LlmDelta("s", 0, 5, 1, 0, "Hel"), events.get(0));
        assertTrue(((Event.LlmFailed)events.get(1)).reason().startsWith("disconnect: "), events.toString());
        assertEquals(((Event.LlmFailed)events.get(1)).reason(), ((Event.LlmFailed)events.get(2)).reason());
        assertEquals(1, fixture.metrics.get("errors openai-realtime disconnect"));
    }

    @Test
    void malformedServerEventFailsTheReplyAndTheNextReplyStillWorks()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket(onCreate((ws) ->
        {
            ws.send(created("resp_1"));
            ws.send("{\"type\":\"response.output_audio.del");
        }));
        fixture.server.enqueue(vendor.upgrade());
        try (SpeechToSpeechSession session = open(true, RETRY, SHORT))
        {
            session.respond(start(1, 1, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmFailed);
            vendor.react(onCreate((ws) ->
            {
                ws.send(created("resp_2"));
                ws.send(transcript("resp_2", "Sorry."));
                ws.send(done("resp_2", "completed"));
            }));
            session.respond(start(2, 2, 0, List.of()));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone);
            vendor.take();
            vendor.take();
            assertEquals("{\"type\":\"response.cancel\",\"response_id\":\"resp_1\"}", vendor.take());
        }
        assertEquals(List.of(new Event.LlmFailed("s", 0, 1, 1, 0,
            "malformed: bad server event: {\"type\":\"response.output_audio.del"),
            new Event.LlmDelta("s", 0, 2, 2, 0, "Sorry."), new Event.LlmDone("s", 0, 2, 2, 0)), sink.events());
        assertEquals(1, fixture.metrics.get("errors openai-realtime malformed"));
    }

    @Test
    void errorEventDuringAReplyFailsIt()
    {
        fixture.server.enqueue(new ScriptedVendorSocket(onCreate((ws) -> ws.send("{\"type\":\"error\",\"event_id\":" +
            "\"event_7\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_value\",\"message\":" +
            "\"Invalid value for 'voice'.\",\"param\":\"session.audio.output.voice\",\"event_id\":null}}"))).upgrade());
        assertEquals("client: error invalid_value: Invalid value for 'voice'.", failOnce(realtime(true, RETRY, SHORT)));
    }

    @Test
    void slowFirstByteBeyondTheTimeoutFails()
    {
        fixture.server.enqueue(new ScriptedVendorSocket((ws, text) ->
        {
        }).upgrade());
        assertEquals("first_byte_timeout: no first byte within 300 ms",
            failOnce(realtime(true, RetryPolicy.NONE, SHORT)));
    }

    @Test
    void closeEndsTheSocketAndPublishesNothingMore()
    {
        final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) ->
        {
        });
        fixture.server.enqueue(vendor.upgrade());
        final SpeechToSpeechSession session = open(true, RETRY, SHORT);
        session.respond(start(7, 1, 0, List.of()));
        vendor.take();
        vendor.take();
        session.close();
        assertEquals("1000 call ended", vendor.awaitClosed());
        vendor.socket().send(transcript(null, "late"));
        session.respond(start(8, 2, 0, List.of()));
        assertEquals(List.of(), sink.drain());
    }

    private String failOnce(final OpenAiRealtime realtime)
    {
        try (SpeechToSpeechSession session = realtime.open(new CallContext("s", sink, Map.of())))
        {
            session.respond(start(1, 1, 0, List.of()));
            final Event last = sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
            assertEquals(1, sink.events().size(), "exactly one event: " + sink.events());
            return ((Event.LlmFailed)last).reason();
        }
    }

    private SpeechToSpeechSession open(final boolean serverVad, final RetryPolicy retry, final Timeouts timeouts)
    {
        return realtime(serverVad, retry, timeouts).open(new CallContext("s", sink, Map.of()));
    }

    private OpenAiRealtime realtime(final boolean serverVad, final RetryPolicy retry, final Timeouts timeouts)
    {
        final RealtimeSettings settings = new RealtimeSettings(fixture.wsUrl("/v1/realtime"), "gpt-realtime",
            "marin", null, "gpt-4o-mini-transcribe", serverVad, 0.5, 300, 500,
            List.of(new ToolSpec("lookup_order", "Finds an order.", Map.of("type", "object"))));
        return new OpenAiRealtime(settings, ApiKey.fromEnvironment(Map.of("OPENAI_API_KEY", KEY), "OPENAI_API_KEY",
            true), new OkHttpClient(), fixture.executor, fixture.resilience("openai-realtime", retry, timeouts));
    }

    private static Command.StartLlm start(final long runId, final int turn, final int step,
        final List<ChatMessage> context)
    {
        return new Command.StartLlm("s", runId, turn, step, context);
    }

    /** Runs the reply script when the adapter sends {@code response.create}. */
    private static BiConsumer<WebSocket, String> onCreate(final java.util.function.Consumer<WebSocket> reply)
    {
        return (ws, text) ->
        {
            if (CREATE.equals(text))
            {
                reply.accept(ws);
            }
        };
    }

    private static String created(final String id)
    {
        return "{\"type\":\"response.created\",\"event_id\":\"event_c\",\"response\":{\"object\":" +
            "\"realtime.response\",\"id\":\"" + id + "\",\"status\":\"in_progress\",\"status_details\":null," +
            "\"output\":[],\"usage\":null}}";
    }

    private static String audio(final String type, final String responseId, final String itemId,
        final String base64)
    {
        return "{\"type\":\"" + type + "\",\"event_id\":\"event_a\",\"response_id\":\"" + responseId + "\"," +
            "\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + base64 + "\"}";
    }

    private static String transcript(final String responseId, final String delta)
    {
        return "{\"type\":\"response.output_audio_transcript.delta\",\"event_id\":\"event_t\",\"response_id\":" +
            (null == responseId ? "null" : "\"" + responseId + "\"") + ",\"item_id\":\"item_1\",\"output_index\":0," +
            "\"content_index\":0,\"delta\":\"" + delta + "\"}";
    }

    private static String partial(final String itemId, final String delta)
    {
        return "{\"type\":\"conversation.item.input_audio_transcription.delta\",\"event_id\":\"event_p\"," +
            "\"item_id\":\"" + itemId + "\",\"content_index\":0,\"delta\":\"" + delta + "\"}";
    }

    private static String done(final String id, final String status)
    {
        return "{\"type\":\"response.done\",\"event_id\":\"event_d\",\"response\":{\"object\":\"realtime.response\"," +
            "\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"status_details\":null,\"output\":[]," +
            "\"usage\":{\"total_tokens\":42,\"input_tokens\":30,\"output_tokens\":12}}}";
    }
}
