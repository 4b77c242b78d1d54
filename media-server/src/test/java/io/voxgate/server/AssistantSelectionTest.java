package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which assistant a call gets: every YAML file of {@code ASSISTANT_LOCAL_CONFIG_DIR} is served by its ID next to the
 * built-ins, a call's {@code assistant_id} (or {@code assistant}) stream parameter picks one, its other parameters
 * fill the assistant's templates, and bad assistant configuration fails the start naming the knob and the file.
 */
class AssistantSelectionTest
{
    private static final String HELLO = """
        id: hello
        greeting: Hello {{caller}}, welcome to {{place}}.
        providers:
          llm: [{name: scripted}]
          tts: [{name: freetts}]
        dynamicVariables: {place: the lobby, caller: stranger}
        """;

    private static String start(final String sid, final String parameters)
    {
        return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + sid + "\"," +
            "\"start\":{\"streamSid\":\"" + sid + "\",\"accountSid\":\"AC1\",\"callSid\":\"CA1\"," +
            "\"tracks\":[\"inbound\"],\"customParameters\":{" + parameters + "}," +
            "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
    }

    @Test
    void assistantIdPicksAYamlAssistantWhoseTemplatesTakeTheCallsParameters(@TempDir final Path dir)
        throws Exception
    {
        final Path assistants = Files.createDirectories(dir.resolve("assistants"));
        Files.writeString(assistants.resolve("hello.yaml"), HELLO, StandardCharsets.UTF_8);
        final Path logs = dir.resolve("logs");
        final CallLog log = new CallLog(logs, "MZhello");
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
            assistants.toString(), ServerSetting.SESSION_LOG_DIR, logs.toString())))
        {
            assertEquals(List.of("parrot", "tone", "hello"), fixture.server.assistants().names());
            assertTrue(fixture.server.banner().contains("assistants: parrot, tone, hello (YAML from " +
                assistants.toAbsolutePath() + ")"), fixture.server.banner());
            try (TwilioTestClient call = fixture.call())
            {
                call.send(TwilioMessages.connected())
                    .send(start("MZhello", "\"assistant_id\":\"hello\",\"caller\":\"Ada\""));
                // The default parrot never speaks first: greeting audio means the YAML assistant answered.
                call.await("greeting audio", m -> "media".equals(event(m)));
                ConciergeOverTwilioTest.hearReply(call, "MZhello", log, 0);
                call.stop("MZhello");
                assertEquals(1000, call.awaitClose());
            }
            assertEquals("Hello Ada, welcome to the lobby.", log.assistantMessages().getFirst().text());
            assertEquals("hello", log.lines().getFirst().path("settings").path("name").asText());
        }
    }

    @Test
    void aBadAssistantFileFailsTheStartNamingTheKnobAndTheFile(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("broken.yaml"), HELLO.replace("id: hello", "id: broken")
            .replace("freetts", "festival"), StandardCharsets.UTF_8);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> MediaServer.start(
            ServerConfig.of(Map.of(ServerSetting.PORT, "0", ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR, dir.toString(),
                ServerSetting.ASSISTANT, "parrot"))));
        assertTrue(ex.getMessage().startsWith("ASSISTANT_LOCAL_CONFIG_DIR/--assistants-dir: "), ex.getMessage());
        assertTrue(ex.getMessage().contains(dir.resolve("broken.yaml").toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("unknown tts provider 'festival'"), ex.getMessage());
    }

    @Test
    void theDefaultConciergeNeedsItsDirectory(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("nowhere");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> MediaServer.start(
            ServerConfig.of(Map.of(ServerSetting.PORT, "0", ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
                missing.toString()))));
        assertTrue(ex.getMessage().startsWith("VOXGATE_ASSISTANT/--assistant"), ex.getMessage());
        assertTrue(ex.getMessage().contains("concierge"), ex.getMessage());
        assertTrue(ex.getMessage().contains("ASSISTANT_LOCAL_CONFIG_DIR=" + missing.toAbsolutePath() +
            ", which does not exist"), ex.getMessage());
    }
}
