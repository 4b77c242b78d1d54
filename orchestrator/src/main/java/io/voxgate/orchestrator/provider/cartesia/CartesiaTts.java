package io.voxgate.orchestrator.provider.cartesia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.registry.ProviderEnvironment;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.QueuedWebSocket;
import io.voxgate.orchestrator.provider.websocket.SegmentRunner;
import io.voxgate.orchestrator.provider.websocket.StreamDeadline;
import io.voxgate.orchestrator.provider.websocket.VendorAudio;
import io.voxgate.orchestrator.provider.websocket.WebSocketFrame;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TTS {@code cartesia}: Cartesia's TTS WebSocket (protocols.md section 7.1).
 *
 * <p>One connection per call, opened by the first segment and reused by the next ones (re-opened after a failure).
 * Each segment is one context ({@code vg-<run>-<segment>}) sent whole with {@code continue: false}; its
 * {@code chunk} messages become {@code TtsAudio} (μ-law expanded to PCM16, or PCM16 passed through) and its
 * {@code done} message {@code TtsDone}. A {@code type: error} message, a close, a broken socket, a malformed
 * message or an expired first-byte/idle deadline become {@code TtsFailed} (after retries, only before the first
 * audio). {@code cancel(runId)} sends {@code {"context_id":…,"cancel":true}} for the running context at once and
 * publishes nothing more of the run; late chunks of a cancelled context are skipped by their context ID.
 *
 * <p>Immutable and thread-safe.
 */
public final class CartesiaTts implements TtsProvider
{
    /** The registry name. */
    public static final String NAME = "cartesia";
    /** The default environment variable of the key. */
    public static final String KEY_ENV = "CARTESIA_API_KEY";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CartesiaSettings settings;
    private final ApiKey key;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final Resilience resilience;

    /**
     * An adapter.
     *
     * @param settings   what to ask for.
     * @param key        the API key.
     * @param http       the shared client; this adapter derives one with its connect timeout.
     * @param executor   where synthesis runs.
     * @param resilience timeouts, retries, circuit breaker, metrics.
     */
    public CartesiaTts(final CartesiaSettings settings, final ApiKey key, final OkHttpClient http,
        final ExecutorService executor, final Resilience resilience)
    {
        this.settings = settings;
        this.key = key;
        this.executor = executor;
        this.resilience = resilience;
        this.client = QueuedWebSocket.client(http, resilience.timeouts());
    }

    /**
     * The registry factory: options {@code voice} (required), {@code model} ({@code sonic-3}), {@code language}
     * ({@code en}), {@code encoding} ({@code pcm_mulaw}), {@code sampleRate} (8000), {@code maxBufferDelayMs},
     * {@code url}, {@code version}, the key options ({@code apiKeyEnv}, default {@code CARTESIA_API_KEY};
     * {@code apiKeyFile}) and the resilience options.
     *
     * @param spec        the provider's spec.
     * @param assistant   the assistant.
     * @param environment what providers share.
     * @return the adapter.
     */
    public static CartesiaTts create(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment environment)
    {
        final String url = spec.text("url", CartesiaSettings.DEFAULT_URL);
        final CartesiaSettings settings = new CartesiaSettings(url,
            spec.text("version", CartesiaSettings.DEFAULT_VERSION), spec.text("model", "sonic-3"),
            spec.text("voice", null), spec.text("language", "en"),
            spec.text("encoding", CartesiaSettings.MULAW), (int)spec.number("sampleRate", 8000),
            (int)spec.number("maxBufferDelayMs", -1));
        return new CartesiaTts(settings, environment.apiKey(spec, KEY_ENV, true), environment.http(),
            environment.executor(), environment.resilience(spec, "cartesia-tts " + url));
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public String toString()
    {
        return "CartesiaTts[" + settings.url() + ", " + settings.modelId() + ", " + key + "]";
    }

    @Override
    public TtsSession open(final CallContext call)
    {
        return new Session(call);
    }

    private final class Session implements TtsSession
    {
        private final String sessionId;
        private final SegmentRunner runner;
        private volatile QueuedWebSocket socket;
        private volatile boolean closed;

        Session(final CallContext call)
        {
            this.sessionId = call.sessionId();
            this.runner = new SegmentRunner(call.sessionId(), new RunPublisher(call.events()), executor, resilience,
                this::attempt);
        }

        @Override
        public void synthesize(final Command.SynthesizeSegment command)
        {
            runner.submit(command);
        }

        @Override
        public void cancel(final long runId)
        {
            runner.cancel(runId);
        }

        @Override
        public void close()
        {
            closed = true;
            runner.close();
            final QueuedWebSocket open = socket;
            if (null != open)
            {
                open.close(1000, "call ended");
            }
        }

        private QueuedWebSocket connection(final CancelSignal cancel) throws ProviderException
        {
            final QueuedWebSocket current = socket;
            if (null != current && current.isUsable())
            {
                return current;
            }
            final Request request = new Request.Builder()
                .url(settings.url())
                .header("Authorization", "Bearer " + key.reveal())
                .header("Cartesia-Version", settings.version())
                .build();
            final QueuedWebSocket fresh = QueuedWebSocket.connect(client, request, key);
            socket = fresh;
            if (closed)
            {
                fresh.cancel();
            }
            fresh.awaitOpen(resilience.timeouts().connectMs() + resilience.timeouts().firstByteMs(), cancel);
            return fresh;
        }

        private void attempt(final Command.SynthesizeSegment segment, final CancelSignal cancel,
            final Resilience.Output output) throws ProviderException
        {
            final QueuedWebSocket ws = connection(cancel);
            final String contextId = "vg-" + segment.runId() + "-" + segment.segment();
            // Set once the context ended on Cartesia's side (done or error): nothing left to cancel there.
            final AtomicBoolean ended = new AtomicBoolean();
            cancel.onCancel(() ->
            {
                if (!ended.get())
                {
                    ws.send(cancelMessage(contextId));
                }
                ws.wakeUp();
            });
            ws.send(request(segment.text(), contextId));
            final StreamDeadline deadline = new StreamDeadline(resilience.timeouts());
            final VendorAudio audio = new VendorAudio(CartesiaSettings.MULAW.equals(settings.encoding()));
            final RunPublisher publisher = runner.publisher();
            while (true)
            {
                if (cancel.isCancelled())
                {
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
                if (deadline.expired())
                {
                    // Stop the generation, then leave the stalled connection (queued frames go out first).
                    ws.send(cancelMessage(contextId));
                    abandon(ws, 1001, "stalled");
                    throw deadline.failure();
                }
                final WebSocketFrame frame = ws.next(deadline.remainingMs());
                if (!(frame instanceof WebSocketFrame.Text text))
                {
                    onOtherFrame(ws, frame, cancel);
                    continue;
                }
                final JsonNode message = parse(ws, text.text());
                final String context = message.path("context_id").asText("");
                final String type = message.path("type").asText("");
                if ("error".equals(type) && (context.isEmpty() || context.equals(contextId)))
                {
                    ended.set(true);
                    throw vendorError(message);
                }
                if (!context.equals(contextId))
                {
                    continue;
                }
                switch (type)
                {
                    case "chunk" ->
                    {
                        final byte[] pcm = audio.toPcm(base64(ws, message.path("data").asText("")));
                        if (deadline.progress())
                        {
                            resilience.metrics().latency(name(), ProviderMetrics.Latency.TTS_TTFB,
                                deadline.elapsedNanos());
                        }
                        if (pcm.length > 0)
                        {
                            output.produced();
                            publisher.publish(segment.runId(), new Event.TtsAudio(sessionId, publisher.nowMs(),
                                segment.runId(), segment.turn(), segment.segment(), settings.sampleRate(), pcm));
                        }
                    }
                    case "done" ->
                    {
                        ended.set(true);
                        publisher.publish(segment.runId(), new Event.TtsDone(sessionId, publisher.nowMs(),
                            segment.runId(), segment.turn(), segment.segment()));
                        return;
                    }
                    default ->
                    {
                        // flush_done, timestamps, phoneme_timestamps: nothing for the orchestrator.
                    }
                }
            }
        }

        private void onOtherFrame(final QueuedWebSocket ws, final WebSocketFrame frame, final CancelSignal cancel)
            throws ProviderException
        {
            switch (frame)
            {
                case null ->
                {
                    // The deadline passed: the loop reports it.
                }
                case WebSocketFrame.Failed failed ->
                {
                    drop(ws);
                    throw cancel.isCancelled() ? new ProviderException(ErrorKind.CANCELLED, "cancelled") :
                        failed.failure();
                }
                case WebSocketFrame.Closed closed ->
                {
                    drop(ws);
                    throw closed.failure();
                }
                default ->
                {
                    // Wake-ups and binary frames: the loop re-checks the cancellation.
                }
            }
        }

        private void drop(final QueuedWebSocket ws)
        {
            ws.cancel();
            if (socket == ws)
            {
                socket = null;
            }
        }

        private void abandon(final QueuedWebSocket ws, final int code, final String reason)
        {
            ws.close(code, reason);
            if (socket == ws)
            {
                socket = null;
            }
        }

        private JsonNode parse(final QueuedWebSocket ws, final String text) throws ProviderException
        {
            try
            {
                final JsonNode node = JSON.readTree(text);
                if (node.isObject())
                {
                    return node;
                }
            }
            catch (final IOException ex)
            {
                // Reported below.
            }
            abandon(ws, 1002, "malformed message");
            throw new ProviderException(ErrorKind.MALFORMED, "bad message: " + key.redact(abbreviate(text)));
        }

        private byte[] base64(final QueuedWebSocket ws, final String data) throws ProviderException
        {
            try
            {
                return Base64.getDecoder().decode(data);
            }
            catch (final IllegalArgumentException ex)
            {
                abandon(ws, 1002, "malformed message");
                throw new ProviderException(ErrorKind.MALFORMED, "bad base64 audio in chunk");
            }
        }

        private ProviderException vendorError(final JsonNode message)
        {
            final int status = message.path("status_code").asInt(0);
            final ErrorKind kind = status == 401 || status == 403 ? ErrorKind.AUTH :
                status == 429 ? ErrorKind.RATE_LIMITED :
                status >= 400 && status < 500 ? ErrorKind.CLIENT : ErrorKind.SERVER;
            final String code = message.path("error_code").asText("");
            return new ProviderException(kind, key.redact("error " + (code.isEmpty() ? "" : code + " ") +
                message.path("title").asText("") + ": " + message.path("message").asText("")));
        }
    }

    private String request(final String transcript, final String contextId)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("model_id", settings.modelId());
        root.put("transcript", transcript);
        root.putObject("voice").put("mode", "id").put("id", settings.voiceId());
        root.put("language", settings.language());
        root.put("context_id", contextId);
        root.put("continue", false);
        root.putObject("output_format").put("container", "raw").put("encoding", settings.encoding())
            .put("sample_rate", settings.sampleRate());
        root.put("add_timestamps", false);
        if (settings.maxBufferDelayMs() >= 0)
        {
            root.put("max_buffer_delay_ms", settings.maxBufferDelayMs());
        }
        return root.toString();
    }

    private static String cancelMessage(final String contextId)
    {
        return JSON.createObjectNode().put("context_id", contextId).put("cancel", true).toString();
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
