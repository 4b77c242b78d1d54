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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.server.config.ServerSetting;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's speech-to-speech call: a YAML assistant with {@code providers.speechToSpeech: openai-realtime} served
 * over Twilio on loopback by the real server, with MockWebServer speaking the OpenAI Realtime protocol
 * ({@link FakeRealtime}). The pipeline's VAD and the reducer take turns; the model hears the caller's μ-law as
 * {@code audio/pcmu} appends, is asked for each reply with {@code input_audio_buffer.commit} + {@code response.create},
 * and its audio reaches the caller as Twilio media with marks. A barge-in after two echoed marks clears Twilio's
 * playback, cancels the response and truncates the model's item at the position the echoed marks confirmed. When the
 * Realtime server refuses the upgrade, the call goes on with the spoken fallback line. Waits are bounded; nothing
 * asserts a duration.
 */
class SpeechToSpeechEndToEndTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SID = "MZrealtime";
    private static final String KEY = "test-key-123";
    private static final String SYSTEM = "You are the concierge of Harbor View Hotel.";
    private static final int FRAME = CallAudio.FRAME_BYTES;

    private static Path assistant(final Path dir, final int port) throws Exception
    {
        final Path key = Files.writeString(dir.resolve("openai.key"), KEY + "\n");
        final Path assistants = Files.createDirectories(dir.resolve("assistants"));
        // No serverVad option: the default leaves turns to the pipeline's VAD and the reducer.
        Files.writeString(assistants.resolve("realtime.yaml"), """
            id: realtime
            systemPrompt: You are the concierge of {{business_name}}.
            providers:
              speechToSpeech: {name: openai-realtime, options: {url: "ws://127.0.0.1:%d/v1/realtime",
                                                               apiKeyFile: "%s", firstByteTimeoutMs: 60000,
                                                               idleTimeoutMs: 120000}}
            dynamicVariables: {business_name: Harbor View Hotel}
            settings: {maxEndpointingDelayMs: 800, idleTimeoutMs: 120000, responseTimeoutMs: 60000}
            """.formatted(port, key), StandardCharsets.UTF_8);
        return assistants;
    }

    @Test
    void theModelHearsTheCallerAnswersAndIsTruncatedAtTheHeardPositionOnBargeIn(@TempDir final Path dir)
        throws Exception
    {
        final FakeRealtime model = new FakeRealtime(List.of(
            new FakeRealtime.Reply("Is the pool open today?", List.of("Yes, the pool ", "is open until ten."), 3,
                false),
            new FakeRealtime.Reply("And the spa?", List.of("one two ", "three four five"), 5, true),
            new FakeRealtime.Reply("Never mind, thanks.", List.of("Goodbye for now."), 2, false)));
        try (MockWebServer realtime = new MockWebServer())
        {
            realtime.enqueue(new MockResponse().withWebSocketUpgrade(model));
            realtime.start();
            final Path assistants = assistant(dir, realtime.getPort());
            final Path logs = dir.resolve("logs");
            final CallLog log = new CallLog(logs, SID);
            final ByteArrayOutputStream callerAudio = new ByteArrayOutputStream();
            try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
                assistants.toString(), ServerSetting.SESSION_LOG_DIR, logs.toString()));
                TwilioTestClient call = fixture.call())
            {
                call.start(SID, "realtime");

                // Turn 1: the caller speaks, falls silent; the reply is played and every mark echoed.
                speak(call, callerAudio, CallAudio.speech(40, 1), CallAudio.silence(40));
                ConciergeOverTwilioTest.hearReply(call, SID, log, 1);
                assertEquals(1, model.audioAtCommit().size());
                assertTrue(model.audioAtCommit().getFirst() >= 40 * FRAME &&
                    model.audioAtCommit().getFirst() <= 80 * FRAME,
                    "the first commit holds the caller's speech: " + model.audioAtCommit());

                // Turn 2: a long reply; Twilio plays 400 ms of it (two marks echoed), then the caller talks over it.
                speak(call, callerAudio, CallAudio.speech(40, 2), CallAudio.silence(40));
                final List<String> marks = new ArrayList<>();
                while (marks.isEmpty() || !marks.getLast().endsWith(":1000"))
                {
                    marks.add(field(call.await("the marks of turn 2", m -> "mark".equals(event(m)) &&
                        field(m, "name").contains(":t2:")), "name"));
                }
                final String run = marks.getFirst().split(":")[0];
                assertEquals(List.of(":200", ":400", ":600", ":800", ":1000").stream()
                    .map(ms -> run + ":t2:s0" + ms).toList(), marks);
                call.mark(SID, marks.get(0));
                call.mark(SID, marks.get(1));
                Await.until("the reducer knows 400 ms were heard", () -> played(log, 2) == 400);
                speak(call, callerAudio, CallAudio.speech(30, 3));
                assertEquals("{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}",
                    call.await("clear", m -> "clear".equals(event(m))));
                Await.until("the model's item truncated",
                    () -> model.controlEvents().contains("conversation.item.truncate"));
                // Twilio returns the marks of the cleared audio: they are not heard audio.
                for (final String mark : marks.subList(2, marks.size()))
                {
                    call.mark(SID, mark);
                }

                // Turn 3: the caller's barge-in turn ends; its reply is heard to its end.
                speak(call, callerAudio, CallAudio.silence(40));
                ConciergeOverTwilioTest.hearReply(call, SID, log, 3);
                Await.until("every caller frame appended", () -> model.audio().length == callerAudio.size());
                call.stop(SID);
                assertEquals(1000, call.awaitClose());
                call.drainReceived();

                final Map<Integer, byte[]> heardByTurn = heardByTurn(call.seen());
                assertEquals(List.of(1, 2, 3), List.copyOf(heardByTurn.keySet()));
                for (final Map.Entry<Integer, byte[]> heard : heardByTurn.entrySet())
                {
                    assertArrayEquals(model.audioOf("item_" + heard.getKey()), heard.getValue(),
                        "the model's audio of turn " + heard.getKey() + " reached the caller byte for byte");
                }
                Await.until("the session log closed", () -> fixture.server.pipeline().sessionLogsClosed());
            }

            final RecordedRequest upgrade = realtime.takeRequest();
            assertEquals("/v1/realtime?model=gpt-realtime", upgrade.getPath());
            assertEquals("Bearer " + KEY, upgrade.getHeader("Authorization"));
            assertEquals(1, realtime.getRequestCount());

            assertEquals(List.of("session.update", "session.update", "input_audio_buffer.commit", "response.create",
                "input_audio_buffer.commit", "response.create", "response.cancel", "conversation.item.truncate",
                "input_audio_buffer.commit", "response.create"), model.controlEvents());
            final List<JsonNode> control = model.events().stream()
                .filter(e -> !"input_audio_buffer.append".equals(e.path("type").asText())).toList();
            assertEquals(JSON.readTree("""
                {"type":"session.update","session":{"type":"realtime","model":"gpt-realtime",
                 "output_modalities":["audio"],
                 "audio":{"input":{"format":{"type":"audio/pcmu"},"transcription":{"model":"gpt-4o-mini-transcribe"},
                                   "turn_detection":null},
                          "output":{"voice":"marin","format":{"type":"audio/pcmu"}}}}}
                """), control.get(0));
            assertEquals(JSON.readTree("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"," +
                "\"instructions\":\"" + SYSTEM + "\"}}"), control.get(1));
            assertEquals("{\"type\":\"input_audio_buffer.commit\"}", control.get(2).toString());
            assertEquals("{\"type\":\"response.create\"}", control.get(3).toString());
            assertEquals("{\"type\":\"response.cancel\",\"response_id\":\"resp_2\"}", control.get(6).toString());
            assertEquals("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_2\",\"content_index\":0," +
                "\"audio_end_ms\":400}", control.get(7).toString(), "truncated where the echoed marks stopped");

            // The caller's μ-law reached the model unchanged, one 20 ms frame per append.
            assertArrayEquals(callerAudio.toByteArray(), model.audio());
            assertEquals(callerAudio.size() / FRAME, model.appends());
            final List<Integer> commits = model.audioAtCommit();
            assertTrue(commits.get(1) >= 120 * FRAME && commits.get(1) <= 160 * FRAME, commits.toString());
            assertTrue(commits.get(2) >= 190 * FRAME && commits.get(2) <= 230 * FRAME, commits.toString());

            final List<Command.TruncateReply> truncations = log.commands(Command.TruncateReply.class);
            assertEquals(1, truncations.size(), truncations.toString());
            assertEquals(List.of(2, 400L), List.of(truncations.getFirst().turn(), truncations.getFirst().playedMs()));
            assertTrue(log.lines().getFirst().path("settings").path("speechToSpeech").asBoolean(),
                "the reducer ran in speechToSpeech mode");
            assertEquals(List.of(ChatMessage.system(SYSTEM), ChatMessage.user("Is the pool open today?"),
                ChatMessage.assistant("Yes, the pool is open until ten."), ChatMessage.user("And the spa?"),
                ChatMessage.assistant("one two"), ChatMessage.user("Never mind, thanks."),
                ChatMessage.assistant("Goodbye for now.")), log.history(), "the history holds what was heard");
        }
    }

    @Test
    void aRefusedUpgradeFailsTheReplyAndTheCallGoesOnWithTheFallbackLine(@TempDir final Path dir) throws Exception
    {
        try (MockWebServer realtime = new MockWebServer())
        {
            realtime.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                .setBody("{\n  \"error\": {\n    \"message\": \"Incorrect API key provided: " + KEY + ".\",\n" +
                "    \"type\": \"invalid_request_error\",\n    \"param\": null,\n    \"code\": \"invalid_api_key\"\n" +
                "  }\n}\n"));
            realtime.start();
            final Path assistants = assistant(dir, realtime.getPort());
            final Path logs = dir.resolve("logs");
            final CallLog log = new CallLog(logs, SID);
            final String fallback = AssistantSettings.defaults().errorFallbackLine();
            try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
                assistants.toString(), ServerSetting.SESSION_LOG_DIR, logs.toString()));
                TwilioTestClient call = fixture.call())
            {
                call.start(SID, "realtime");
                speak(call, new ByteArrayOutputStream(), CallAudio.speech(40, 1), CallAudio.silence(40));
                ConciergeOverTwilioTest.hearReply(call, SID, log, 1);
                Await.until("back to listening", () -> "LISTENING".equals(
                    log.lines().getLast().path("state").path("state").asText()));

                final List<JsonNode> failures = log.lines().stream().map(l -> l.path("event"))
                    .filter(e -> "LlmFailed".equals(e.path("type").asText())).toList();
                assertEquals(1, failures.size(), failures.toString());
                assertEquals("auth: HTTP 401 invalid_api_key: Incorrect API key provided: [redacted].",
                    failures.getFirst().path("reason").asText());
                assertEquals(List.of(fallback), log.commands(Command.SynthesizeSegment.class).stream()
                    .map(Command.SynthesizeSegment::text).toList(), "the fallback line, spoken by the tts");
                assertEquals(List.of(fallback), log.assistantMessages().stream()
                    .map(Command.SendAssistantMessage::text).toList());
                assertTrue(log.assistantMessages().stream().noneMatch(Command.SendAssistantMessage::interrupted));
                assertTrue(call.seen().stream().anyMatch(m -> "media".equals(event(m))), "the caller heard it");
                assertTrue(call.isOpen(), "the call goes on");
                call.stop(SID);
                assertEquals(1000, call.awaitClose());
            }
            assertEquals(1, realtime.getRequestCount(), "a 401 is not retried");
            assertEquals(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(""), ChatMessage.assistant(fallback)),
                log.history());
        }
    }

    /** Sends the parts as Twilio media, keeping a copy of what the caller said. */
    private static void speak(final TwilioTestClient call, final ByteArrayOutputStream said, final byte[]... parts)
    {
        for (final byte[] part : parts)
        {
            said.writeBytes(part);
            call.media(SID, part);
        }
    }

    /** The furthest playout position of a turn's segment 0 the reducer was told (echoed marks), from the log. */
    private static long played(final CallLog log, final int turn)
    {
        return log.lines().stream().map(l -> l.path("event"))
            .filter(e -> "PlayoutProgress".equals(e.path("type").asText()) && e.path("turn").asInt() == turn)
            .mapToLong(e -> e.path("playedMs").asLong()).max().orElse(0);
    }

    /** The media the caller received before each turn's marks, by turn (all in segment 0, in order). */
    private static Map<Integer, byte[]> heardByTurn(final List<String> messages)
    {
        final Map<Integer, ByteArrayOutputStream> byTurn = new LinkedHashMap<>();
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (final String message : messages)
        {
            switch (String.valueOf(event(message)))
            {
                case "media" -> pending.writeBytes(Base64.getDecoder().decode(field(message, "payload")));
                case "mark" ->
                {
                    final String[] parts = field(message, "name").split(":");
                    assertEquals("s0", parts[2], "a speech-to-speech reply step is one segment");
                    byTurn.computeIfAbsent(Integer.parseInt(parts[1].substring(1)), t -> new ByteArrayOutputStream())
                        .writeBytes(pending.toByteArray());
                    pending.reset();
                }
                default ->
                {
                }
            }
        }
        assertEquals(0, pending.size(), "no media without its mark");
        final Map<Integer, byte[]> heard = new LinkedHashMap<>();
        byTurn.forEach((turn, audio) -> heard.put(turn, audio.toByteArray()));
        return heard;
    }
}
