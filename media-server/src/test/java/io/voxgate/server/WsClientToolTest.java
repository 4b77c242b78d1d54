package io.voxgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.ws.WsError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client-side tool over WS v1 end to end: a YAML assistant (scripted LLM, FreeTTS, no ASR) with a tool declared
 * {@code execution: client}; typed text matches the script's intent, the server asks the client to run the tool
 * ({@code assistant.tool_call}), the client's {@code tool.result} feeds the reply's {@code {{result.…}}} template,
 * and the reply is spoken. A second result for the same call is an {@code unknown_tool_call} error that leaves the
 * session running.
 */
class WsClientToolTest
{
    private static final String ASSISTANT = """
        id: mapper
        providers:
          asr: {name: none}
          llm: [{name: scripted}]
          tts: [{name: freetts}]
        tools:
          - name: show_map
            description: Shows a place on the map in the app and tells which pier it is.
            execution: client
            parameters: {type: object, properties: {place: {type: string}}, required: [place]}
        script:
          intents:
            - name: map
              keywords: [map]
              tool: {name: show_map, arguments: {place: harbor}}
              toolReply: "The harbor is at {{result.pier}}, I put it on your map."
          fallback: Sorry, I can only show the map.
        """;

    @Test
    void theClientsToolResultIsUsedInTheSpokenReply(@TempDir final Path dir) throws Exception
    {
        final Path assistants = Files.createDirectories(dir.resolve("assistants"));
        Files.writeString(assistants.resolve("mapper.yaml"), ASSISTANT, StandardCharsets.UTF_8);
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
            assistants.toString()));
            WsTestClient client = WsTestClient.connect(fixture, "?assistant_id=mapper"))
        {
            assertEquals("mapper", client.start().awaitType("session.started").get("assistantId").asText());
            client.send("{\"type\":\"input.text\",\"text\":\"Can you show me the harbor on the map?\"}");
            final int turn = client.awaitType("transcript.final").get("turn").asInt();

            final JsonNode call = client.awaitType("assistant.tool_call");
            final String callId = call.get("callId").asText();
            assertFalse(callId.isBlank(), call.toString());
            assertEquals("show_map", call.get("name").asText());
            assertEquals(WsTestClient.JSON.readTree("{\"place\":\"harbor\"}"), call.get("arguments"));

            client.send("{\"type\":\"tool.result\",\"callId\":\"" + callId + "\",\"result\":{\"pier\":\"Pier 7\"," +
                "\"shown\":true}}");
            final JsonNode audio = client.await("the reply's audio", (e) ->
                "output.audio.start".equals(e.path("type").asText()) && e.get("turn").asInt() == turn);
            assertTrue(audio.get("seq").asLong() > call.get("seq").asLong(), "the reply follows the tool call");
            final JsonNode reply = client.await("the reply's text", (e) ->
                "assistant.text.final".equals(e.path("type").asText()) && e.get("turn").asInt() == turn);
            assertEquals("The harbor is at Pier 7, I put it on your map.", reply.get("text").asText());
            assertFalse(reply.get("interrupted").asBoolean());
            final StringBuilder deltas = new StringBuilder();
            client.events().stream().filter((e) -> "assistant.text.delta".equals(e.path("type").asText()) &&
                e.get("turn").asInt() == turn).forEach((e) -> deltas.append(e.get("text").asText()));
            assertEquals("The harbor is at Pier 7, I put it on your map.", deltas.toString().strip(),
                "the streamed text is the templated reply");

            client.send("{\"type\":\"tool.result\",\"callId\":\"" + callId + "\",\"result\":{\"pier\":\"Pier 8\"}}");
            final JsonNode error = client.await(WsError.UNKNOWN_TOOL_CALL.code(), (e) ->
                "error".equals(e.path("type").asText()));
            assertEquals(WsError.UNKNOWN_TOOL_CALL.code(), error.get("code").asText());
            assertFalse(error.get("fatal").asBoolean());

            client.send("{\"type\":\"session.stop\"}");
            assertEquals("client", client.awaitType("session.stopped").get("reason").asText());
            assertEquals(1000, client.awaitClose());
            assertEquals(1, client.countOf("assistant.tool_call"));
            assertEquals(1, fixture.server.wsCounters().errors().get(WsError.UNKNOWN_TOOL_CALL));
        }
    }
}
