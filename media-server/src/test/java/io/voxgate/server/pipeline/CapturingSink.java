package io.voxgate.server.pipeline;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An {@link EgressSink} that records what the egress thread sends, per session index, for tests to assert on.
 */
final class CapturingSink implements EgressSink
{
    /** One message as sent. */
    record Sent(int sessionIndex, String json)
    {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Integer> closed = new ArrayList<>();
    private final List<Integer> ended = new ArrayList<>();

    @Override
    public synchronized void sendText(final int sessionIndex, final DirectBuffer utf8, final int offset,
        final int length)
    {
        final byte[] bytes = new byte[length];
        utf8.getBytes(offset, bytes);
        sent.add(new Sent(sessionIndex, new String(bytes, StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized void close(final int sessionIndex, final int statusCode, final String reason)
    {
        closed.add(sessionIndex);
    }

    @Override
    public synchronized void sessionEnded(final int sessionIndex)
    {
        ended.add(sessionIndex);
    }

    synchronized List<Sent> sent()
    {
        return List.copyOf(sent);
    }

    synchronized List<String> sentTo(final int sessionIndex)
    {
        return sent.stream().filter((s) -> s.sessionIndex() == sessionIndex).map(Sent::json).toList();
    }

    synchronized List<Integer> ended()
    {
        return List.copyOf(ended);
    }

    synchronized List<Integer> closed()
    {
        return List.copyOf(closed);
    }

    /**
     * Waits (bounded) until a condition holds; fails the test with {@code what} if it never does.
     */
    static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(200_000L);
        }
    }
}
