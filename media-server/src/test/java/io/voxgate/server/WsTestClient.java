package io.voxgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A WS v1 client for tests (OkHttp's WebSocket): records every JSON event in arrival order, counts binary reply
 * audio, and reports the close status or the HTTP status of a refused upgrade.
 */
final class WsTestClient implements AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(0, TimeUnit.SECONDS).build();

    private final List<JsonNode> events = new ArrayList<>();
    private final AtomicInteger binaryFrames = new AtomicInteger();
    private final AtomicLong binaryBytes = new AtomicLong();
    private final AtomicInteger largestBinaryFrame = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final CompletableFuture<Integer> refusedWithHttp = new CompletableFuture<>();
    private final WebSocket socket;

    private WsTestClient(final String url, final String bearer)
    {
        final Request.Builder request = new Request.Builder().url(url);
        if (null != bearer)
        {
            request.header("Authorization", "Bearer " + bearer);
        }
        socket = HTTP.newWebSocket(request.build(), new WebSocketListener()
        {
            @Override
            public void onMessage(final WebSocket webSocket, final String text)
            {
                try
                {
                    final JsonNode event = JSON.readTree(text);
                    synchronized (events)
                    {
                        events.add(event);
                        events.notifyAll();
                    }
                }
                catch (final IOException ex)
                {
                    closed.completeExceptionally(ex);
                }
            }

            @Override
            public void onMessage(final WebSocket webSocket, final ByteString bytes)
            {
                binaryFrames.incrementAndGet();
                binaryBytes.addAndGet(bytes.size());
                largestBinaryFrame.accumulateAndGet(bytes.size(), Math::max);
            }

            @Override
            public void onClosing(final WebSocket webSocket, final int code, final String reason)
            {
                closed.complete(code);
                webSocket.close(1000, null);
            }

            @Override
            public void onFailure(final WebSocket webSocket, final Throwable t, final Response response)
            {
                if (null != response)
                {
                    refusedWithHttp.complete(response.code());
                }
                closed.complete(-1);
            }
        });
    }

    static WsTestClient connect(final ServerFixture fixture, final String query)
    {
        return connect(fixture, query, null);
    }

    static WsTestClient connect(final ServerFixture fixture, final String query, final String bearer)
    {
        return new WsTestClient("ws://127.0.0.1:" + fixture.server.port() + "/ws" + query, bearer);
    }

    WsTestClient send(final String json)
    {
        socket.send(json);
        return this;
    }

    WsTestClient start()
    {
        return send("{\"type\":\"session.start\"}");
    }

    WsTestClient audio(final byte[] pcm, final int frameBytes)
    {
        for (int at = 0; at < pcm.length; at += frameBytes)
        {
            socket.send(ByteString.of(pcm, at, Math.min(frameBytes, pcm.length - at)));
        }
        return this;
    }

    WsTestClient binary(final byte[] bytes)
    {
        socket.send(ByteString.of(bytes));
        return this;
    }

    /** Waits for the first event (from the start) that matches. */
    JsonNode await(final String what, final Predicate<JsonNode> match) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TwilioTestClient.PATIENCE_SECONDS);
        synchronized (events)
        {
            while (true)
            {
                for (final JsonNode event : events)
                {
                    if (match.test(event))
                    {
                        return event;
                    }
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    fail("no " + what + " among " + events);
                }
                events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    JsonNode awaitType(final String type) throws InterruptedException
    {
        return await(type, event -> type.equals(event.path("type").asText()));
    }

    int awaitClose() throws Exception
    {
        return closed.get(TwilioTestClient.PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    int awaitRefusal() throws Exception
    {
        return refusedWithHttp.get(TwilioTestClient.PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    List<JsonNode> events()
    {
        synchronized (events)
        {
            return List.copyOf(events);
        }
    }

    long countOf(final String type)
    {
        return events().stream().filter(event -> type.equals(event.path("type").asText())).count();
    }

    int binaryFrames()
    {
        return binaryFrames.get();
    }

    long binaryBytes()
    {
        return binaryBytes.get();
    }

    int largestBinaryFrame()
    {
        return largestBinaryFrame.get();
    }

    @Override
    public void close()
    {
        socket.close(1000, null);
    }
}
