package io.voxgate.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;
import okio.ByteString;

/**
 * Deepgram's live endpoint ({@code /v1/listen}, protocols.md §6) on MockWebServer, one socket: keeps the caller
 * audio it receives (binary frames) and the control messages (text), and sends {@code Results} messages when the test
 * says so, in Deepgram's shape.
 */
final class FakeDeepgram extends WebSocketListener
{
    private final Buffer audio = new Buffer();
    private final List<String> control = new CopyOnWriteArrayList<>();
    private final AtomicReference<WebSocket> socket = new AtomicReference<>();
    private double endSeconds;

    @Override
    public void onOpen(final WebSocket webSocket, final Response response)
    {
        socket.set(webSocket);
    }

    @Override
    public void onMessage(final WebSocket webSocket, final ByteString bytes)
    {
        synchronized (audio)
        {
            audio.write(bytes);
        }
    }

    @Override
    public void onMessage(final WebSocket webSocket, final String text)
    {
        control.add(text);
    }

    @Override
    public void onClosing(final WebSocket webSocket, final int code, final String reason)
    {
        webSocket.close(1000, null);
    }

    /** @return the caller audio received so far, in bytes. */
    long audioBytes()
    {
        synchronized (audio)
        {
            return audio.size();
        }
    }

    /** @return a copy of the caller audio received so far. */
    byte[] audio()
    {
        synchronized (audio)
        {
            return audio.snapshot().toByteArray();
        }
    }

    /** @return the text messages received (KeepAlive, CloseStream, ...). */
    List<String> control()
    {
        return control;
    }

    /** Sends an interim result. */
    void interim(final String transcript)
    {
        send(transcript, false);
    }

    /** Sends a final result that ends the utterance ({@code is_final} and {@code speech_final}). */
    void fin(final String transcript)
    {
        send(transcript, true);
    }

    private synchronized void send(final String transcript, final boolean isFinal)
    {
        final double start = endSeconds;
        final double duration = 0.8;
        if (isFinal)
        {
            endSeconds += duration;
        }
        socket.get().send("{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":" + duration + ",\"start\":" +
            start + ",\"is_final\":" + isFinal + ",\"speech_final\":" + isFinal + ",\"from_finalize\":false," +
            "\"channel\":{\"alternatives\":[{\"transcript\":\"" + transcript +
            "\",\"confidence\":0.97,\"words\":[]}]}," +
            "\"metadata\":{\"request_id\":\"7f0c\",\"model_uuid\":\"m\",\"model_info\":{\"name\":\"nova-3\"," +
            "\"version\":\"1\",\"arch\":\"nova-3\"}}}");
    }
}
