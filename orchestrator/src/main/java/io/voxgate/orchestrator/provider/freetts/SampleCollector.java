package io.voxgate.orchestrator.provider.freetts;

import com.sun.speech.freetts.audio.AudioPlayer;

import javax.sound.sampled.AudioFormat;

/**
 * A FreeTTS {@link AudioPlayer} that plays nothing: it converts the samples the voice writes to PCM16
 * little-endian and hands them to the current {@link Target} in chunks of a fixed size. Returning false from
 * {@code write} is how FreeTTS learns that the utterance was cancelled: it stops synthesizing.
 *
 * <p><b>Threading:</b> owned by the one voice it is attached to, used only by the thread that holds that voice.
 */
final class SampleCollector implements AudioPlayer
{
    /**
     * Receives one segment's audio.
     */
    interface Target
    {
        /**
         * A full chunk (or the last, shorter one).
         *
         * @param pcm        PCM16 little-endian, a new array owned by the receiver.
         * @param sampleRate its rate.
         * @return false to cancel synthesis.
         */
        boolean chunk(byte[] pcm, int sampleRate);

        /**
         * Whether synthesis should go on.
         *
         * @return false once cancelled.
         */
        boolean live();
    }

    private final int chunkMs;
    private AudioFormat format = new AudioFormat(16000, 16, 1, true, true);
    private Target target;
    private byte[] chunk;
    private int filled;
    private float volume = 1.0f;

    SampleCollector(final int chunkMs)
    {
        this.chunkMs = chunkMs;
    }

    void target(final Target next)
    {
        target = next;
        filled = 0;
        chunk = null;
    }

    /**
     * Publishes what is left of the segment.
     *
     * @return false when cancelled.
     */
    boolean flush()
    {
        if (null == target || null == chunk || filled == 0)
        {
            return null == target || target.live();
        }
        final byte[] last = java.util.Arrays.copyOf(chunk, filled);
        filled = 0;
        return target.chunk(last, (int)format.getSampleRate());
    }

    @Override
    public void setAudioFormat(final AudioFormat audioFormat)
    {
        if (audioFormat.getSampleSizeInBits() != 16 || audioFormat.getChannels() != 1)
        {
            throw new IllegalStateException("FreeTTS format not supported: " + audioFormat);
        }
        this.format = audioFormat;
    }

    @Override
    public AudioFormat getAudioFormat()
    {
        return format;
    }

    @Override
    public boolean write(final byte[] audioData)
    {
        return write(audioData, 0, audioData.length);
    }

    @Override
    public boolean write(final byte[] bytes, final int offset, final int size)
    {
        if (null == target || !target.live())
        {
            return false;
        }
        final int chunkBytes = Math.max(2, (int)format.getSampleRate() * 2 * chunkMs / 1000) & ~1;
        final boolean bigEndian = format.isBigEndian();
        for (int i = offset; i + 1 < offset + size; i += 2)
        {
            if (null == chunk)
            {
                chunk = new byte[chunkBytes];
            }
            chunk[filled] = bigEndian ? bytes[i + 1] : bytes[i];
            chunk[filled + 1] = bigEndian ? bytes[i] : bytes[i + 1];
            filled += 2;
            if (filled == chunk.length)
            {
                final byte[] full = chunk;
                chunk = null;
                filled = 0;
                if (!target.chunk(full, (int)format.getSampleRate()))
                {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void pause()
    {
    }

    @Override
    public void resume()
    {
    }

    @Override
    public void reset()
    {
    }

    @Override
    public boolean drain()
    {
        return true;
    }

    @Override
    public void begin(final int size)
    {
    }

    @Override
    public boolean end()
    {
        return null == target || target.live();
    }

    @Override
    public void cancel()
    {
    }

    @Override
    public void close()
    {
    }

    @Override
    public float getVolume()
    {
        return volume;
    }

    @Override
    public void setVolume(final float level)
    {
        volume = level;
    }

    @Override
    public long getTime()
    {
        return 0;
    }

    @Override
    public void resetTime()
    {
    }

    @Override
    public void startFirstSampleTimer()
    {
    }

    @Override
    public void showMetrics()
    {
    }
}
