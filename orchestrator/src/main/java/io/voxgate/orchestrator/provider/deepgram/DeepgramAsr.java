package io.voxgate.orchestrator.provider.deepgram;

import io.voxgate.orchestrator.provider.AsrProvider;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.OkHttpClient;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ASR {@code deepgram}: Deepgram live transcription over one WebSocket per call ({@code /v1/listen}, header
 * {@code Authorization: Token <key>}), audio as binary frames, interim results on.
 *
 * <p>Events: {@code TranscriptPartial} for {@code is_final:false} results, {@code TranscriptFinal} for each
 * {@code is_final:true} segment (the reducer joins a turn's finals), {@code SpeechStarted} for Deepgram's
 * {@code SpeechStarted} only when {@code vadEvents} is on. Control: {@code KeepAlive} while no audio flows,
 * {@code CloseStream} on stop. A dropped socket is reconnected with backoff (audio of the gap is lost); failures
 * are counted and logged (the orchestrator keeps taking turns from VAD meanwhile). When the stream fails for good
 * (a failure that is not retried, such as HTTP 401, the last retry failing, or an open circuit) it publishes one
 * {@code AsrFailed}; the call goes on by VAD turns.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeepgramAsr implements AsrProvider
{
    /** The registry name. */
    public static final String NAME = "deepgram";

    private final DeepgramSettings settings;
    private final ApiKey key;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Resilience resilience;

    /**
     * An adapter.
     *
     * @param settings   the connection's options.
     * @param key        the API key ({@code DEEPGRAM_API_KEY}).
     * @param http       the shared client.
     * @param executor   where reconnects wait.
     * @param scheduler  keep-alive timer.
     * @param resilience connect timeout, reconnect policy, breaker, metrics.
     */
    public DeepgramAsr(final DeepgramSettings settings, final ApiKey key, final OkHttpClient http,
        final ExecutorService executor, final ScheduledExecutorService scheduler, final Resilience resilience)
    {
        this.settings = settings;
        this.key = key;
        this.executor = executor;
        this.scheduler = scheduler;
        this.resilience = resilience;
        this.client = http.newBuilder()
            .connectTimeout(resilience.timeouts().connectMs(), TimeUnit.MILLISECONDS)
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public AudioFormat inputFormat()
    {
        return settings.format();
    }

    @Override
    public AsrSession open(final CallContext call)
    {
        return new DeepgramSession(call.sessionId(), new RunPublisher(call.events()), settings, key, client,
            executor, scheduler, resilience);
    }

    @Override
    public String toString()
    {
        return "DeepgramAsr[" + settings.listenUrl() + ", " + key + "]";
    }
}
