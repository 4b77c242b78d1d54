package io.voxgate.orchestrator.provider.openai;

import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.voxgate.orchestrator.provider.openai.ChatFixture.KEY;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.error;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactionTest
{
    private static final String LOGGER = "io.voxgate.orchestrator.provider";

    private final ChatFixture fixture = new ChatFixture();

    SecretRedactionTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void theKeyIsInNoLogLineReasonOrToString()
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final LoggerContext context = (LoggerContext)LogManager.getContext(false);
        final Configuration config = context.getConfiguration();
        final AbstractAppender appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY)
        {
            @Override
            public void append(final LogEvent event)
            {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        final LoggerConfig capture = new LoggerConfig(LOGGER, Level.ALL, false);
        capture.addAppender(appender, Level.ALL, null);
        config.addLogger(LOGGER, capture);
        context.updateLoggers();
        try
        {
            // Some compatible servers echo the whole key; OpenAI echoes its head and tail.
            fixture.server.enqueue(error(401, "Invalid key " + KEY + " (sk-test-****************CRET)",
                "invalid_request_error", "invalid_api_key"));
            fixture.server.enqueue(error(429, "Slow down, " + KEY, "requests", null));
            fixture.server.enqueue(error(429, "Slow down, " + KEY, "requests", null));
            final RecordingSink sink = new RecordingSink();
            final OpenAiChatLlm llm = fixture.llm(new RetryPolicy(2, 1, 1, 0), new Timeouts(1000, 300, 300));
            try (LlmSession session = llm.open(new CallContext("s", sink, Map.of())))
            {
                session.start(start(1, 0));
                sink.awaitEvent((e) -> e instanceof Event.LlmFailed f && f.runId() == 1);
                session.start(start(2, 0));
                sink.awaitEvent((e) -> e instanceof Event.LlmFailed f && f.runId() == 2);
            }
            final List<String> reasons = sink.events().stream().filter(Event.LlmFailed.class::isInstance)
                .map((e) -> ((Event.LlmFailed)e).reason()).toList();
            assertEquals(2, reasons.size());
            assertTrue(lines.stream().anyMatch((line) -> line.contains("auth: HTTP 401 invalid_api_key")),
                "the capture sees the adapter's log: " + lines);
            assertTrue(lines.stream().anyMatch((line) -> line.contains("rate_limited: HTTP 429")), lines.toString());
            final String everything = String.join("\n", lines) + "\n" + String.join("\n", reasons) + "\n" + llm;
            assertFalse(everything.contains(KEY), everything);
            assertFalse(everything.contains("CRET"), "not even the echoed tail: " + everything);
            assertTrue(everything.contains("[redacted]"), everything);
        }
        finally
        {
            config.removeLogger(LOGGER);
            context.updateLoggers();
            appender.stop();
        }
    }

    @Test
    void keysComeFromTheEnvironmentOrAFileAndPrintMasked() throws IOException
    {
        final ApiKey fromEnv = ApiKey.fromEnvironment(Map.of("VOXGATE_TEST_KEY", " " + KEY + "\n"),
            "VOXGATE_TEST_KEY", true);
        assertEquals(KEY, fromEnv.reveal());
        assertEquals("ApiKey[env VOXGATE_TEST_KEY, [redacted]]", fromEnv.toString());
        final Path file = Files.createTempFile("voxgate-key", ".txt");
        try
        {
            Files.writeString(file, KEY + "\n", StandardCharsets.UTF_8);
            final ApiKey fromFile = ApiKey.fromFile(file);
            assertEquals(KEY, fromFile.reveal());
            assertFalse(fromFile.toString().contains(KEY));
        }
        finally
        {
            Files.delete(file);
        }
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> ApiKey.fromEnvironment(Map.of(), "OPENAI_API_KEY", true));
        assertEquals("API key missing: set the environment variable OPENAI_API_KEY", missing.getMessage());
        assertFalse(ApiKey.fromEnvironment(Map.of(), "OPENAI_API_KEY", false).isPresent());
    }
}
