package io.voxgate.server.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane against a real HTTP server (MockWebServer): fetch and TTL cache on an injected clock, the backend
 * modes, and every kind of outage falling back to the cached configuration, then the local file, then the default
 * assistant, counted.
 */
class AssistantDirectoryTest
{
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final long PATIENCE_SECONDS = 60;

    private final MockWebServer backend = new MockWebServer();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ExecutorService fetches = Executors.newSingleThreadExecutor();
    @TempDir
    Path dir;
    private AssistantCatalog catalog;
    private AssistantDirectory directory;

    static String json(final String id, final String greeting)
    {
        return "{\"id\":\"" + id + "\",\"greeting\":\"" + greeting + "\",\"providers\":{\"llm\":[{\"name\":" +
            "\"scripted\"}],\"tts\":[{\"name\":\"freetts\"}]}}";
    }

    private static MockResponse ok(final String body)
    {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @BeforeEach
    void setUp() throws IOException
    {
        backend.start();
    }

    @AfterEach
    void tearDown() throws IOException
    {
        if (null != directory)
        {
            directory.close();
        }
        if (null != catalog)
        {
            catalog.close();
        }
        fetches.shutdownNow();
        backend.shutdown();
    }

    /** A directory over the backend, with the local files of {@code dir} as its fallback. */
    private AssistantDirectory overBackend(final Duration timeout) throws IOException
    {
        final Path local = Files.createDirectories(dir.resolve("assistants"));
        catalog = AssistantCatalog.load(local, ProviderMetrics.NOOP, true);
        directory = new AssistantDirectory(new HttpAssistantSource(backend.url("/api").toString(), timeout),
            catalog::build, catalog.builtIns(), catalog.localAssistants(), false, "parrot", TTL, nanos::get,
            fetches);
        return directory;
    }

    private String prepare(final String id) throws Exception
    {
        return directory.prepare(id).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    private String greeting(final String id)
    {
        return directory.find(id).settings().greeting();
    }

    private void writeLocal(final String id, final String greeting) throws IOException
    {
        Files.createDirectories(dir.resolve("assistants"));
        Files.writeString(dir.resolve("assistants").resolve(id + ".yaml"), """
            id: %s
            greeting: %s
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            """.formatted(id, greeting), StandardCharsets.UTF_8);
    }

    @Test
    void httpModeFetchesOnceWithinTheTtlAndAgainAfterIt() throws Exception
    {
        overBackend(Duration.ofSeconds(30));
        backend.enqueue(ok(json("hotel", "Hello one.")));
        assertEquals("hotel", prepare("hotel"));
        assertEquals("/api/assistants/hotel", backend.takeRequest().getPath());
        assertEquals("Hello one.", greeting("hotel"));

        nanos.addAndGet(TTL.toNanos() - 1);
        final CompletableFuture<String> cached = directory.prepare("hotel");
        assertTrue(cached.isDone(), "a fresh cache hit completes at once");
        assertEquals("hotel", cached.join());
        assertEquals(1, backend.getRequestCount(), "no request within the TTL");

        nanos.addAndGet(1);
        backend.enqueue(new MockResponse().setHeader("Content-Type", "application/yaml").setBody("""
            id: hotel
            greeting: Hello two.
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            """));
        assertEquals("hotel", prepare("hotel"));
        assertEquals(2, backend.getRequestCount(), "fetched again once the TTL passed");
        assertEquals("Hello two.", greeting("hotel"));
        assertEquals(2, directory.counters().fetches(AssistantFetchOutcome.FETCHED));
    }

    @Test
    void anOutageFallsBackToTheCachedConfigAndRetriesOnlyAfterTheTtl() throws Exception
    {
        overBackend(Duration.ofSeconds(30));
        backend.enqueue(ok(json("hotel", "Hello cached.")));
        assertEquals("hotel", prepare("hotel"));
        nanos.addAndGet(TTL.toNanos());
        backend.enqueue(new MockResponse().setResponseCode(503));
        assertEquals("hotel", prepare("hotel"));
        assertEquals("Hello cached.", greeting("hotel"));
        assertEquals(1, directory.counters().fetches(AssistantFetchOutcome.ERROR_STATUS));
        assertEquals(1, directory.counters().fallbacks(AssistantFallback.CACHED));

        assertTrue(directory.prepare("hotel").isDone(), "the failure is remembered for a TTL, not retried per call");
        assertEquals(2, backend.getRequestCount());
    }

    @Test
    void withoutACachedConfigAnOutageFallsBackToTheLocalFileThenToTheDefault() throws Exception
    {
        writeLocal("hotel", "Hello from disk.");
        overBackend(Duration.ofSeconds(30));
        backend.enqueue(new MockResponse().setResponseCode(500));
        assertEquals("hotel", prepare("hotel"));
        assertEquals("Hello from disk.", greeting("hotel"));
        assertEquals(1, directory.counters().fallbacks(AssistantFallback.LOCAL));

        backend.enqueue(new MockResponse().setResponseCode(502));
        assertEquals("parrot", prepare("ghost"), "neither cached nor local: the default assistant");
        assertEquals(1, directory.counters().fallbacks(AssistantFallback.DEFAULT));
        assertEquals(2, directory.counters().fetches(AssistantFetchOutcome.ERROR_STATUS));
    }

    @Test
    void aRefusedConnectionIsCountedAsUnreachableAndFallsBack() throws Exception
    {
        writeLocal("hotel", "Hello from disk.");
        overBackend(Duration.ofSeconds(30));
        backend.shutdown();
        assertEquals("hotel", prepare("hotel"));
        assertEquals(1, directory.counters().fetches(AssistantFetchOutcome.UNREACHABLE));
        assertEquals(1, directory.counters().fallbacks(AssistantFallback.LOCAL));
    }

    @Test
    void aBackendSlowerThanTheTimeoutIsATimeoutAndFallsBack() throws Exception
    {
        overBackend(Duration.ofMillis(300));
        backend.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertEquals("parrot", prepare("hotel"));
        assertEquals(1, directory.counters().fetches(AssistantFetchOutcome.TIMEOUT));
        assertEquals(1, directory.counters().fallbacks(AssistantFallback.DEFAULT));
    }

    @Test
    void aMalformedConfigFromTheBackendIsNotInstalledAndFallsBack() throws Exception
    {
        writeLocal("hotel", "Hello from disk.");
        overBackend(Duration.ofSeconds(30));
        backend.enqueue(ok(json("hotel", "Hello bad.").replace("\"greeting\"", "\"greting\"")));
        assertEquals("hotel", prepare("hotel"));
        assertEquals("Hello from disk.", greeting("hotel"), "the bad config is not installed");
        nanos.addAndGet(TTL.toNanos());
        backend.enqueue(ok(json("hotel", "Hi").replace("freetts", "festival")));
        assertEquals("hotel", prepare("hotel"));
        assertEquals("Hello from disk.", greeting("hotel"), "a config whose providers cannot be built neither");
        assertEquals(2, directory.counters().fetches(AssistantFetchOutcome.MALFORMED));
        assertEquals(2, directory.counters().fallbacks(AssistantFallback.LOCAL));
    }

    @Test
    void theHttpSourceNamesTheUrlTheFieldAndTheProblemOfAMalformedConfig() throws Exception
    {
        final String url = backend.url("/api/assistants/hotel").toString();
        try (HttpAssistantSource source = new HttpAssistantSource(backend.url("/api").toString(),
            Duration.ofSeconds(30)))
        {
            backend.enqueue(ok(json("hotel", "Hi").replace("\"greeting\"", "\"greting\"")));
            final AssistantFetchException unknownKey = assertThrows(AssistantFetchException.class,
                () -> source.fetch("hotel"));
            assertEquals(AssistantFetchOutcome.MALFORMED, unknownKey.outcome());
            assertEquals(url + ": greting: unknown key; expected one of id, systemPrompt, greeting, providers, " +
                "dynamicVariables, settings, tools, script", unknownKey.getMessage());

            backend.enqueue(ok("{\"id\": \"hotel\", "));
            final AssistantFetchException notJson = assertThrows(AssistantFetchException.class,
                () -> source.fetch("hotel"));
            assertTrue(notJson.getMessage().startsWith(url + ": not valid JSON: "), notJson.getMessage());

            backend.enqueue(ok(json("motel", "Hi")));
            final AssistantFetchException otherId = assertThrows(AssistantFetchException.class,
                () -> source.fetch("hotel"));
            assertEquals(url + ": id: 'motel' is not the assistant asked for ('hotel')", otherId.getMessage());

            backend.enqueue(new MockResponse().setResponseCode(404));
            assertEquals(null, source.fetch("hotel"), "404 means no such assistant");
            assertEquals("application/json, application/yaml;q=0.9", backend.takeRequest().getHeader("Accept"));
        }
    }

    @Test
    void notFoundOnTheBackendServesTheLocalFileWithoutCountingAnOutage() throws Exception
    {
        writeLocal("hotel", "Hello from disk.");
        overBackend(Duration.ofSeconds(30));
        backend.enqueue(new MockResponse().setResponseCode(404));
        assertEquals("hotel", prepare("hotel"));
        assertEquals(1, directory.counters().fetches(AssistantFetchOutcome.NOT_FOUND));
        assertEquals(0, directory.counters().fallbacks(AssistantFallback.LOCAL));
        assertEquals("parrot", directory.prepare("").join(), "no ID: the default, at once");
        assertEquals("tone", directory.prepare("tone").join(), "built-ins are never fetched");
        assertEquals(1, backend.getRequestCount());
    }

    @Test
    void autoModeUsesTheBackendOnlyWhenBackendUrlIsSet() throws Exception
    {
        writeLocal("hotel", "Hello from disk.");
        final Map<ServerSetting, String> local = Map.of(ServerSetting.ASSISTANT, "parrot",
            ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR, dir.resolve("assistants").toString());
        final ServerConfig auto = ServerConfig.of(local);
        assertTrue(auto.assistantBackendUrl().isEmpty());
        assertLocalOnly(auto);

        final ServerConfig autoWithUrl = auto.with(Map.of(ServerSetting.BACKEND_URL, backend.url("/api").toString()));
        assertEquals(backend.url("/api").toString().replaceAll("/$", ""), autoWithUrl.assistantBackendUrl().get());
        catalog = AssistantCatalog.load(autoWithUrl.assistantsDir(), ProviderMetrics.NOOP, true);
        directory = AssistantDirectory.forServer(autoWithUrl, catalog);
        assertInstanceOf(HttpAssistantSource.class, directory.source());
        backend.enqueue(ok(json("hotel", "Hello from the backend.")));
        assertEquals("hotel", directory.prepare("hotel").get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals("Hello from the backend.", greeting("hotel"));
        assertEquals(1, backend.getRequestCount());
    }

    @Test
    void disabledModeNeverAsksTheBackendEvenWithBackendUrlSet() throws Exception
    {
        writeLocal("hotel", "Hello from disk.");
        final ServerConfig disabled = ServerConfig.of(Map.of(ServerSetting.ASSISTANT, "parrot",
            ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR, dir.resolve("assistants").toString(),
            ServerSetting.BACKEND_URL, backend.url("/api").toString(), ServerSetting.BACKEND_MODE, "disabled"));
        assertTrue(disabled.assistantBackendUrl().isEmpty());
        assertLocalOnly(disabled);
        assertEquals(0, backend.getRequestCount());
    }

    /** Local mode: start-up files answer at once, a file added later is read on first use, unknown IDs default. */
    private void assertLocalOnly(final ServerConfig config) throws Exception
    {
        try (AssistantCatalog local = AssistantCatalog.load(config.assistantsDir(), ProviderMetrics.NOOP, false);
            AssistantDirectory only = AssistantDirectory.forServer(config, local))
        {
            assertInstanceOf(LocalAssistantSource.class, only.source());
            final CompletableFuture<String> hotel = only.prepare("hotel");
            assertTrue(hotel.isDone(), "a start-up file is always fresh");
            assertEquals("hotel", hotel.join());
            writeLocal("inn", "Hello from a new file.");
            assertEquals("inn", only.prepare("inn").get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals("Hello from a new file.", only.find("inn").settings().greeting());
            assertEquals("parrot", only.prepare("ghost").get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertFalse(only.names().contains("ghost"));
        }
        Files.delete(dir.resolve("assistants").resolve("inn.yaml"));
    }

    @Test
    void httpModeNeedsBackendUrl()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ServerConfig.of(Map.of(ServerSetting.BACKEND_MODE, "http")));
        assertTrue(error.getMessage().contains("BACKEND_MODE/--backend-mode: http needs BACKEND_URL"),
            error.getMessage());
        final IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
            () -> ServerConfig.of(Map.of(ServerSetting.BACKEND_MODE, "sometimes")));
        assertTrue(mode.getMessage().contains("BACKEND_MODE/--backend-mode: 'sometimes' is not one of auto, http, " +
            "disabled"), mode.getMessage());
    }
}
