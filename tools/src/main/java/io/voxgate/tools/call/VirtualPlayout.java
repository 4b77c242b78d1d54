package io.voxgate.tools.call;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Twilio's playout buffer for one call (protocols.md §1.4), simulated in real time: received audio is queued behind
 * what is still playing and written to {@link HeardAudio} where it will play; a received {@code mark} is due when the
 * audio queued before it has finished playing (at once if nothing is queued); {@code clear} drops the queued audio,
 * erasing what had not played yet, and makes every pending mark due at once.
 *
 * <p>Times are nanoseconds since the stream started; one sample lasts 125,000 ns. Used by the call's driver thread
 * only.
 */
public final class VirtualPlayout
{
    /** Nanoseconds per 8 kHz sample. */
    public static final long NANOS_PER_SAMPLE = 125_000L;

    private final ArrayDeque<PendingMark> marks = new ArrayDeque<>();
    private final HeardAudio heard = new HeardAudio();
    private long playedUntil;

    /** A mark waiting for its audio to play. */
    private record PendingMark(String name, long due)
    {
    }

    /**
     * Queues received audio.
     *
     * @param pcm   the audio, 8 kHz.
     * @param count how many samples.
     * @param now   arrival time.
     */
    public void audio(final short[] pcm, final int count, final long now)
    {
        final long start = Math.max(playedUntil, now);
        heard.write(start / NANOS_PER_SAMPLE, pcm, count);
        playedUntil = start + count * NANOS_PER_SAMPLE;
    }

    /**
     * Queues a received mark, or echoes it at once when nothing is playing.
     *
     * @param name the mark's name.
     * @param now  arrival time.
     * @param echo receives the names of marks that are due.
     */
    public void mark(final String name, final long now, final Consumer<String> echo)
    {
        if (marks.isEmpty() && playedUntil <= now)
        {
            echo.accept(name);
        }
        else
        {
            marks.addLast(new PendingMark(name, Math.max(playedUntil, now)));
        }
    }

    /**
     * Echoes the marks whose audio has finished playing by {@code now}, in order.
     *
     * @param now  the time.
     * @param echo receives their names.
     */
    public void release(final long now, final Consumer<String> echo)
    {
        while (!marks.isEmpty() && marks.peekFirst().due() <= now)
        {
            echo.accept(marks.pollFirst().name());
        }
    }

    /**
     * Drops the queued audio and echoes every pending mark.
     *
     * @param now  the time.
     * @param echo receives their names.
     * @return how many marks were pending.
     */
    public int clear(final long now, final Consumer<String> echo)
    {
        if (playedUntil > now)
        {
            heard.erase(now / NANOS_PER_SAMPLE, playedUntil / NANOS_PER_SAMPLE);
            playedUntil = now;
        }
        final int pending = marks.size();
        while (!marks.isEmpty())
        {
            echo.accept(marks.pollFirst().name());
        }
        return pending;
    }

    /**
     * @param now the time.
     * @return true when audio is playing.
     */
    public boolean playing(final long now)
    {
        return playedUntil > now;
    }

    /**
     * @return when the queued audio ends (in the past when nothing is playing).
     */
    public long playedUntil()
    {
        return playedUntil;
    }

    /**
     * @return marks received and not yet echoed.
     */
    public int pendingMarks()
    {
        return marks.size();
    }

    /**
     * What the caller heard up to a time.
     *
     * @param end the call's end.
     * @return 8 kHz PCM16 from the stream's start to {@code end}.
     */
    public short[] heard(final long end)
    {
        return heard.until(end / NANOS_PER_SAMPLE);
    }
}
