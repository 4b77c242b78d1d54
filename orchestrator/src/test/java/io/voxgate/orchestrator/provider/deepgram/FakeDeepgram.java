package io.voxgate.orchestrator.provider.deepgram;

import io.voxgate.orchestrator.provider.RecordingSink;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one Deepgram socket on MockWebServer: records what the client sends and lets the test send
 * Deepgram's messages.
 */
final class FakeDeepgram extends WebSocketListener
{
    final LinkedBlockingQueue<ByteString> audio = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<String> control = new LinkedBlockingQueue<>();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);
    volatile WebSocket socket;

    @Override
    public void onOpen(final WebSocket webSocket, final Response response)
    {
        socket = webSocket;
        opened.countDown();
    }

    @Override
    public void onMessage(final WebSocket webSocket, final ByteString bytes)
    {
        audio.add(bytes);
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
        ended.countDown();
    }

    @Override
    public void onFailure(final WebSocket webSocket, final Throwable t, final Response response)
    {
        ended.countDown();
    }

    WebSocket awaitOpen() throws InterruptedException
    {
        if (!opened.await(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS))
        {
            throw new AssertionError("never opened");
        }
        return socket;
    }

    ByteString nextAudio() throws InterruptedException
    {
        final ByteString frame = audio.poll(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS);
        if (null == frame)
        {
            throw new AssertionError("no audio");
        }
        return frame;
    }

    String nextControl() throws InterruptedException
    {
        final String text = control.poll(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS);
        if (null == text)
        {
            throw new AssertionError("no control message");
        }
        return text;
    }

    static String results(final String transcript, final boolean isFinal, final boolean speechFinal,
        final double start, final double duration)
    {
        return "{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":" + duration + ",\"start\":" + start +
            ",\"is_final\":" + isFinal + ",\"speech_final\":" + speechFinal + ",\"from_finalize\":false," +
            "\"channel\":{\"alternatives\":[{\"transcript\":\"" + transcript + "\",\"confidence\":0.97," +
            "\"words\":[]}]},\"metadata\":{\"request_id\":\"7f0c\",\"model_uuid\":\"m\",\"model_info\":" +
            "{\"name\":\"2-general-nova\",\"version\":\"2024-01-09.29447\",\"arch\":\"nova-3\"}}}";
    }
}
