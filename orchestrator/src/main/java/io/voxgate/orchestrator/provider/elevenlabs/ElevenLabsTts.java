package io.voxgate.orchestrator.provider.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * TTS {@code elevenlabs}: ElevenLabs' single-context input-streaming WebSocket (protocols.md section 7.2).
 *
 * <p>Each segment is one socket, because the end-of-sequence message ({@code {"text":""}}) that makes ElevenLabs
 * finish a segment also closes the socket: connect to
 * {@code {base}/v1/text-to-speech/{voice}/stream-input?model_id=…&output_format=…} with {@code xi-api-key}, send the
 * init message (one space, voice settings, chunk schedule), the segment's text ending with a space and
 * {@code "flush": true}, then {@code {"text":""}}. {@code audio} messages become {@code TtsAudio} (μ-law expanded to
 * PCM16, PCM passed through), {@code isFinal: true} becomes {@code TtsDone}. An error message, a close before
 * {@code isFinal}, a broken socket, a malformed message or an expired first-byte/idle deadline become
 * {@code TtsFailed} (after retries, only before the first audio). {@code cancel(runId)} closes the running
 * segment's socket at once (ElevenLabs stops generating when its socket goes) and publishes nothing more of the run.
 *
 * <p>Immutable and thread-safe.
 */
public final class ElevenLabsTts implements TtsProvider
{
    /** The registry name. */
    public static final String NAME = "elevenlabs";
    /** The default environment variable of the key. */
    public static final String KEY_ENV = "ELEVENLABS_API_KEY";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElevenLabsSettings settings;
    private final ApiKey key;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final Resilience resilience;
    private final HttpUrl url;

    /**
     * An adapter.
     *
     * @param settings   what to ask for.
     * @param key        the API key.
     * @param http       the shared client; this adapter derives one with its connect timeout.
     * @param executor   where synthesis runs.
     * @param resilience timeouts, retries, circuit breaker, metrics.
     */
    public ElevenLabsTts(final ElevenLabsSettings settings, final ApiKey key, final OkHttpClient http,
        final ExecutorService executor, final Resilience resilience)
    {
        this.settings = settings;
        this.key = key;
        this.executor = executor;
        this.resilience = resilience;
        this.client = QueuedWebSocket.client(http, resilience.timeouts());
        // OkHttp parses only http(s) URLs; it maps ws(s) itself when the socket is made.
        final String base = settings.baseUrl().replaceFirst("^ws", "http");
        this.url = HttpUrl.get(base).newBuilder()
            .addPathSegments("v1/text-to-speech")
            .addPathSegment(settings.voiceId())
            .addPathSegment("stream-input")
            .addQueryParameter("model_id", settings.modelId())
            .addQueryParameter("output_format", settings.outputFormat())
            .build();
    }

    /**
     * The registry factory: options {@code voice} (required), {@code model} ({@code eleven_flash_v2_5}),
     * {@code outputFormat} ({@code ulaw_8000}), {@code stability} (0.5), {@code similarityBoost} (0.8),
     * {@code url} ({@code wss://api.elevenlabs.io}), the key options ({@code apiKeyEnv}, default
     * {@code ELEVENLABS_API_KEY}; {@code apiKeyFile}) and the resilience options.
     *
     * @param spec        the provider's spec.
     * @param assistant   the assistant.
     * @param environment what providers share.
     * @return the adapter.
     */
    public static ElevenLabsTts create(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment environment)
    {
        final String base = spec.text("url", ElevenLabsSettings.DEFAULT_BASE_URL);
        final ElevenLabsSettings settings = new ElevenLabsSettings(base, spec.text("voice", null),
            spec.text("model", "eleven_flash_v2_5"), spec.text("outputFormat", ElevenLabsSettings.ULAW_8000),
            Double.parseDouble(spec.text("stability", "0.5")), Double.parseDouble(spec.text("similarityBoost", "0.8")),
            ElevenLabsSettings.DEFAULT_SCHEDULE);
        return new ElevenLabsTts(settings, environment.apiKey(spec, KEY_ENV, true), environment.http(),
            environment.executor(), environment.resilience(spec, "elevenlabs-tts " + base));
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public String toString()
    {
        return "ElevenLabsTts[" + settings.baseUrl() + ", " + settings.modelId() + ", " + key + "]";
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
            runner.close();
        }

        private void attempt(final Command.SynthesizeSegment segment, final CancelSignal cancel,
            final Resilience.Output output) throws ProviderException
        {
            final Request request = new Request.Builder().url(url).header("xi-api-key", key.reveal()).build();
            final QueuedWebSocket ws = QueuedWebSocket.connect(client, request, key);
            cancel.onCancel(() ->
            {
                ws.close(1000, "cancelled");
                ws.wakeUp();
            });
            boolean finished = false;
            try
            {
                ws.awaitOpen(resilience.timeouts().connectMs() + resilience.timeouts().firstByteMs(), cancel);
                ws.send(initMessage());
                ws.send(textMessage(segment.text()));
                ws.send("{\"text\":\"\"}");
                finished = stream(segment, ws, cancel, output);
            }
            finally
            {
                if (!finished && !cancel.isCancelled())
                {
                    // A failed segment's socket is dropped; a cancelled one was closed by the cancel hook.
                    ws.cancel();
                }
            }
        }

        private boolean stream(final Command.SynthesizeSegment segment, final QueuedWebSocket ws,
            final CancelSignal cancel, final Resilience.Output output) throws ProviderException
        {
            final StreamDeadline deadline = new StreamDeadline(resilience.timeouts());
            final VendorAudio audio = new VendorAudio(settings.muLaw());
            final RunPublisher publisher = runner.publisher();
            while (true)
            {
                if (cancel.isCancelled())
                {
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
                if (deadline.expired())
                {
                    throw deadline.failure();
                }
                switch (ws.next(deadline.remainingMs()))
                {
                    case WebSocketFrame.Text text ->
                    {
                        final JsonNode message = parse(text.text());
                        final JsonNode data = message.path("audio");
                        if (data.isTextual() && !data.asText().isEmpty())
                        {
                            final byte[] pcm = audio.toPcm(base64(data.asText()));
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
                        if (message.path("isFinal").asBoolean(false))
                        {
                            publisher.publish(segment.runId(), new Event.TtsDone(sessionId, publisher.nowMs(),
                                segment.runId(), segment.turn(), segment.segment()));
                            return true;
                        }
                        if (!message.has("audio") && (message.has("error") || message.has("message")))
                        {
                            throw vendorError(message);
                        }
                    }
                    case WebSocketFrame.Failed failed -> throw cancel.isCancelled() ?
                        new ProviderException(ErrorKind.CANCELLED, "cancelled") : failed.failure();
                    case WebSocketFrame.Closed closed -> throw closed.failure();
                    case null, default ->
                    {
                        // Timeouts and wake-ups: the loop re-checks the deadline and the cancellation.
                    }
                }
            }
        }

        private JsonNode parse(final String text) throws ProviderException
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
            throw new ProviderException(ErrorKind.MALFORMED, "bad message: " + key.redact(abbreviate(text)));
        }

        private static byte[] base64(final String data) throws ProviderException
        {
            try
            {
                return Base64.getDecoder().decode(data);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ProviderException(ErrorKind.MALFORMED, "bad base64 audio");
            }
        }

        private ProviderException vendorError(final JsonNode message)
        {
            final String error = message.path("error").asText("");
            final String lower = (error + " " + message.path("message").asText("")).toLowerCase(Locale.ROOT);
            final ErrorKind kind = lower.contains("api_key") || lower.contains("api key") ||
                lower.contains("unauthorized") ? ErrorKind.AUTH :
                lower.contains("quota") || lower.contains("rate") || lower.contains("too_many") ||
                lower.contains("concurrent") ? ErrorKind.RATE_LIMITED : ErrorKind.SERVER;
            return new ProviderException(kind, key.redact("error " + (error.isEmpty() ? "" : error + ": ") +
                message.path("message").asText("")));
        }
    }

    private String initMessage()
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("text", " ");
        root.putObject("voice_settings").put("stability", settings.stability())
            .put("similarity_boost", settings.similarityBoost());
        final ArrayNode schedule = root.putObject("generation_config").putArray("chunk_length_schedule");
        settings.chunkLengthSchedule().forEach(schedule::add);
        return root.toString();
    }

    private static String textMessage(final String text)
    {
        // ElevenLabs asks for chunks that end with a space.
        return JSON.createObjectNode().put("text", text.endsWith(" ") ? text : text + " ").put("flush", true)
            .toString();
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
