package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.voxgate.server.assistant.AssistantFetchOutcome;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.pipeline.CallAudio;
import io.voxgate.server.twilio.ProtocolError;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server in {@code BACKEND_MODE=http}: a Twilio call whose {@code customParameters.assistant_id} names an
 * assistant only the control plane has gets that assistant, fetched while the call's first frames keep arriving;
 * none of them is lost.
 */
class BackendAssistantOverTwilioTest
{
    private static final String SID = "MZremote";
    private static final int FRAMES = 25;

    private static String start(final String parameters)
    {
        return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + SID + "\"," +
            "\"start\":{\"streamSid\":\"" + SID + "\",\"accountSid\":\"AC1\",\"callSid\":\"CA1\"," +
            "\"tracks\":[\"inbound\"],\"customParameters\":{" + parameters + "}," +
            "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
    }

    @Test
    void assistantIdSelectsABackendOnlyAssistantAndFramesSentDuringTheFetchAreKept(@TempDir final Path dir)
        throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        try (MockWebServer backend = new MockWebServer())
        {
            backend.setDispatcher(new Dispatcher()
            {
                @Override
                public MockResponse dispatch(final RecordedRequest request) throws InterruptedException
                {
                    // Held until the test has sent the call's first frames: they arrive during the fetch.
                    release.await(TwilioTestClient.PATIENCE_SECONDS, TimeUnit.SECONDS);
                    if (!"/control/assistants/remote".equals(request.getPath()))
                    {
                        return new MockResponse().setResponseCode(404);
                    }
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(
                        "{\"id\":\"remote\",\"greeting\":\"Hello from the control plane, {{caller}}.\"," +
                        "\"providers\":{\"llm\":[{\"name\":\"scripted\"}],\"tts\":[{\"name\":\"freetts\"}]}}");
                }
            });
            backend.start();
            final Path logs = dir.resolve("logs");
            final CallLog log = new CallLog(logs, SID);
            try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.BACKEND_MODE, "http",
                ServerSetting.BACKEND_URL, backend.url("/control").toString(),
                ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR, dir.resolve("no-assistants").toString(),
                ServerSetting.SESSION_LOG_DIR, logs.toString()));
                TwilioTestClient call = fixture.call())
            {
                assertTrue(fixture.server.banner().contains("assistant configs: " + backend.url("/control") +
                    "/assistants (BACKEND_MODE=http)"), fixture.server.banner());
                call.send(TwilioMessages.connected())
                    .send(start("\"assistant_id\":\"remote\",\"caller\":\"Ada\""))
                    .media(SID, CallAudio.silence(FRAMES));
                Await.until("the backend asked", () -> backend.getRequestCount() == 1);
                assertEquals(0, fixture.server.pipeline().counters().ingressControlSlots(),
                    "the call starts only once its assistant is known");
                release.countDown();

                // The default parrot never speaks first: greeting audio means the backend's assistant answered.
                call.await("greeting audio", m -> "media".equals(event(m)));
                Await.until("every frame sent during the fetch published",
                    () -> fixture.server.pipeline().counters().ingressMediaFrames() == FRAMES);
                ConciergeOverTwilioTest.hearReply(call, SID, log, 0);
                call.stop(SID);
                assertEquals(1000, call.awaitClose());
                assertEquals(1, fixture.server.assistantDirectory().counters()
                    .fetches(AssistantFetchOutcome.FETCHED));
                assertEquals(0, fixture.server.transportCounters().protocolErrors().get(
                    ProtocolError.MEDIA_BEFORE_START));
            }
            assertEquals("Hello from the control plane, Ada.", log.assistantMessages().getFirst().text());
            assertEquals("remote", log.lines().getFirst().path("settings").path("name").asText());
        }
    }
}
