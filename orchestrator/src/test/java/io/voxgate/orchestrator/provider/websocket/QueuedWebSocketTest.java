package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueuedWebSocketTest
{
    private final ProviderFixture fixture = new ProviderFixture();

    QueuedWebSocketTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void moreSocketsToOneHostThanOkHttpsDefaultDispatcherAdmitsAllOpen() throws ProviderException
    {
        // OkHttp's default dispatcher runs at most 64 calls, and an open WebSocket holds its call for life.
        final int sockets = 80;
        final List<ScriptedVendorSocket> vendors = new ArrayList<>();
        for (int i = 0; i < sockets; i++)
        {
            final ScriptedVendorSocket vendor = new ScriptedVendorSocket((ws, text) -> ws.send("echo " + text));
            vendors.add(vendor);
            fixture.server.enqueue(vendor.upgrade());
        }
        // What is tested is the number of sockets open at once, not timeouts: 80 loopback connects at once on a
        // busy two-core machine can take longer than the short connect timeout of the other tests.
        final OkHttpClient client = QueuedWebSocket.client(new OkHttpClient(), new Timeouts(20_000, 20_000, 20_000));
        final Request request = new Request.Builder().url(fixture.server.url("/ws")).build();
        final List<QueuedWebSocket> open = new ArrayList<>();
        for (int i = 0; i < sockets; i++)
        {
            open.add(QueuedWebSocket.connect(client, request, ApiKey.NONE));
        }
        for (final QueuedWebSocket socket : open)
        {
            socket.awaitOpen(20_000, new CancelSignal());
            assertTrue(socket.isUsable());
        }
        open.getLast().send("hi");
        WebSocketFrame reply = null;
        while (!(reply instanceof WebSocketFrame.Text))
        {
            reply = open.getLast().next(20_000);
        }
        assertEquals(new WebSocketFrame.Text("echo hi"), reply);
        open.forEach((socket) -> socket.close(1000, "done"));
        assertEquals("1000 done", vendors.getLast().awaitClosed());
    }

    @Test
    void aCancelEndsTheWaitForTheUpgrade()
    {
        final OkHttpClient client = QueuedWebSocket.client(new OkHttpClient(), ProviderFixture.SHORT);
        // No response enqueued for a while: the upgrade hangs until the cancel.
        fixture.server.enqueue(new MockResponse().setHeadersDelay(2, TimeUnit.SECONDS));
        final QueuedWebSocket socket = QueuedWebSocket.connect(client,
            new Request.Builder().url(fixture.server.url("/ws")).build(), ApiKey.NONE);
        final CancelSignal cancel = new CancelSignal();
        cancel.cancel();
        assertEquals(ErrorKind.CANCELLED, assertThrows(ProviderException.class,
            () -> socket.awaitOpen(20_000, cancel)).kind());
        assertFalse(socket.isUsable());
    }
}
