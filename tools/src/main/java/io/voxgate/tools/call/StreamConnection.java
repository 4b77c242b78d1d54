package io.voxgate.tools.call;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The simulated call's WebSocket to the server (OkHttp). Everything the server sends is put, stamped with its
 * arrival time, on a queue the driver thread takes from; the driver sends through {@link #send(String)}.
 *
 * <p><b>Threading:</b> OkHttp's reader thread publishes {@link ServerMessage}s through the blocking queue (its
 * happens-before edge hands each message to the driver); {@link #send} and {@link #close} may be called from the
 * driver thread (OkHttp's WebSocket is thread-safe).
 */
public final class StreamConnection implements AutoCloseable
{
    private final OkHttpClient client;
    private final BlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private StreamConnection(final String url, final Duration connectTimeout)
    {
        client = new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(Duration.ZERO)
            .writeTimeout(connectTimeout)
            .build();
        socket = client.newWebSocket(new Request.Builder().url(url).build(), new Listener());
    }

    /**
     * Starts connecting; the outcome arrives as {@link ServerMessage.Opened} or {@link ServerMessage.Failed}.
     *
     * @param url            a {@code ws://} or {@code wss://} URL.
     * @param connectTimeout how long the TCP connect may take.
     * @return the connection.
     */
    public static StreamConnection open(final String url, final Duration connectTimeout)
    {
        return new StreamConnection(url, connectTimeout);
    }

    /**
     * Waits for the next message from the server.
     *
     * @param timeoutNanos how long to wait at most.
     * @return the message, or {@code null} when none came in time.
     * @throws InterruptedException when the thread is interrupted.
     */
    public ServerMessage poll(final long timeoutNanos) throws InterruptedException
    {
        return inbox.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Sends a text frame.
     *
     * @param text the JSON message.
     * @return false when the socket is closing or closed.
     */
    public boolean send(final String text)
    {
        return socket.send(text);
    }

    /**
     * Starts a normal close from our side.
     *
     * @param reason the close reason.
     */
    public void closeNormally(final String reason)
    {
        socket.close(1000, reason);
    }

    @Override
    public void close()
    {
        socket.cancel();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private final class Listener extends WebSocketListener
    {
        @Override
        public void onOpen(final WebSocket webSocket, final Response response)
        {
            inbox.add(new ServerMessage.Opened(System.nanoTime()));
        }

        @Override
        public void onMessage(final WebSocket webSocket, final String text)
        {
            inbox.add(new ServerMessage.Text(text, System.nanoTime()));
        }

        @Override
        public void onMessage(final WebSocket webSocket, final ByteString bytes)
        {
            inbox.add(new ServerMessage.Binary(bytes.size(), System.nanoTime()));
        }

        @Override
        public void onClosing(final WebSocket webSocket, final int code, final String reason)
        {
            inbox.add(new ServerMessage.Closed(code, reason, System.nanoTime()));
            // RFC 6455 §5.5.1: answer the server's close with one of our own.
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(final WebSocket webSocket, final Throwable failure, final Response response)
        {
            final int status = response == null ? 0 : response.code();
            final String description = status != 0 ? "HTTP " + status + " " + response.message() :
                failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            inbox.add(new ServerMessage.Failed(description, status, System.nanoTime()));
        }
    }
}
