package io.voxgate.orchestrator.provider.openai.realtime;

import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.SpeechToSpeechProvider;
import io.voxgate.orchestrator.provider.SpeechToSpeechSession;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.registry.ProviderEnvironment;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.websocket.QueuedWebSocket;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.util.concurrent.ExecutorService;

/**
 * Speech-to-speech {@code openai-realtime}: the OpenAI Realtime API over WebSocket, GA shape (protocols.md section 5).
 *
 * <p>Each call opens one socket at once ({@code ?model=…}, {@code Authorization: Bearer}), retried with backoff
 * before it opens, and configures it with {@code session.update}: {@code audio/pcmu} in and out (Twilio audio passes
 * unchanged), caller transcription, and either manual commits ({@code turn_detection: null}, the default: the
 * pipeline's VAD and the reducer take turns, and each reply commits the audio heard since the last one) or
 * {@code server_vad} (turn edges and transcripts from the server, but {@code create_response} and
 * {@code interrupt_response} off, because the reducer decides). Under the orchestrator the server's speech edges
 * duplicate the pipeline's: the reducer acts on whichever edge comes first, so a turn may end on the server's
 * {@code speech_stopped} while the pipeline still hears speech, and the server commits the audio on its own schedule,
 * not at the reducer's {@code StartLlm}.
 *
 * <table>
 *   <caption>Commands and events</caption>
 *   <tr><th>session call / server event</th><th>sent / published</th></tr>
 *   <tr><td>{@code audio}</td><td>{@code input_audio_buffer.append} (base64 μ-law); audio that arrives while the
 *   socket opens is held (up to 10 s) and appended right after {@code session.update}</td></tr>
 *   <tr><td>{@code respond(StartLlm)}</td><td>{@code session.update} with a changed system prompt, one
 *   {@code conversation.item.create} per new tool result, {@code input_audio_buffer.commit} (VAD off, audio
 *   appended), {@code response.create}</td></tr>
 *   <tr><td>{@code response.output_audio.delta}</td><td>{@code TtsAudio} (segment 0, PCM16 8 kHz)</td></tr>
 *   <tr><td>{@code response.output_audio_transcript.delta}</td><td>{@code LlmDelta}</td></tr>
 *   <tr><td>{@code response.function_call_arguments.done}</td><td>{@code LlmToolCall}</td></tr>
 *   <tr><td>{@code response.done} completed / incomplete</td><td>{@code TtsDone} (if audio), {@code LlmDone}</td></tr>
 *   <tr><td>{@code response.done} failed, {@code error}, timeouts, broken socket</td><td>{@code LlmFailed}</td></tr>
 *   <tr><td>{@code input_audio_buffer.speech_started} / {@code _stopped}</td><td>{@code SpeechStarted} /
 *   {@code SpeechStopped}</td></tr>
 *   <tr><td>{@code …input_audio_transcription.delta} / {@code .completed}</td><td>{@code TranscriptPartial} /
 *   {@code TranscriptFinal}</td></tr>
 *   <tr><td>{@code interrupt(run, playedMs)}</td><td>{@code response.cancel} (reply still running),
 *   {@code conversation.item.truncate} at {@code playedMs} (if less than the item's audio)</td></tr>
 * </table>
 *
 * <p>Beta event names ({@code response.audio.delta}, {@code response.audio_transcript.delta},
 * {@code response.text.delta}) are accepted when parsing. A lost connection fails the reply in flight and every
 * later one ({@code LlmFailed}): the model's conversation lived on that socket, so the call falls back to the
 * reducer's failure handling rather than to a model that forgot the call.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenAiRealtime implements SpeechToSpeechProvider
{
    /** The registry name. */
    public static final String NAME = "openai-realtime";

    private final RealtimeSettings settings;
    private final ApiKey key;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final Resilience resilience;
    private final HttpUrl url;

    /**
     * An adapter.
     *
     * @param settings   the session configuration.
     * @param key        the API key.
     * @param http       the shared client; this adapter derives one with its connect timeout.
     * @param executor   where each call's reader runs.
     * @param resilience timeouts (connect; first byte and idle per reply), connect retries, circuit breaker, metrics.
     */
    public OpenAiRealtime(final RealtimeSettings settings, final ApiKey key, final OkHttpClient http,
        final ExecutorService executor, final Resilience resilience)
    {
        this.settings = settings;
        this.key = key;
        this.executor = executor;
        this.resilience = resilience;
        this.client = QueuedWebSocket.client(http, resilience.timeouts());
        // OkHttp parses only http(s) URLs; it maps ws(s) itself when the socket is made.
        this.url = HttpUrl.get(settings.url().replaceFirst("^ws", "http")).newBuilder()
            .addQueryParameter("model", settings.model()).build();
    }

    /**
     * The registry factory: options {@code model} ({@code gpt-realtime}), {@code voice} ({@code marin}),
     * {@code instructions}, {@code transcriptionModel} ({@code gpt-4o-mini-transcribe}; {@code none} for no caller
     * transcripts), {@code serverVad} ({@code false}: the reducer takes turns), {@code vadThreshold} (0.5),
     * {@code prefixPaddingMs} (300), {@code silenceDurationMs} (500), {@code url}, the key options
     * ({@code apiKeyEnv}, default {@code OPENAI_API_KEY}; {@code apiKeyFile}) and the resilience options. The
     * assistant's tools are offered.
     *
     * @param spec        the provider's spec.
     * @param assistant   the assistant.
     * @param environment what providers share.
     * @return the adapter.
     */
    public static OpenAiRealtime create(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment environment)
    {
        final String url = spec.text("url", RealtimeSettings.DEFAULT_URL);
        final String transcription = spec.text("transcriptionModel", "gpt-4o-mini-transcribe");
        final RealtimeSettings settings = new RealtimeSettings(url, spec.text("model", "gpt-realtime"),
            spec.text("voice", "marin"), spec.text("instructions", null),
            "none".equals(transcription) ? null : transcription,
            Boolean.parseBoolean(spec.text("serverVad", "false")),
            Double.parseDouble(spec.text("vadThreshold", "0.5")),
            (int)spec.number("prefixPaddingMs", 300), (int)spec.number("silenceDurationMs", 500), assistant.tools());
        return new OpenAiRealtime(settings, environment.apiKey(spec, "OPENAI_API_KEY", true), environment.http(),
            environment.executor(), environment.resilience(spec, "openai-realtime " + url));
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public AudioFormat inputFormat()
    {
        return AudioFormat.MULAW_8K;
    }

    @Override
    public String toString()
    {
        return "OpenAiRealtime[" + settings.url() + ", " + settings.model() + ", " + key + "]";
    }

    @Override
    public SpeechToSpeechSession open(final CallContext call)
    {
        final Request upgrade = new Request.Builder().url(url).header("Authorization", "Bearer " + key.reveal())
            .build();
        final RealtimeSession session = new RealtimeSession(this, call.sessionId(), new RunPublisher(call.events()),
            upgrade, client);
        executor.execute(session::run);
        return session;
    }

    RealtimeSettings settings()
    {
        return settings;
    }

    ApiKey key()
    {
        return key;
    }

    Resilience resilience()
    {
        return resilience;
    }
}
