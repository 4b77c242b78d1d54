package io.voxgate.bench.loadgen;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Twilio's playout buffer for one call, simulated in real time (protocols.md §1.4): received audio is queued behind
 * what is still playing, 8 μ-law bytes per millisecond; a received {@code mark} is due when the audio queued before
 * it has finished playing (at once if nothing is queued); {@code clear} drops the queued audio and makes every
 * pending mark due at once.
 *
 * <p>Times are {@code System.nanoTime()}. Used on the call's event loop only.
 */
final class VirtualPlayout
{
    private static final long NANOS_PER_BYTE = 125_000L;

    private final ArrayDeque<PendingMark> marks = new ArrayDeque<>();
    private long playedUntilNanos;

    /** A mark waiting for its audio to play. */
    private record PendingMark(String name, long dueNanos)
    {
    }

    /**
     * Queues received audio.
     *
     * @param mulawBytes its length in μ-law bytes.
     * @param now        arrival time.
     */
    void audio(final int mulawBytes, final long now)
    {
        playedUntilNanos = Math.max(playedUntilNanos, now) + mulawBytes * NANOS_PER_BYTE;
    }

    /**
     * Queues a received mark, or echoes it at once when nothing is playing.
     *
     * @param name the mark's name.
     * @param now  arrival time.
     * @param echo receives the names of marks that are due.
     */
    void mark(final String name, final long now, final Consumer<String> echo)
    {
        if (marks.isEmpty() && playedUntilNanos <= now)
        {
            echo.accept(name);
        }
        else
        {
            marks.addLast(new PendingMark(name, Math.max(playedUntilNanos, now)));
        }
    }

    /**
     * Echoes the marks whose audio has finished playing by {@code now}, in order.
     *
     * @param now  the time.
     * @param echo receives their names.
     * @return how many were echoed.
     */
    int release(final long now, final Consumer<String> echo)
    {
        int released = 0;
        while (!marks.isEmpty() && marks.peekFirst().dueNanos() <= now)
        {
            echo.accept(marks.pollFirst().name());
            released++;
        }
        return released;
    }

    /**
     * Drops queued audio and echoes every pending mark.
     *
     * @param now  the time.
     * @param echo receives their names.
     * @return how many were echoed.
     */
    int clear(final long now, final Consumer<String> echo)
    {
        playedUntilNanos = now;
        int released = 0;
        while (!marks.isEmpty())
        {
            echo.accept(marks.pollFirst().name());
            released++;
        }
        return released;
    }

    /**
     * @param now the time.
     * @return true when nothing is playing and no mark is pending.
     */
    boolean idle(final long now)
    {
        return marks.isEmpty() && playedUntilNanos <= now;
    }

    /**
     * @return marks received and not yet echoed.
     */
    int pendingMarks()
    {
        return marks.size();
    }
}
