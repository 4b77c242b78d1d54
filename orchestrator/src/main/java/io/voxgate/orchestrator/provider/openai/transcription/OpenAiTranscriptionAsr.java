package io.voxgate.orchestrator.provider.openai.transcription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.codec.wav.WavFormat;
import io.voxgate.codec.wav.WavWriter;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.AsrProvider;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;
import io.voxgate.orchestrator.provider.http.HttpFailures;
import io.voxgate.orchestrator.provider.http.StreamWatchdog;
import io.voxgate.orchestrator.provider.registry.ProviderEnvironment;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ASR {@code openai-transcription}: a non-streaming recogniser for OpenAI's {@code POST /audio/transcriptions} and
 * the OpenAI-compatible local servers (whisper.cpp server, faster-whisper servers), protocols.md section 4.2.
 *
 * <p>Caller audio (PCM16 16 kHz) is cut into utterances by an {@link UtteranceEndpointer}; each utterance is
 * uploaded as a WAV file ({@code multipart/form-data}: {@code file}, {@code model}, {@code response_format=json},
 * optional {@code language} and {@code prompt}) and its {@code text} published as one {@code TranscriptFinal}
 * (empty texts are not published). Uploads of a call run one at a time, so finals arrive in speech order.
 * {@code stop()} uploads the utterance in progress; {@code close()} cancels the upload in flight and publishes
 * nothing more.
 *
 * <p>A failed upload (HTTP error, timeout, refused connection or malformed answer, after the retries that are safe
 * before any answer) publishes one {@code AsrFailed} with the redacted reason and no transcript: the reducer counts
 * it and ends the turn without a final after its endpointing delay; the next utterance is uploaded as usual.
 * Failures are counted and logged (redacted). A cancelled upload (close) publishes nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenAiTranscriptionAsr implements AsrProvider
{
    /** The registry name. */
    public static final String NAME = "openai-transcription";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTranscriptionAsr.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType WAV = MediaType.get("audio/wav");
    private static final WavFormat PCM16_16K = new WavFormat(WavEncoding.PCM_16, 16000);

    private final TranscriptionSettings settings;
    private final ApiKey key;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Resilience resilience;

    /**
     * An adapter.
     *
     * @param settings   the endpoint, model and endpointing.
     * @param key        the API key ({@link ApiKey#NONE} for local servers).
     * @param http       the shared client; this adapter derives one with its connect timeout.
     * @param executor   where uploads run.
     * @param scheduler  where first-byte and idle watchdogs run.
     * @param resilience timeouts, retries, circuit breaker, metrics.
     */
    public OpenAiTranscriptionAsr(final TranscriptionSettings settings, final ApiKey key, final OkHttpClient http,
        final ExecutorService executor, final ScheduledExecutorService scheduler, final Resilience resilience)
    {
        this.settings = settings;
        this.key = key;
        this.executor = executor;
        this.scheduler = scheduler;
        this.resilience = resilience;
        // The watchdog owns first-byte and idle timeouts; the socket timeout is only a backstop.
        this.client = http.newBuilder()
            .connectTimeout(resilience.timeouts().connectMs(), TimeUnit.MILLISECONDS)
            .readTimeout(resilience.timeouts().firstByteMs() + resilience.timeouts().idleMs(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    }

    /**
     * The registry factory: options {@code baseUrl} ({@code https://api.openai.com/v1}), {@code model}
     * ({@code whisper-1}), {@code language}, {@code prompt}, {@code thresholdDbfs} (-45), {@code silenceMs} (600),
     * {@code preRollMs} (200), {@code minSpeechMs} (100), {@code maxUtteranceMs} (30000), the key options
     * ({@code apiKeyEnv}, default {@code OPENAI_API_KEY}, required only for OpenAI's own base URL;
     * {@code apiKeyFile}) and the resilience options.
     *
     * @param spec        the provider's spec.
     * @param assistant   the assistant.
     * @param environment what providers share.
     * @return the adapter.
     */
    public static OpenAiTranscriptionAsr create(final ProviderSpec spec, final AssistantConfig assistant,
        final ProviderEnvironment environment)
    {
        final String baseUrl = spec.text("baseUrl", TranscriptionSettings.DEFAULT_BASE_URL);
        final TranscriptionSettings settings = new TranscriptionSettings(baseUrl, spec.text("model", "whisper-1"),
            spec.text("language", null), spec.text("prompt", null),
            Double.parseDouble(spec.text("thresholdDbfs", "-45")), (int)spec.number("silenceMs", 600),
            (int)spec.number("preRollMs", 200), (int)spec.number("minSpeechMs", 100),
            (int)spec.number("maxUtteranceMs", 30_000));
        return new OpenAiTranscriptionAsr(settings,
            environment.apiKey(spec, "OPENAI_API_KEY", baseUrl.equals(TranscriptionSettings.DEFAULT_BASE_URL)),
            environment.http(), environment.executor(), environment.scheduler(),
            environment.resilience(spec, "openai-transcription " + settings.baseUrl()));
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public AudioFormat inputFormat()
    {
        return AudioFormat.PCM16_16K;
    }

    @Override
    public String toString()
    {
        return "OpenAiTranscriptionAsr[" + settings.baseUrl() + ", " + settings.model() + ", " + key + "]";
    }

    @Override
    public AsrSession open(final CallContext call)
    {
        return new Session(call);
    }

    private final class Session implements AsrSession
    {
        private final String sessionId;
        private final RunPublisher publisher;
        private final CancelSignal closing = new CancelSignal();
        private final ArrayDeque<byte[]> uploads = new ArrayDeque<>();
        private UtteranceEndpointer endpointer;
        private boolean stopped;
        private boolean draining;

        Session(final CallContext call)
        {
            this.sessionId = call.sessionId();
            this.publisher = new RunPublisher(call.events());
        }

        @Override
        public void start()
        {
            if (null == endpointer && !stopped)
            {
                endpointer = settings.endpointer();
            }
        }

        @Override
        public void audio(final DirectBuffer buffer, final int offset, final int length)
        {
            if (null != endpointer && !stopped && endpointer.accept(buffer, offset, length))
            {
                submit(endpointer.takeUtterance());
            }
        }

        @Override
        public void stop()
        {
            if (null != endpointer && !stopped && endpointer.flush())
            {
                submit(endpointer.takeUtterance());
            }
            stopped = true;
        }

        @Override
        public void close()
        {
            stopped = true;
            publisher.close();
            synchronized (this)
            {
                uploads.clear();
            }
            closing.cancel();
        }

        private void submit(final byte[] pcm)
        {
            synchronized (this)
            {
                if (closing.isCancelled())
                {
                    return;
                }
                uploads.addLast(pcm);
                if (draining)
                {
                    return;
                }
                draining = true;
            }
            executor.execute(this::drain);
        }

        private void drain()
        {
            while (true)
            {
                final byte[] pcm;
                synchronized (this)
                {
                    pcm = uploads.pollFirst();
                    if (null == pcm)
                    {
                        draining = false;
                        return;
                    }
                }
                transcribe(pcm);
            }
        }

        private void transcribe(final byte[] pcm)
        {
            final long startNanos = System.nanoTime();
            final byte[] wav = wav(pcm);
            final String[] text = new String[1];
            try
            {
                resilience.execute((output) -> text[0] = attempt(wav), closing);
            }
            catch (final ProviderException ex)
            {
                if (ex.kind() != ErrorKind.CANCELLED)
                {
                    LOG.warn("provider {}: utterance of {} ms not transcribed: {}", name(),
                        pcm.length / UtteranceEndpointer.BYTES_PER_MS, ex.reason());
                    publisher.publish(new Event.AsrFailed(sessionId, publisher.nowMs(), ex.reason()));
                }
                return;
            }
            resilience.metrics().latency(name(), ProviderMetrics.Latency.STT_FINAL_LATENCY,
                System.nanoTime() - startNanos);
            if (!text[0].isEmpty())
            {
                publisher.publish(new Event.TranscriptFinal(sessionId, publisher.nowMs(), text[0]));
            }
        }

        private String attempt(final byte[] wav) throws ProviderException
        {
            final MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", "utterance.wav", RequestBody.create(wav, WAV))
                .addFormDataPart("model", settings.model())
                .addFormDataPart("response_format", "json");
            if (null != settings.language())
            {
                form.addFormDataPart("language", settings.language());
            }
            if (null != settings.prompt())
            {
                form.addFormDataPart("prompt", settings.prompt());
            }
            final Request.Builder request = new Request.Builder()
                .url(settings.baseUrl() + "/audio/transcriptions")
                .post(form.build());
            if (key.isPresent())
            {
                request.header("Authorization", "Bearer " + key.reveal());
            }
            final Call call = client.newCall(request.build());
            closing.onCancel(call::cancel);
            final StreamWatchdog watchdog = new StreamWatchdog(scheduler, resilience.timeouts(), call::cancel);
            boolean responded = false;
            watchdog.start();
            try (Response response = call.execute())
            {
                responded = true;
                watchdog.progress();
                if (!response.isSuccessful())
                {
                    throw HttpFailures.fromResponse(response, key);
                }
                final String body = readBody(response.body().source(), watchdog);
                final MediaType type = response.body().contentType();
                return parse(body, null != type && "json".equals(type.subtype()));
            }
            catch (final IOException ex)
            {
                if (closing.isCancelled())
                {
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
                final ErrorKind expired = watchdog.expired();
                if (expired == ErrorKind.FIRST_BYTE_TIMEOUT)
                {
                    throw new ProviderException(expired, "no response within " +
                        resilience.timeouts().firstByteMs() + " ms");
                }
                if (expired == ErrorKind.IDLE_TIMEOUT)
                {
                    throw new ProviderException(expired, "response body idle for " + resilience.timeouts().idleMs() +
                        " ms");
                }
                throw HttpFailures.fromIo(ex, responded, key);
            }
            finally
            {
                watchdog.stop();
            }
        }

        private static String readBody(final BufferedSource source, final StreamWatchdog watchdog) throws IOException
        {
            final Buffer body = new Buffer();
            while (source.read(body, 8192) != -1)
            {
                watchdog.progress();
            }
            return body.readString(StandardCharsets.UTF_8);
        }

        private String parse(final String body, final boolean json) throws ProviderException
        {
            if (!json)
            {
                // response_format text, or a server that ignores the field.
                return body.strip();
            }
            try
            {
                final JsonNode text = JSON.readTree(body).path("text");
                if (text.isTextual())
                {
                    return text.asText().strip();
                }
            }
            catch (final IOException ex)
            {
                // Reported below.
            }
            throw new ProviderException(ErrorKind.MALFORMED, "no text in response: " +
                key.redact(body.length() <= 120 ? body : body.substring(0, 120) + "…"));
        }
    }

    private static byte[] wav(final byte[] pcm)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        try
        {
            WavWriter.write(out, PCM16_16K, pcm, 0, pcm.length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("in-memory WAV cannot fail", ex);
        }
        return out.toByteArray();
    }
}
