package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.server.config.ServerSetting;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model ends the call: an OpenAI-compatible LLM (MockWebServer) answers with a goodbye and the {@code end_call}
 * tool; the caller hears the goodbye (its marks echoed), then the server closes the Twilio stream normally.
 */
class EndCallOverTwilioTest
{
    private static final String SID = "MZendcall";
    private static final String CHUNK = "\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1," +
        "\"model\":\"m\"";

    @Test
    void theGoodbyeIsHeardThenTheStreamIsClosed(@TempDir final Path dir) throws Exception
    {
        try (MockWebServer llm = new MockWebServer())
        {
            llm.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(
                "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":" +
                "\"Thank you for calling. Goodbye!\"},\"finish_reason\":null}]}\n\n" +
                "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":" +
                "\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"end_call\",\"arguments\":\"{}\"}}]}," +
                "\"finish_reason\":null}]}\n\n" +
                "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" +
                "data: [DONE]\n\n"));
            llm.start();
            final Path assistants = Files.createDirectories(dir.resolve("assistants"));
            Files.writeString(assistants.resolve("closer.yaml"), """
                id: closer
                providers:
                  llm: [{name: openai, options: {baseUrl: "http://127.0.0.1:%d/v1", model: m}}]
                  tts: [{name: freetts}]
                tools:
                  - {name: end_call, description: Ends the call after saying goodbye.}
                """.formatted(llm.getPort()), StandardCharsets.UTF_8);
            final Path logs = dir.resolve("logs");
            final CallLog log = new CallLog(logs, SID);
            try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
                assistants.toString(), ServerSetting.SESSION_LOG_DIR, logs.toString())))
            {
                try (TwilioTestClient call = fixture.call())
                {
                    call.start(SID, "closer").dtmf(SID, '#');
                    ConciergeOverTwilioTest.hearReply(call, SID, log, 1);
                    assertEquals(1000, call.awaitClose(), "closed normally by the server");
                }
                Await.until("the session log closed", () -> fixture.server.pipeline().sessionLogsClosed());
                assertEquals(1, fixture.server.pipeline().counters().egressHangUps());
            }
            assertEquals("Thank you for calling. Goodbye!", log.assistantMessages().getFirst().text());
            assertEquals(List.of(new Command.HangUp(SID, "end_call")), log.commands(Command.HangUp.class));
            assertTrue(log.commands(Command.ExecuteTool.class).isEmpty(), "end_call is not executed");
            assertTrue(llm.takeRequest().getBody().readUtf8().contains("\"name\":\"end_call\""),
                "the tool is offered to the model");
        }
    }
}
