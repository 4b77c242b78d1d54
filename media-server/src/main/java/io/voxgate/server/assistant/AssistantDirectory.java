package io.voxgate.server.assistant;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.pipeline.AssistantBackend;
import io.voxgate.server.pipeline.AssistantLookup;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The live assistants of a server by ID: what the orchestrator runs when a call starts ({@link AssistantLookup}) and
 * what transports prepare before they start a call ({@link AssistantPreparer}). Assistants come from an
 * {@link AssistantConfigSource} (the control plane, or the local directory) and are cached for a TTL; the built-ins
 * and the files loaded at start-up are always there.
 *
 * <p>When a fetch fails (unreachable, error status, timeout, malformed body), the call gets the configuration
 * fetched earlier (kept past its TTL), else the local file loaded at start-up, else the default assistant; each
 * failure and fallback is counted ({@link AssistantSourceCounters}), and the outage is logged once (then again when
 * it recovers). A failed ID is not fetched again until the TTL passes, so an outage costs one timeout per ID per TTL,
 * not one per call. "Not found" is an answer, not an outage: the local file or the default serves, uncached.
 *
 * <p><b>Threading:</b> {@link #find} (orchestrator thread) is one concurrent-map read; {@link #prepare} (event loops)
 * reads the cache and either completes at once or hands the fetch to the fetch executor, never blocking. A fetched
 * assistant is built on the fetch thread and published with {@code ConcurrentHashMap.put} before the future
 * completes, so a call started after completion sees it (happens-before through the map).
 */
public final class AssistantDirectory implements AssistantLookup, AssistantPreparer, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AssistantDirectory.class);
    /** Failed IDs remembered at most (a flood of unknown IDs must not grow the map without bound). */
    private static final int MAX_REMEMBERED_FAILURES = 10_000;
    /** Fetch threads of a server: fetches of different IDs run side by side, one per ID at a time. */
    private static final int FETCH_THREADS = 4;

    private final ConcurrentHashMap<String, AssistantBackend> live = new ConcurrentHashMap<>();
    private final Map<String, AssistantBackend> local;
    private final Set<String> builtIns;
    /** IDs never fetched again: the start-up files when the source is that same directory. */
    private final Set<String> pinned;
    private final Set<String> fromSource = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> checkedAtNanos = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();
    private final AssistantConfigSource source;
    private final Function<AssistantConfig, AssistantBackend> builder;
    private final String defaultId;
    private final long ttlNanos;
    private final NanoClock clock;
    private final Executor fetches;
    private final AssistantSourceCounters counters = new AssistantSourceCounters();
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * Assembles the directory.
     *
     * @param source      where assistants are fetched from, or {@code null} for a fixed set.
     * @param builder     turns a fetched configuration into a runnable assistant (its providers); may throw
     *                    {@link IllegalArgumentException} for a configuration it cannot run.
     * @param builtIns    assistants that are never fetched ({@code parrot}, {@code tone}).
     * @param local       the assistants loaded from the local directory at start-up.
     * @param localFresh  whether the local ones count as freshly fetched forever (the source is the same
     *                    directory); otherwise the source is asked first and they are the fallback.
     * @param defaultId   the assistant of calls that name none or whose assistant is unavailable.
     * @param ttl         how long a fetched configuration is served before it is fetched again.
     * @param clock       the clock of the TTL.
     * @param fetches     where fetches run (I/O threads).
     */
    public AssistantDirectory(final AssistantConfigSource source,
        final Function<AssistantConfig, AssistantBackend> builder, final Collection<AssistantBackend> builtIns,
        final Collection<AssistantBackend> local, final boolean localFresh, final String defaultId,
        final Duration ttl, final NanoClock clock, final Executor fetches)
    {
        this.source = source;
        this.builder = Objects.requireNonNull(builder, "builder");
        this.defaultId = Objects.requireNonNull(defaultId, "defaultId");
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.fetches = fetches;
        final Map<String, AssistantBackend> loaded = new HashMap<>();
        local.forEach((assistant) -> loaded.put(assistant.name(), assistant));
        this.local = Map.copyOf(loaded);
        this.builtIns = Set.copyOf(builtIns.stream().map(AssistantBackend::name).toList());
        builtIns.forEach((assistant) -> live.put(assistant.name(), assistant));
        live.putAll(this.local);
        this.pinned = localFresh ? this.local.keySet() : Set.of();
    }

    /**
     * The directory of a server, as its configuration says: assistants from the backend ({@code BACKEND_MODE=http},
     * or {@code auto} with {@code BACKEND_URL}) cached for {@code BACKEND_CACHE_TTL_SEC} with the catalog's local
     * files as the fallback, or from the local directory only (the start-up files, plus files added later, read on
     * first use).
     *
     * @param config  the server's configuration.
     * @param catalog the built-in and local assistants, and the provider environment to build fetched ones with.
     * @return the directory; close it at shutdown (stops its fetch threads and HTTP client).
     */
    public static AssistantDirectory forServer(final ServerConfig config, final AssistantCatalog catalog)
    {
        final Optional<String> backend = config.assistantBackendUrl();
        final AssistantConfigSource source = backend.isPresent() ?
            new HttpAssistantSource(backend.get(), config.backendTimeout()) :
            new LocalAssistantSource(config.assistantsDir());
        final ExecutorService fetches = Executors.newFixedThreadPool(FETCH_THREADS,
            new DefaultThreadFactory("voxgate-assistant-fetch", true));
        return new AssistantDirectory(source, catalog::build, catalog.builtIns(), catalog.localAssistants(),
            backend.isEmpty(), config.assistant(), config.backendCacheTtl(), SystemNanoClock.INSTANCE, fetches);
    }

    @Override
    public AssistantBackend find(final String name)
    {
        return live.get(name);
    }

    @Override
    public Set<String> names()
    {
        return Set.copyOf(live.keySet());
    }

    @Override
    public CompletableFuture<String> prepare(final String requestedId)
    {
        if (null == requestedId || requestedId.isEmpty())
        {
            return CompletableFuture.completedFuture(defaultId);
        }
        if (null == source || builtIns.contains(requestedId) || isFresh(requestedId))
        {
            return CompletableFuture.completedFuture(resolve(requestedId));
        }
        final CompletableFuture<String> mine = new CompletableFuture<>();
        final CompletableFuture<String> running = inFlight.putIfAbsent(requestedId, mine);
        if (null != running)
        {
            return running;
        }
        try
        {
            fetches.execute(() ->
            {
                String id = resolve(requestedId);
                try
                {
                    id = fetch(requestedId);
                }
                finally
                {
                    inFlight.remove(requestedId, mine);
                    mine.complete(id);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            // Shutting down: serve what we have.
            inFlight.remove(requestedId, mine);
            mine.complete(resolve(requestedId));
        }
        return mine;
    }

    /**
     * @return the fetch and fallback counters.
     */
    public AssistantSourceCounters counters()
    {
        return counters;
    }

    /**
     * @return the source assistants are fetched from, or {@code null} for a fixed set.
     */
    public AssistantConfigSource source()
    {
        return source;
    }

    /**
     * Stops the fetch threads (fetches under way complete their calls with what is cached) and closes the source.
     */
    @Override
    public void close()
    {
        if (fetches instanceof ExecutorService service)
        {
            service.shutdownNow();
        }
        if (source instanceof AutoCloseable closeable)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ex)
            {
                LOG.debug("closing {}: {}", source.describe(), ex.toString());
            }
        }
    }

    private boolean isFresh(final String id)
    {
        final Long checkedAt = checkedAtNanos.get(id);
        return pinned.contains(id) || null != checkedAt && clock.nanoTime() - checkedAt < ttlNanos;
    }

    private String resolve(final String id)
    {
        return live.containsKey(id) ? id : defaultId;
    }

    /** On a fetch thread: asks the source, installs what it answered, or falls back. */
    private String fetch(final String id)
    {
        final AssistantConfig config;
        final AssistantBackend backend;
        try
        {
            config = source.fetch(id);
            if (null == config)
            {
                return notFound(id);
            }
            backend = builder.apply(config);
        }
        catch (final AssistantFetchException ex)
        {
            return fallBack(id, ex.outcome(), ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            // The configuration is valid YAML but cannot run (e.g. an unknown provider name).
            return fallBack(id, AssistantFetchOutcome.MALFORMED, source.describe() + "/" + id + ": " +
                ex.getMessage());
        }
        live.put(id, backend);
        fromSource.add(id);
        checkedAtNanos.put(id, clock.nanoTime());
        counters.fetched(AssistantFetchOutcome.FETCHED);
        if (failing.compareAndSet(true, false))
        {
            LOG.info("assistant source {} answers again", source.describe());
        }
        return id;
    }

    private String notFound(final String id)
    {
        counters.fetched(AssistantFetchOutcome.NOT_FOUND);
        if (fromSource.remove(id))
        {
            // The source no longer has it: what was fetched earlier goes, the local file (if any) serves again.
            final AssistantBackend file = local.get(id);
            if (null == file)
            {
                live.remove(id);
            }
            else
            {
                live.put(id, file);
            }
        }
        return resolve(id);
    }

    private String fallBack(final String id, final AssistantFetchOutcome outcome, final String message)
    {
        counters.fetched(outcome);
        if (failing.compareAndSet(false, true))
        {
            LOG.warn("assistant source {} failing ({}): {}; calls get the cached, then the local, then the default " +
                "assistant (logged once until it recovers)", source.describe(), outcome.label(), message);
        }
        else
        {
            LOG.debug("assistant {}: {} ({})", id, outcome.label(), message);
        }
        if (checkedAtNanos.size() < MAX_REMEMBERED_FAILURES || checkedAtNanos.containsKey(id))
        {
            checkedAtNanos.put(id, clock.nanoTime());
        }
        if (!live.containsKey(id))
        {
            counters.fellBack(AssistantFallback.DEFAULT);
            return defaultId;
        }
        counters.fellBack(fromSource.contains(id) ? AssistantFallback.CACHED : AssistantFallback.LOCAL);
        return id;
    }
}
