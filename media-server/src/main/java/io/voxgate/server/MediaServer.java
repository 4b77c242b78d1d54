package io.voxgate.server;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.voxgate.server.assistant.AssistantCatalog;
import io.voxgate.server.assistant.AssistantDirectory;
import io.voxgate.server.config.BackendMode;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.history.HistoryBridge;
import io.voxgate.server.history.HistorySink;
import io.voxgate.server.history.HttpHistorySink;
import io.voxgate.server.history.JsonLinesHistorySink;
import io.voxgate.server.history.RetryPolicy;
import io.voxgate.server.http.HttpRouter;
import io.voxgate.server.http.PublicUrls;
import io.voxgate.server.http.TwilioUpgrade;
import io.voxgate.server.http.WsUpgrade;
import io.voxgate.server.pipeline.EgressRouter;
import io.voxgate.server.ws.AssistantResolver;
import io.voxgate.server.ws.WsAuth;
import io.voxgate.server.ws.WsCounters;
import io.voxgate.server.ws.WsEndpoint;
import io.voxgate.server.ws.WsMetrics;
import io.voxgate.server.ws.WsSessionTable;
import io.voxgate.server.http.VoiceWebhook;
import io.voxgate.server.metrics.HistoryMetrics;
import io.voxgate.server.metrics.PrometheusText;
import io.voxgate.server.metrics.ProviderPrometheusMetrics;
import io.voxgate.server.pipeline.CallHistory;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineSettings;
import io.voxgate.server.twilio.CallAdmission;
import io.voxgate.server.twilio.StreamToken;
import io.voxgate.server.twilio.TwilioCallTable;
import io.voxgate.server.twilio.TwilioCounters;
import io.voxgate.server.twilio.TwilioEndpoint;
import io.voxgate.server.twilio.TwilioSignature;
import org.slf4j.Logger;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.LoggerFactory;

/**
 * The voxgate media server, assembled and running: a Netty server (epoll on Linux, NIO elsewhere) with
 * {@code /health}, {@code /ready}, {@code /metrics}, the Twilio Voice webhook and the {@code /twilio} Media Streams
 * WebSocket, in front of the {@link MediaPipeline}.
 *
 * <p>Lifecycle: {@link #start(ServerConfig)} binds and starts everything; {@link #drain(Duration)} stops taking
 * calls (readiness 503, upgrades 503), gives active calls up to the timeout to end, then closes the rest with
 * status 1001; {@link #close()} releases the port, the pipeline threads and the event loops. A JVM shutdown hook
 * calling {@code drain} then {@code close} gives SIGTERM its graceful behaviour.
 *
 * <p>Thread-safe: {@code drain} and {@code close} may be called from any thread (e.g. a shutdown hook).
 */
public final class MediaServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MediaServer.class);
    private static final int MAX_HTTP_BODY = 64 * 1024;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ServerConfig config;
    private final AssistantCatalog assistants;
    /** The live assistants calls run and transports prepare (control plane or local directory). */
    private final AssistantDirectory assistantDirectory;
    private final MediaPipeline pipeline;
    /** The history bridge, or {@code null} when {@code HISTORY_ENABLED=false}. */
    private final HistoryBridge history;
    private final CallAdmission admission;
    private final TwilioCounters transportCounters;
    private final WsCounters wsCounters;
    private final PrometheusRegistry registry;
    private final EventLoops loops;
    private final ExecutorService scrapeExecutor;
    private final Channel serverChannel;
    private final PublicUrls publicUrls;
    private boolean closed;

    private MediaServer(final ServerConfig config) throws InterruptedException
    {
        this.config = config;
        transportCounters = new TwilioCounters();
        final TwilioCallTable callTable = new TwilioCallTable(config.maxCalls(), transportCounters);
        // Phone calls are the default route; browser sessions route their own indices to the WS table.
        final EgressRouter egressRouter = new EgressRouter(config.maxCalls(), callTable);
        wsCounters = new WsCounters();
        final WsSessionTable wsTable = new WsSessionTable(config.maxCalls(), wsCounters);
        final PipelineSettings settings = PipelineSettings.defaults()
            .withMaxCalls(config.maxCalls())
            .withIngressRingSize(config.ingressRingSize())
            .withEgressRingSize(config.egressRingSize())
            .withDspThreads(config.dspThreads())
            .withDefaultAssistant(config.assistant())
            .withSessionLogDir(config.sessionLogDir().orElse(null));
        registry = new PrometheusRegistry();
        try
        {
            assistants = AssistantCatalog.load(config.assistantsDir(), new ProviderPrometheusMetrics(registry),
                config.assistantBackendUrl().isPresent());
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("ASSISTANT_LOCAL_CONFIG_DIR/--assistants-dir: " + ex.getMessage(), ex);
        }
        assistantDirectory = AssistantDirectory.forServer(config, assistants);
        try
        {
            history = openHistory(config);
        }
        catch (final RuntimeException ex)
        {
            closeAssistants();
            throw ex;
        }
        try
        {
            pipeline = new MediaPipeline(settings, egressRouter, SystemNanoClock.INSTANCE, assistantDirectory,
                null == history ? CallHistory.NONE : history);
        }
        catch (final IllegalArgumentException ex)
        {
            closeHistory(Duration.ZERO);
            closeAssistants();
            // The pipeline validates the assistant (and sizes) it is given: name the knob to fix.
            throw new IllegalArgumentException("VOXGATE_ASSISTANT/--assistant (or ring/thread settings): " +
                ex.getMessage() + " (YAML assistants come from ASSISTANT_LOCAL_CONFIG_DIR=" +
                config.assistantsDir().toAbsolutePath() +
                (Files.isDirectory(config.assistantsDir()) ? ")" : ", which does not exist)"), ex);
        }
        catch (final UncheckedIOException ex)
        {
            closeHistory(Duration.ZERO);
            closeAssistants();
            throw new IllegalArgumentException("SESSION_LOG_DIR/--session-log: cannot use " +
                config.sessionLogDir().orElse(null) + ": " + ex.getCause(), ex);
        }
        admission = new CallAdmission(config.maxCalls());
        // The stream token (protocols.md §1.2, defence in depth) uses the same secret as the signatures.
        final StreamToken streamTokens = config.twilioAuthToken()
            .map(token -> new StreamToken(token, () -> System.currentTimeMillis() / 1000)).orElse(null);
        final TwilioEndpoint endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), callTable,
            admission, transportCounters, config.maxFrameBytes(), assistantDirectory, streamTokens);
        final TwilioSignature signature = config.twilioAuthToken().map(TwilioSignature::new).orElse(null);
        final WsEndpoint wsEndpoint = new WsEndpoint(pipeline, egressRouter, wsTable, admission, wsCounters,
            new WsAuth(config.wsAuthTokens(), config.wsTokenSecret(), () -> System.currentTimeMillis() / 1000),
            wsAssistants(assistantDirectory), config.maxFrameBytes(), System::currentTimeMillis);
        ServerMetrics.register(registry, transportCounters, admission, pipeline);
        assistantDirectory.counters().register(registry);
        WsMetrics.register(registry, wsCounters);
        if (null != history)
        {
            HistoryMetrics.register(registry, history.counters());
        }
        scrapeExecutor = Executors.newSingleThreadExecutor(new DefaultThreadFactory("voxgate-metrics", true));
        final HttpRouter router = new HttpRouter(config.configuredPublicUrl().orElse(null),
            new VoiceWebhook(config.assistant(), signature, streamTokens),
            new TwilioUpgrade(endpoint, signature), new WsUpgrade(wsEndpoint),
            new PrometheusText(registry, ServerMetrics.jvmRegistry()),
            scrapeExecutor,
            () -> !admission.isDraining());
        final int ioThreads = config.ioThreads() == 0 ? defaultIoThreads(Runtime.getRuntime().availableProcessors()) :
            config.ioThreads();
        loops = EventLoops.create(config.transport(), ioThreads);
        final long idleNanos = config.idleTimeout().toNanos();
        pipeline.start();
        boolean bound = false;
        try
        {
            serverChannel = new ServerBootstrap()
                .group(loops.acceptor(), loops.workers())
                .channel(loops.channel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel channel)
                    {
                        final ChannelPipeline p = channel.pipeline();
                        // The egress thread writes each message with its own flush; consolidating them turns a
                        // burst of reply chunks into one socket write (one system call) per event-loop turn.
                        p.addLast("flush", new FlushConsolidationHandler(
                            FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        p.addLast("idle", new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS));
                        p.addLast("http", new HttpServerCodec());
                        p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_BODY));
                        p.addLast("router", router);
                    }
                })
                .bind(config.bindAddress(), config.port())
                .sync()
                .channel();
            bound = true;
        }
        finally
        {
            if (!bound)
            {
                shutDownThreads();
            }
        }
        publicUrls = new PublicUrls(config.publicUrl(port()));
    }

    /**
     * Builds the pipeline, binds the port and starts serving.
     *
     * @param config the validated configuration.
     * @return the running server.
     * @throws IllegalArgumentException when the configured assistant does not exist.
     * @throws InterruptedException     if interrupted while binding.
     */
    public static MediaServer start(final ServerConfig config) throws InterruptedException
    {
        return new MediaServer(config);
    }

    /**
     * @param processors the processors the JVM may use.
     * @return event loops when {@code VOXGATE_IO_THREADS} is 0: half the processors, at least one, so that the
     *     pipeline's own threads (DSP, orchestrator, egress) are not crowded out by as many event loops as cores.
     */
    static int defaultIoThreads(final int processors)
    {
        return Math.max(1, processors / 2);
    }

    /** @return the port the server listens on (the bound one when configured as 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** @return the URLs Twilio reaches the server at. */
    public PublicUrls publicUrls()
    {
        return publicUrls;
    }

    /** @return the configuration the server runs with. */
    public ServerConfig config()
    {
        return config;
    }

    /**
     * WS v1 resolves through the same directory as phone calls (fetching from the control plane when needed), but
     * a browser naming an assistant that does not exist gets {@code unknown_assistant} instead of the default.
     */
    private static AssistantResolver wsAssistants(final AssistantDirectory directory)
    {
        return requested -> requested.isEmpty() ? CompletableFuture.completedFuture("") :
            directory.prepare(requested).thenApply(id -> requested.equals(id) ? id : null);
    }

    /** @return the assistants calls may select. */
    public AssistantCatalog assistants()
    {
        return assistants;
    }

    /** @return the live assistants by ID, and {@code prepare} for transports (see {@link AssistantDirectory}). */
    public AssistantDirectory assistantDirectory()
    {
        return assistantDirectory;
    }

    /** @return the pipeline behind the transport. */
    public MediaPipeline pipeline()
    {
        return pipeline;
    }

    /** @return the history bridge, empty when {@code HISTORY_ENABLED=false}. */
    public Optional<HistoryBridge> history()
    {
        return Optional.ofNullable(history);
    }

    /** @return the transport's counters. */
    public TwilioCounters transportCounters()
    {
        return transportCounters;
    }

    /** @return the WS v1 transport's counters. */
    public WsCounters wsCounters()
    {
        return wsCounters;
    }

    /** @return calls open and the draining state. */
    public CallAdmission admission()
    {
        return admission;
    }

    /** @return the registry {@code /metrics} renders. */
    public PrometheusRegistry registry()
    {
        return registry;
    }

    /** @return whether Netty uses native epoll. */
    public boolean nativeTransport()
    {
        return loops.nativeEpoll();
    }

    /**
     * What to tell the operator on start: the URLs and the TwiML to paste into Twilio.
     *
     * @return the banner text.
     */
    public String banner()
    {
        final String local = "http://localhost:" + port();
        final List<String> lines = new ArrayList<>();
        lines.add("voxgate media server listening on " + config.bindAddress() + ":" + port() + " (" +
            (loops.nativeEpoll() ? "epoll" : "nio") + ", assistant " + config.assistant() + ")");
        lines.add("  health:   " + local + "/health");
        lines.add("  ready:    " + local + "/ready");
        lines.add("  metrics:  " + local + "/metrics");
        lines.add("  stream:   " + publicUrls.streamUrl());
        lines.add("  webhook:  " + publicUrls.voiceWebhookUrl() + "   (Twilio number > Voice > A call comes in, " +
            "HTTP POST)");
        lines.add("  assistants: " + String.join(", ", assistants.names()) + " (YAML from " +
            assistants.directory().toAbsolutePath() + ")");
        lines.add("  assistant configs: " + assistantDirectory.source().describe() + " (BACKEND_MODE=" +
            config.backendMode().name().toLowerCase(Locale.ROOT) + ")");
        lines.add("  session logs: " + config.sessionLogDir().map(dir -> dir.toAbsolutePath().toString())
            .orElse("off (--session-log DIR)"));
        lines.add("  history: " + (null == history ? "off (HISTORY_ENABLED=false)" : history.sink().describe()));
        lines.add("  signature validation: " + (config.twilioAuthToken().isPresent() ? "on" :
            "OFF (set TWILIO_AUTH_TOKEN)"));
        if (config.configuredPublicUrl().isEmpty())
        {
            lines.add("  note: Twilio connects to wss:// only: expose this port over HTTPS (a tunnel or proxy) and " +
                "set PUBLIC_URL=https://that-host");
        }
        if (config.twilioAuthToken().isPresent() && config.configuredPublicUrl().isEmpty())
        {
            lines.add("  warning: TWILIO_AUTH_TOKEN is set but PUBLIC_URL is not: signatures will not match");
        }
        if (config.twilioAuthToken().isPresent())
        {
            lines.add("  stream tokens: on (each start must carry the token the webhook minted: point the number " +
                "at the webhook; the TwiML below, without a token, is refused with 1008)");
        }
        lines.add("TwiML for a TwiML Bin (or let the webhook answer):");
        lines.add(VoiceWebhook.twiml(publicUrls.streamUrl(), config.assistant(), "{{From}}"));
        return String.join(System.lineSeparator(), lines);
    }

    /**
     * Drains: readiness turns 503 and new calls are refused with 503 at once; active calls may go on until they
     * end or {@code timeout} passes, after which the rest are closed with status 1001 (going away).
     *
     * @param timeout how long active calls may go on.
     * @return true when every call ended within the timeout, false when some were closed.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean drain(final Duration timeout) throws InterruptedException
    {
        admission.startDraining();
        LOG.info("draining: {} active calls, up to {}", admission.activeCalls(), timeout);
        try
        {
            admission.drained().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            LOG.info("drain timeout: closing {} calls with 1001", admission.activeCalls());
            admission.closeAll().await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            return false;
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("drain future failed", ex.getCause());
        }
    }

    /**
     * Stops listening, closes remaining connections, stops the pipeline and the event loops. Call {@link #drain}
     * first for a graceful shutdown. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        serverChannel.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        admission.startDraining();
        admission.closeAll().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        shutDownThreads();
    }

    private void shutDownThreads()
    {
        loops.workers().shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
        loops.acceptor().shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
        pipeline.close();
        // After the pipeline: the orchestrator offers nothing more; what it queued gets a bounded drain.
        closeHistory(config.historyFinalizeDrainTimeout());
        closeAssistants();
        scrapeExecutor.shutdownNow();
    }

    private void closeAssistants()
    {
        assistantDirectory.close();
        assistants.close();
    }

    private void closeHistory(final Duration drainBound)
    {
        if (null != history)
        {
            history.close(drainBound);
        }
    }

    private static HistoryBridge openHistory(final ServerConfig config)
    {
        if (!config.historyEnabled())
        {
            return null;
        }
        final HistorySink sink;
        try
        {
            // The backend's history API unless the engine runs without a backend (BACKEND_MODE=disabled).
            sink = config.backendUrl().filter(url -> config.backendMode() != BackendMode.DISABLED)
                .<HistorySink>map(url -> new HttpHistorySink(url, config.backendTimeout()))
                .orElseGet(() -> new JsonLinesHistorySink(config.historyDir()));
        }
        catch (final UncheckedIOException ex)
        {
            throw new IllegalArgumentException("HISTORY_DIR/--history-dir: cannot use " +
                config.historyDir().toAbsolutePath() + ": " + ex.getCause(), ex);
        }
        return new HistoryBridge(config.maxCalls(), config.historyQueueCapacity(), sink,
            new RetryPolicy(config.historyRetryMaxAttempts(), config.historyRetryBackoff()),
            config.historyFinalizeDrainTimeout());
    }
}
