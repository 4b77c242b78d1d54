package io.voxgate.orchestrator.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.TtsProvider;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.http.HttpFailures;
import io.voxgate.orchestrator.provider.http.StreamWatchdog;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * TTS {@code openai}: {@code POST {baseUrl}/audio/speech} with {@code response_format: "pcm"} (raw 24 kHz PCM16
 * little-endian mono, no header), read incrementally from the chunked body and published as {@code TtsAudio}
 * chunks of {@code chunkMs} as they arrive, then {@code TtsDone}.
 *
 * <p>One request per segment; a call's segments are synthesized one after the other, so OkHttp's keep-alive reuses
 * one connection for the call. Failures before the first audio byte are retried by {@link Resilience}; after it,
 * the segment fails with {@code TtsFailed}. {@code cancel(runId)} cancels the running request at once and drops
 * the run's queued segments.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenAiSpeechTts implements TtsProvider
{
    /** The registry name. */
    public static final String NAME = "openai";
    /** The rate of {@code response_format: pcm}. */
    public static final int SAMPLE_RATE = 24000;

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String model;
    private final String voice;
    private final String instructions;
    private final ApiKey key;
    private final int chunkBytes;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Resilience resilience;

    /**
     * An adapter.
     *
     * @param baseUrl      the API base, e.g. {@code https://api.openai.com/v1}.
     * @param model        e.g. {@code gpt-4o-mini-tts}.
     * @param voice        e.g. {@code marin}.
     * @param instructions a voice-style prompt, or {@code null}.
     * @param key          the API key.
     * @param chunkMs      milliseconds of audio per event.
     * @param http         the shared client.
     * @param executor     where requests run.
     * @param scheduler    where watchdogs run.
     * @param resilience   timeouts, retries, breaker, metrics.
     */
    public OpenAiSpeechTts(final String baseUrl, final String model, final String voice, final String instructions,
        final ApiKey key, final int chunkMs, final OkHttpClient http, final ExecutorService executor,
        final ScheduledExecutorService scheduler, final Resilience resilience)
    {
        if (chunkMs < 10)
        {
            throw new IllegalArgumentException("chunkMs must be at least 10: " + chunkMs);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.model = model;
        this.voice = voice;
        this.instructions = instructions;
        this.key = key;
        this.chunkBytes = SAMPLE_RATE * 2 * chunkMs / 1000;
        this.executor = executor;
        this.scheduler = scheduler;
        this.resilience = resilience;
        final long backstopMs = resilience.timeouts().firstByteMs() + resilience.timeouts().idleMs();
        this.client = http.newBuilder()
            .connectTimeout(resilience.timeouts().connectMs(), TimeUnit.MILLISECONDS)
            .readTimeout(backstopMs, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public String toString()
    {
        return "OpenAiSpeechTts[" + baseUrl + ", " + model + ", " + voice + ", " + key + "]";
    }

    @Override
    public TtsSession open(final CallContext call)
    {
        return new Session(call.sessionId(), new RunPublisher(call.events()));
    }

    private final class Session implements TtsSession
    {
        private final String sessionId;
        private final RunPublisher publisher;
        private final ArrayDeque<Command.SynthesizeSegment> queue = new ArrayDeque<>();
        private boolean draining;
        private long currentRun = -1;
        private CancelSignal current;

        Session(final String sessionId, final RunPublisher publisher)
        {
            this.sessionId = sessionId;
            this.publisher = publisher;
        }

        @Override
        public void synthesize(final Command.SynthesizeSegment command)
        {
            synchronized (this)
            {
                queue.addLast(command);
                if (draining)
                {
                    return;
                }
                draining = true;
            }
            executor.execute(this::drain);
        }

        @Override
        public void cancel(final long runId)
        {
            publisher.cancel(runId);
            final CancelSignal running;
            synchronized (this)
            {
                queue.removeIf((segment) -> segment.runId() == runId);
                running = currentRun == runId ? current : null;
            }
            if (null != running)
            {
                running.cancel();
            }
        }

        @Override
        public void close()
        {
            publisher.close();
            final CancelSignal running;
            synchronized (this)
            {
                queue.clear();
                running = current;
            }
            if (null != running)
            {
                running.cancel();
            }
        }

        private void drain()
        {
            while (true)
            {
                final Command.SynthesizeSegment next;
                final CancelSignal cancel = new CancelSignal();
                synchronized (this)
                {
                    next = queue.pollFirst();
                    if (null == next)
                    {
                        draining = false;
                        current = null;
                        currentRun = -1;
                        return;
                    }
                    currentRun = next.runId();
                    current = cancel;
                }
                segment(next, cancel);
            }
        }

        private void segment(final Command.SynthesizeSegment command, final CancelSignal cancel)
        {
            if (!publisher.isLive(command.runId()))
            {
                return;
            }
            try
            {
                resilience.execute((output) -> attempt(command, cancel, output), cancel);
                publisher.publish(command.runId(), new Event.TtsDone(sessionId, publisher.nowMs(), command.runId(),
                    command.turn(), command.segment()));
            }
            catch (final ProviderException ex)
            {
                if (ex.kind() != ErrorKind.CANCELLED)
                {
                    publisher.publish(command.runId(), new Event.TtsFailed(sessionId, publisher.nowMs(),
                        command.runId(), command.turn(), command.segment(), ex.reason()));
                }
            }
        }

        private void attempt(final Command.SynthesizeSegment command, final CancelSignal cancel,
            final Resilience.Output output) throws ProviderException
        {
            final ObjectNode body = JSON.createObjectNode()
                .put("model", model)
                .put("input", command.text())
                .put("voice", voice)
                .put("response_format", "pcm");
            if (null != instructions)
            {
                body.put("instructions", instructions);
            }
            final Request.Builder request = new Request.Builder()
                .url(baseUrl + "/audio/speech")
                .post(RequestBody.create(body.toString(), JSON_TYPE));
            if (key.isPresent())
            {
                request.header("Authorization", "Bearer " + key.reveal());
            }
            final Call call = client.newCall(request.build());
            cancel.onCancel(call::cancel);
            final StreamWatchdog watchdog = new StreamWatchdog(scheduler, resilience.timeouts(), call::cancel);
            final long startNanos = System.nanoTime();
            boolean responded = false;
            watchdog.start();
            try (Response response = call.execute())
            {
                responded = true;
                if (!response.isSuccessful())
                {
                    throw HttpFailures.fromResponse(response, key);
                }
                stream(command, response.body().source(), watchdog, output, startNanos);
            }
            catch (final IOException ex)
            {
                if (cancel.isCancelled())
                {
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
                final ErrorKind expired = watchdog.expired();
                if (expired == ErrorKind.FIRST_BYTE_TIMEOUT)
                {
                    throw new ProviderException(expired, "no first byte within " +
                        resilience.timeouts().firstByteMs() + " ms");
                }
                if (expired == ErrorKind.IDLE_TIMEOUT)
                {
                    throw new ProviderException(expired, "stream idle for " + resilience.timeouts().idleMs() +
                        " ms");
                }
                throw HttpFailures.fromIo(ex, responded, key);
            }
            finally
            {
                watchdog.stop();
            }
        }

        private void stream(final Command.SynthesizeSegment command, final BufferedSource source,
            final StreamWatchdog watchdog, final Resilience.Output output, final long startNanos) throws IOException
        {
            byte[] chunk = new byte[chunkBytes];
            int filled = 0;
            boolean first = true;
            while (true)
            {
                final int read = source.read(chunk, filled, chunk.length - filled);
                if (read < 0)
                {
                    break;
                }
                watchdog.progress();
                if (first && read > 0)
                {
                    first = false;
                    resilience.metrics().latency(name(), ProviderMetrics.Latency.TTS_TTFB,
                        System.nanoTime() - startNanos);
                }
                filled += read;
                if (filled == chunk.length)
                {
                    output.produced();
                    publisher.publish(command.runId(), audio(command, chunk));
                    chunk = new byte[chunkBytes];
                    filled = 0;
                }
            }
            // An odd trailing byte is half a sample: drop it.
            final int even = filled & ~1;
            if (even > 0)
            {
                output.produced();
                publisher.publish(command.runId(), audio(command, Arrays.copyOf(chunk, even)));
            }
        }

        private Event.TtsAudio audio(final Command.SynthesizeSegment command, final byte[] pcm)
        {
            return new Event.TtsAudio(sessionId, publisher.nowMs(), command.runId(), command.turn(),
                command.segment(), SAMPLE_RATE, pcm);
        }
    }
}
