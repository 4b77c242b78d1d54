package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.provider.RecordingSink;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okio.ByteString;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The server side of a vendor WebSocket in MockWebServer: records every message the adapter sends (text as is,
 * binary as {@code bin:<hex>}) and answers each text message with a scripted reaction that writes the vendor's
 * frames byte for byte. Waits are bounded and conditional.
 */
public final class ScriptedVendorSocket extends WebSocketListener
{
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile BiConsumer<WebSocket, String> reaction;
    private volatile WebSocket socket;
    private volatile String closeReason;

    /**
     * A socket answering with a reaction.
     *
     * @param reaction called with the socket and each text message the adapter sent.
     */
    public ScriptedVendorSocket(final BiConsumer<WebSocket, String> reaction)
    {
        this.reaction = reaction;
    }

    /**
     * The upgrade response to enqueue.
     *
     * @return the response.
     */
    public MockResponse upgrade()
    {
        return new MockResponse().withWebSocketUpgrade(this);
    }

    /**
     * Replaces the reaction (for the next messages).
     *
     * @param next the reaction.
     */
    public void react(final BiConsumer<WebSocket, String> next)
    {
        reaction = next;
    }

    /**
     * The next message the adapter sent.
     *
     * @return it.
     * @throws AssertionError when none arrives within the bound.
     */
    public String take()
    {
        try
        {
            final String message = received.poll(RecordingSink.BOUND.toMillis(), TimeUnit.MILLISECONDS);
            if (null == message)
            {
                throw new AssertionError("the adapter sent nothing");
            }
            return message;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * Takes messages until one satisfies the condition.
     *
     * @param prefix the start of the expected message.
     * @return the message.
     */
    public String takeStartingWith(final String prefix)
    {
        while (true)
        {
            final String message = take();
            if (message.startsWith(prefix))
            {
                return message;
            }
        }
    }

    /**
     * The server's end of the socket, once open.
     *
     * @return the socket.
     */
    public WebSocket socket()
    {
        await(opened, "open");
        return socket;
    }

    /**
     * Waits until the adapter's side closed or dropped the socket.
     *
     * @return the close code and reason ({@code failure} when dropped).
     */
    public String awaitClosed()
    {
        await(closed, "close");
        return closeReason;
    }

    @Override
    public void onOpen(final WebSocket webSocket, final Response response)
    {
        socket = webSocket;
        opened.countDown();
    }

    @Override
    public void onMessage(final WebSocket webSocket, final String text)
    {
        received.add(text);
        reaction.accept(webSocket, text);
    }

    @Override
    public void onMessage(final WebSocket webSocket, final ByteString bytes)
    {
        received.add("bin:" + bytes.hex());
    }

    @Override
    public void onClosing(final WebSocket webSocket, final int code, final String reason)
    {
        closeReason = code + " " + reason;
        webSocket.close(1000, null);
        closed.countDown();
    }

    @Override
    public void onFailure(final WebSocket webSocket, final Throwable failure, final Response response)
    {
        if (null == closeReason)
        {
            closeReason = "failure";
        }
        closed.countDown();
    }

    private static void await(final CountDownLatch latch, final String what)
    {
        try
        {
            if (!latch.await(RecordingSink.BOUND.toMillis(), TimeUnit.MILLISECONDS))
            {
                throw new AssertionError("no " + what);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
