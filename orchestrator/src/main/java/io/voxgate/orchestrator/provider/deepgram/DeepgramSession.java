package io.voxgate.orchestrator.provider.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call's Deepgram stream (see {@link DeepgramAsr}).
 *
 * <p><b>Threading:</b> session methods on the orchestrator thread; socket callbacks on OkHttp's WebSocket threads;
 * keep-alive on the scheduler; reconnects on the executor. Shared state is guarded by {@code this}; events go
 * through the {@link RunPublisher}, closed first by {@link #close()}.
 */
final class DeepgramSession implements AsrSession
{
    private static final Logger LOG = LoggerFactory.getLogger(DeepgramSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEEP_ALIVE = "{\"type\":\"KeepAlive\"}";
    private static final String CLOSE_STREAM = "{\"type\":\"CloseStream\"}";

    private final String sessionId;
    private final RunPublisher publisher;
    private final DeepgramSettings settings;
    private final ApiKey key;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Resilience resilience;
    private final CancelSignal closing = new CancelSignal();
    private WebSocket socket;
    private long socketOpenedNanos;
    private boolean started;
    private boolean stopped;
    private boolean closed;
    private int failures;
    private long sentBytes;
    private volatile long lastSendNanos;
    private volatile long lastAudioNanos;
    private volatile long lastMessageNanos;
    private ScheduledFuture<?> keepAlive;

    DeepgramSession(final String sessionId, final RunPublisher publisher, final DeepgramSettings settings,
        final ApiKey key, final OkHttpClient client, final ExecutorService executor,
        final ScheduledExecutorService scheduler, final Resilience resilience)
    {
        this.sessionId = sessionId;
        this.publisher = publisher;
        this.settings = settings;
        this.key = key;
        this.client = client;
        this.executor = executor;
        this.scheduler = scheduler;
        this.resilience = resilience;
    }

    @Override
    public synchronized void start()
    {
        if (started || closed)
        {
            return;
        }
        started = true;
        connect();
        // One timer for keep-alive and stall detection, ticking at least twice per idle timeout.
        final long tickMs = Math.max(1, Math.min(settings.keepAliveMs(), resilience.timeouts().idleMs() / 2));
        keepAlive = scheduler.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void audio(final DirectBuffer buffer, final int offset, final int length)
    {
        final WebSocket target;
        synchronized (this)
        {
            if (!started || stopped || closed || null == socket)
            {
                return;
            }
            target = socket;
            sentBytes += length;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final long now = System.nanoTime();
        lastSendNanos = now;
        lastAudioNanos = now;
        target.send(ByteString.of(bytes));
    }

    @Override
    public synchronized void stop()
    {
        if (!started || stopped || closed)
        {
            return;
        }
        stopped = true;
        cancelKeepAlive();
        if (null != socket)
        {
            socket.send(CLOSE_STREAM);
        }
    }

    @Override
    public void close()
    {
        publisher.close();
        closing.cancel();
        final WebSocket last;
        synchronized (this)
        {
            closed = true;
            cancelKeepAlive();
            last = socket;
            socket = null;
        }
        if (null != last)
        {
            last.cancel();
        }
    }

    private void connect()
    {
        if (!resilience.breaker().tryAcquire())
        {
            resilience.metrics().error(resilience.provider(), ErrorKind.CIRCUIT_OPEN);
            LOG.warn("deepgram session {}: circuit open, no transcripts", sessionId);
            gaveUp(ErrorKind.CIRCUIT_OPEN, "circuit open for " + resilience.provider());
            return;
        }
        resilience.metrics().request(resilience.provider());
        final Request.Builder request = new Request.Builder().url(settings.listenUrl());
        if (key.isPresent())
        {
            request.header("Authorization", "Token " + key.reveal());
        }
        socketOpenedNanos = System.nanoTime();
        socket = client.newWebSocket(request.build(), new Listener());
    }

    private void tick()
    {
        final WebSocket target;
        synchronized (this)
        {
            target = socket;
        }
        if (null == target)
        {
            return;
        }
        final long now = System.nanoTime();
        final long idleNanos = TimeUnit.MILLISECONDS.toNanos(resilience.timeouts().idleMs());
        // Stalled: audio keeps flowing (Deepgram answers it with results, even empty ones) but nothing came back.
        if (now - lastAudioNanos < idleNanos && now - Math.max(lastMessageNanos, openedNanos(target)) > idleNanos)
        {
            // Recorded before the cancel, so the socket's own failure callback is ignored as stale.
            failed(target, ErrorKind.IDLE_TIMEOUT, "no message for " + resilience.timeouts().idleMs() +
                " ms while audio flowed");
            target.cancel();
            return;
        }
        if (now - lastSendNanos >= TimeUnit.MILLISECONDS.toNanos(settings.keepAliveMs()))
        {
            lastSendNanos = now;
            target.send(KEEP_ALIVE);
        }
    }

    private synchronized long openedNanos(final WebSocket target)
    {
        return target == socket ? socketOpenedNanos : Long.MAX_VALUE;
    }

    private void cancelKeepAlive()
    {
        if (null != keepAlive)
        {
            keepAlive.cancel(false);
        }
    }

    private void failed(final WebSocket from, final ErrorKind kind, final String message)
    {
        final int attempt;
        synchronized (this)
        {
            if (from != socket || closed)
            {
                return;
            }
            socket = null;
            if (stopped)
            {
                return;
            }
            attempt = ++failures;
        }
        resilience.metrics().error(resilience.provider(), kind);
        if (kind.countsAgainstEndpoint())
        {
            resilience.breaker().onFailure();
        }
        else
        {
            resilience.breaker().onSuccess();
        }
        LOG.warn("deepgram session {} failed ({} of {}): {}: {}", sessionId, attempt,
            resilience.retry().maxAttempts(), kind.label(), key.redact(message));
        if (!kind.retryable() || attempt >= resilience.retry().maxAttempts())
        {
            gaveUp(kind, message);
            return;
        }
        final long delay = resilience.retry().delayMs(attempt, resilience.random());
        executor.execute(() ->
        {
            if (resilience.backoff().pause(delay, closing))
            {
                synchronized (this)
                {
                    if (!closed && !stopped && null == socket)
                    {
                        connect();
                    }
                }
            }
        });
    }

    /** No more transcripts for this call: the reducer counts it and takes turns from the VAD alone. */
    private void gaveUp(final ErrorKind kind, final String message)
    {
        final String reason = kind.label() + ": " + key.redact(message);
        publisher.publish(new Event.AsrFailed(sessionId, publisher.nowMs(), reason));
    }

    private void message(final String text)
    {
        final JsonNode message;
        try
        {
            message = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            resilience.metrics().error(resilience.provider(), ErrorKind.MALFORMED);
            LOG.warn("deepgram session {}: malformed message dropped", sessionId);
            return;
        }
        switch (message.path("type").asText(""))
        {
            case "Results" -> results(message);
            case "SpeechStarted" ->
            {
                if (settings.vadEvents())
                {
                    publisher.publish(new Event.SpeechStarted(sessionId, publisher.nowMs()));
                }
            }
            case "UtteranceEnd", "Metadata" ->
            {
                // End of turn is the reducer's decision (VAD + finals); nothing to publish.
            }
            default ->
            {
                resilience.metrics().error(resilience.provider(), ErrorKind.MALFORMED);
                LOG.warn("deepgram session {}: unknown message type '{}'", sessionId, message.path("type").asText());
            }
        }
    }

    private void results(final JsonNode message)
    {
        final String transcript = message.path("channel").path("alternatives").path(0).path("transcript").asText("");
        if (transcript.isBlank())
        {
            return;
        }
        if (message.path("is_final").asBoolean(false))
        {
            final long segmentEndMs = Math.round((message.path("start").asDouble(0) +
                message.path("duration").asDouble(0)) * 1000);
            final long sentMs;
            synchronized (this)
            {
                sentMs = settings.millisOf(sentBytes);
            }
            resilience.metrics().latency(resilience.provider(), ProviderMetrics.Latency.STT_FINAL_LATENCY,
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, sentMs - segmentEndMs)));
            publisher.publish(new Event.TranscriptFinal(sessionId, publisher.nowMs(), transcript));
        }
        else
        {
            publisher.publish(new Event.TranscriptPartial(sessionId, publisher.nowMs(), transcript));
        }
    }

    /** Callbacks of one socket; those of a replaced socket are ignored. */
    private final class Listener extends WebSocketListener
    {
        @Override
        public void onOpen(final WebSocket webSocket, final Response response)
        {
            synchronized (DeepgramSession.this)
            {
                if (webSocket != socket)
                {
                    return;
                }
                failures = 0;
            }
            resilience.breaker().onSuccess();
        }

        @Override
        public void onMessage(final WebSocket webSocket, final String text)
        {
            synchronized (DeepgramSession.this)
            {
                if (webSocket != socket)
                {
                    return;
                }
            }
            lastMessageNanos = System.nanoTime();
            message(text);
        }

        @Override
        public void onClosing(final WebSocket webSocket, final int code, final String reason)
        {
            webSocket.close(1000, null);
            failed(webSocket, ErrorKind.DISCONNECT, "closed by Deepgram: " + code + " " + reason);
        }

        @Override
        public void onFailure(final WebSocket webSocket, final Throwable t, final Response response)
        {
            if (null != response)
            {
                final int status = response.code();
                final ErrorKind kind = status == 401 || status == 403 ? ErrorKind.AUTH :
                    status == 429 ? ErrorKind.RATE_LIMITED : status >= 500 ? ErrorKind.SERVER : ErrorKind.CLIENT;
                String body = "";
                try
                {
                    body = null == response.body() ? "" : response.body().string();
                }
                catch (final IOException ex)
                {
                    body = "";
                }
                failed(webSocket, kind, "HTTP " + status + " " + body.strip());
                return;
            }
            synchronized (DeepgramSession.this)
            {
                if (closing.isCancelled())
                {
                    return;
                }
            }
            failed(webSocket, t instanceof java.net.ConnectException ? ErrorKind.CONNECT : ErrorKind.DISCONNECT,
                t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }
}
