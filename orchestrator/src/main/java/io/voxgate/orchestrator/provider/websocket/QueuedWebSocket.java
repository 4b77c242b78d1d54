package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.provider.http.HttpFailures;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An OkHttp WebSocket whose events ({@link WebSocketFrame}s) queue up for one reader thread, so an adapter reads a
 * vendor's stream as a blocking loop with its own first-byte and idle timeouts ({@link #next(long)} with a bound)
 * instead of reacting inside OkHttp's callbacks.
 *
 * <p>Failures are classified where they happen, on OkHttp's thread, because a refused upgrade's body (the vendor's
 * error JSON) is readable only inside the callback: HTTP 401/403 as {@link ErrorKind#AUTH}, 429
 * {@link ErrorKind#RATE_LIMITED}, 5xx {@link ErrorKind#SERVER}, an unreachable host {@link ErrorKind#CONNECT}, a
 * break after the upgrade {@link ErrorKind#DISCONNECT}. Messages are redacted with the key.
 *
 * <p>A peer's close frame is answered at once (close 1000) and queued as {@link WebSocketFrame.Closed}.
 *
 * <p><b>Threading:</b> OkHttp's reader thread queues; one adapter thread takes with {@link #next}; {@link #send},
 * {@link #close}, {@link #cancel} and {@link #wakeUp} from any thread (OkHttp's socket is thread-safe).
 */
public final class QueuedWebSocket extends WebSocketListener
{
    /** Sockets one adapter may hold open at once (a few per call). */
    public static final int MAX_SOCKETS = 100_000;

    private final LinkedBlockingQueue<WebSocketFrame> inbox = new LinkedBlockingQueue<>();
    private final ApiKey key;
    private final WebSocket socket;
    private volatile boolean opened;
    private volatile boolean ended;

    private QueuedWebSocket(final OkHttpClient client, final Request request, final ApiKey key)
    {
        this.key = key;
        this.socket = client.newWebSocket(request, this);
    }

    /**
     * Starts connecting; the outcome arrives as {@link WebSocketFrame#OPENED} or a {@link WebSocketFrame.Failed}.
     *
     * @param client  the client (its connect and read timeouts bound the upgrade).
     * @param request the upgrade request with its headers.
     * @param key     the key every failure message is redacted with.
     * @return the socket.
     */
    public static QueuedWebSocket connect(final OkHttpClient client, final Request request, final ApiKey key)
    {
        return new QueuedWebSocket(client, request, key);
    }

    /**
     * The client WebSocket adapters derive from the shared one: connect timeout as configured, the upgrade's answer
     * bounded by the same time, no silent retry, and a dispatcher of its own. OkHttp runs each open WebSocket's
     * reader inside a dispatcher call for the socket's whole life, and a dispatcher admits 64 calls at once by
     * default, so sockets on the shared dispatcher would stall the 65th call of a busy server (and starve the
     * HTTP adapters' calls). This dispatcher admits {@value #MAX_SOCKETS} and reads on virtual threads.
     *
     * @param shared   the process's client (connection pool, interceptors).
     * @param timeouts the provider's timeouts.
     * @return the derived client.
     */
    public static OkHttpClient client(final OkHttpClient shared, final Timeouts timeouts)
    {
        final Dispatcher dispatcher = new Dispatcher(
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("voxgate-websocket-", 0).factory()));
        dispatcher.setMaxRequests(MAX_SOCKETS);
        dispatcher.setMaxRequestsPerHost(MAX_SOCKETS);
        return shared.newBuilder()
            .dispatcher(dispatcher)
            .connectTimeout(timeouts.connectMs(), TimeUnit.MILLISECONDS)
            .readTimeout(timeouts.connectMs(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    }

    /**
     * Takes the next frame, waiting at most {@code timeoutMs}.
     *
     * @param timeoutMs the bound.
     * @return the frame, or {@code null} when the bound passed first.
     * @throws ProviderException {@link ErrorKind#CANCELLED} when the thread is interrupted.
     */
    public WebSocketFrame next(final long timeoutMs) throws ProviderException
    {
        try
        {
            return inbox.poll(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ProviderException(ErrorKind.CANCELLED, "interrupted");
        }
    }

    /**
     * Waits for the upgrade to succeed.
     *
     * @param timeoutMs the bound (a backstop: the client's connect and read timeouts normally fire first).
     * @param cancel    the run's cancellation; a cancel wakes the wait.
     * @throws ProviderException the upgrade's failure, {@link ErrorKind#CONNECT} when the bound passed, or
     *                           {@link ErrorKind#CANCELLED}.
     */
    public void awaitOpen(final long timeoutMs, final CancelSignal cancel) throws ProviderException
    {
        cancel.onCancel(this::wakeUp);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            if (cancel.isCancelled())
            {
                cancel();
                throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
            }
            final WebSocketFrame frame = next(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            switch (frame)
            {
                case null ->
                {
                    cancel();
                    throw new ProviderException(ErrorKind.CONNECT, "no WebSocket upgrade within " + timeoutMs +
                        " ms");
                }
                case WebSocketFrame.Opened opened ->
                {
                    return;
                }
                case WebSocketFrame.Failed failed -> throw failed.failure();
                case WebSocketFrame.Closed closed -> throw closed.failure();
                default ->
                {
                    // A wake-up: the loop re-checks the cancellation.
                }
            }
        }
    }

    /**
     * Takes the next frame without waiting.
     *
     * @return the frame, or {@code null} when none is queued.
     */
    public WebSocketFrame poll()
    {
        return inbox.poll();
    }

    /**
     * Whether the socket is open and has not failed or been closed: a reusable connection.
     *
     * @return true while usable.
     */
    public boolean isUsable()
    {
        return opened && !ended;
    }

    /**
     * Queues a text message.
     *
     * @param text the message.
     * @return false when the socket is closing or closed.
     */
    public boolean send(final String text)
    {
        return socket.send(text);
    }

    /**
     * Queues a binary message.
     *
     * @param bytes the message.
     * @return false when the socket is closing or closed.
     */
    public boolean send(final ByteString bytes)
    {
        return socket.send(bytes);
    }

    /**
     * Starts a graceful close.
     *
     * @param code   the close code (1000 normal).
     * @param reason the reason, short.
     */
    public void close(final int code, final String reason)
    {
        ended = true;
        socket.close(code, reason);
    }

    /**
     * Drops the connection at once (no close handshake) and wakes the reader.
     */
    public void cancel()
    {
        ended = true;
        socket.cancel();
        wakeUp();
    }

    /**
     * Wakes the reader so it re-checks its cancellation.
     */
    public void wakeUp()
    {
        inbox.add(WebSocketFrame.WAKE_UP);
    }

    @Override
    public void onOpen(final WebSocket webSocket, final Response response)
    {
        opened = true;
        inbox.add(WebSocketFrame.OPENED);
    }

    @Override
    public void onMessage(final WebSocket webSocket, final String text)
    {
        inbox.add(new WebSocketFrame.Text(text));
    }

    @Override
    public void onMessage(final WebSocket webSocket, final ByteString bytes)
    {
        inbox.add(new WebSocketFrame.Binary(bytes));
    }

    @Override
    public void onClosing(final WebSocket webSocket, final int code, final String reason)
    {
        ended = true;
        webSocket.close(1000, null);
        inbox.add(new WebSocketFrame.Closed(code, key.redact(reason)));
    }

    @Override
    public void onFailure(final WebSocket webSocket, final Throwable failure, final Response response)
    {
        ended = true;
        inbox.add(new WebSocketFrame.Failed(classify(failure, response)));
    }

    private ProviderException classify(final Throwable failure, final Response response)
    {
        if (!opened && null != response && response.code() != 101)
        {
            return HttpFailures.fromResponse(response, key);
        }
        if (failure instanceof IOException io)
        {
            return HttpFailures.fromIo(io, opened, key);
        }
        return new ProviderException(ErrorKind.DISCONNECT,
            key.redact(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }
}
