package io.voxgate.server.ws;

import java.util.function.LongSupplier;

/**
 * The server's model of a client's playback: reply audio plays in real time from when it is sent, so the audio
 * queued so far ends at {@link #endNanos()}. Marks are echoed at that time, which is how the orchestrator learns what
 * the user has heard (a browser does not echo marks as Twilio does).
 *
 * <p>Owned by the egress thread.
 */
final class WsPlayout
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final int bytesPerSecond;
    private long endNanos;

    WsPlayout(final LongSupplier nanoClock, final int sampleRate)
    {
        this.nanoClock = nanoClock;
        this.bytesPerSecond = 2 * sampleRate;
    }

    /** Audio of {@code bytes} PCM16 bytes was sent: it plays after what is queued, or now if nothing is. */
    void played(final int bytes)
    {
        final long now = nanoClock.getAsLong();
        endNanos = Math.max(now, endNanos) + bytes * NANOS_PER_SECOND / bytesPerSecond;
    }

    /** When everything sent so far will have played. */
    long endNanos()
    {
        return Math.max(endNanos, nanoClock.getAsLong());
    }

    /** The client dropped its queued audio. */
    void clear()
    {
        endNanos = nanoClock.getAsLong();
    }
}
