package io.voxgate.tools.call;

import java.util.Arrays;

/**
 * What the caller's phone played, as 8 kHz PCM16 on the call's timeline (sample 0 = the stream's start): reply audio
 * where it played, silence everywhere else. Grows as the call goes on.
 *
 * <p>Used by the call's driver thread only.
 */
public final class HeardAudio
{
    private short[] samples = new short[8000 * 30];
    private int length;

    /**
     * Writes audio at a position, over whatever was there.
     *
     * @param at     the first sample's index on the timeline.
     * @param pcm    the audio.
     * @param count  how many samples of it.
     */
    public void write(final long at, final short[] pcm, final int count)
    {
        final int start = Math.toIntExact(at);
        ensure(start + count);
        System.arraycopy(pcm, 0, samples, start, count);
        length = Math.max(length, start + count);
    }

    /**
     * Silences a range that was queued but never played.
     *
     * @param from first sample to silence.
     * @param to   one past the last.
     */
    public void erase(final long from, final long to)
    {
        final int end = (int)Math.min(to, length);
        if (from < end)
        {
            Arrays.fill(samples, (int)from, end, (short)0);
        }
    }

    /**
     * The audio up to a point: silence after the last reply, reply audio queued beyond it dropped (it never played).
     *
     * @param end one past the last sample (the call's end).
     * @return a copy of that many samples.
     */
    public short[] until(final long end)
    {
        final int count = Math.toIntExact(end);
        final short[] out = new short[count];
        System.arraycopy(samples, 0, out, 0, Math.min(count, length));
        return out;
    }

    private void ensure(final int capacity)
    {
        if (capacity > samples.length)
        {
            samples = Arrays.copyOf(samples, Math.max(capacity, 2 * samples.length));
        }
    }
}
