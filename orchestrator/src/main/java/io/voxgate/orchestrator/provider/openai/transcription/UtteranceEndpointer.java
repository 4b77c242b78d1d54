package io.voxgate.orchestrator.provider.openai.transcription;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a stream of PCM16 16 kHz frames into utterances by energy, for recognisers that transcribe whole utterances:
 * a frame is voiced when its RMS level is at least {@code thresholdDbfs}; an utterance starts at the first voiced
 * frame (keeping {@code preRollMs} of audio before it, so soft onsets are not clipped) and ends after
 * {@code silenceMs} of unvoiced frames or at {@code maxUtteranceMs}. Utterances with less than {@code minSpeechMs}
 * of voiced audio (clicks, breaths) are discarded.
 *
 * <p>The audio lives in one buffer allocated at construction ({@code preRollMs + maxUtteranceMs}); {@link #accept}
 * allocates nothing; only a finished utterance is copied out.
 *
 * <p><b>Threading:</b> one thread (the caller of {@code AsrSession.audio}).
 */
public final class UtteranceEndpointer
{
    /** Bytes per millisecond of PCM16 16 kHz mono. */
    public static final int BYTES_PER_MS = 32;

    private final double thresholdSquare;
    private final int silenceBytes;
    private final int preRollBytes;
    private final int minSpeechBytes;
    private final byte[] audio;
    private int length;
    private boolean inUtterance;
    private int voicedBytes;
    private int silentRunBytes;
    private int pending;

    /**
     * An endpointer.
     *
     * @param thresholdDbfs  level at which a frame counts as voiced, e.g. -45.
     * @param silenceMs      unvoiced time that ends an utterance, e.g. 600.
     * @param preRollMs      audio kept before the first voiced frame, e.g. 200.
     * @param minSpeechMs    voiced time below which an utterance is discarded, e.g. 100.
     * @param maxUtteranceMs the longest utterance; it is cut there, e.g. 30000.
     */
    public UtteranceEndpointer(final double thresholdDbfs, final int silenceMs, final int preRollMs,
        final int minSpeechMs, final int maxUtteranceMs)
    {
        if (silenceMs <= 0 || preRollMs < 0 || minSpeechMs < 0 || maxUtteranceMs < 1000 || thresholdDbfs >= 0)
        {
            throw new IllegalArgumentException("bad endpointing: threshold " + thresholdDbfs + " dBFS, silence " +
                silenceMs + " ms, pre-roll " + preRollMs + " ms, min speech " + minSpeechMs + " ms, max " +
                maxUtteranceMs + " ms");
        }
        final double amplitude = 32768.0 * Math.pow(10, thresholdDbfs / 20);
        this.thresholdSquare = amplitude * amplitude;
        this.silenceBytes = silenceMs * BYTES_PER_MS;
        this.preRollBytes = preRollMs * BYTES_PER_MS;
        this.minSpeechBytes = minSpeechMs * BYTES_PER_MS;
        this.audio = new byte[(preRollMs + maxUtteranceMs) * BYTES_PER_MS];
    }

    /**
     * One frame of PCM16 little-endian 16 kHz audio (whole samples).
     *
     * @param buffer the audio.
     * @param offset where the frame starts.
     * @param bytes  its length in bytes, even.
     * @return true when this frame ended an utterance: take it with {@link #takeUtterance()}.
     */
    public boolean accept(final DirectBuffer buffer, final int offset, final int bytes)
    {
        final int usable = Math.min(bytes & ~1, audio.length);
        final boolean voiced = isVoiced(buffer, offset, usable);
        if (!inUtterance && !voiced)
        {
            keepPreRoll(usable);
            buffer.getBytes(offset, audio, length, usable);
            length += usable;
            return false;
        }
        if (length + usable > audio.length)
        {
            return inUtterance && finish();
        }
        buffer.getBytes(offset, audio, length, usable);
        length += usable;
        inUtterance = true;
        if (voiced)
        {
            voicedBytes += usable;
            silentRunBytes = 0;
        }
        else
        {
            silentRunBytes += usable;
        }
        if (silentRunBytes >= silenceBytes || length + usable > audio.length)
        {
            return finish();
        }
        return false;
    }

    /**
     * Ends the current utterance now (the stream is stopping).
     *
     * @return true when there is an utterance to take.
     */
    public boolean flush()
    {
        return inUtterance && finish();
    }

    /**
     * The finished utterance's audio, copied; call it right after {@link #accept} or {@link #flush} returned true.
     *
     * @return PCM16 little-endian 16 kHz.
     */
    public byte[] takeUtterance()
    {
        final byte[] utterance = Arrays.copyOf(audio, pending);
        pending = 0;
        return utterance;
    }

    private boolean finish()
    {
        final boolean keep = voicedBytes >= minSpeechBytes;
        // The bytes stay in place until the next frame: takeUtterance copies them out first.
        pending = keep ? length : 0;
        length = 0;
        inUtterance = false;
        voicedBytes = 0;
        silentRunBytes = 0;
        return keep;
    }

    private void keepPreRoll(final int incoming)
    {
        final int excess = length + incoming - preRollBytes;
        if (excess > 0)
        {
            final int drop = Math.min(excess, length);
            System.arraycopy(audio, drop, audio, 0, length - drop);
            length -= drop;
        }
    }

    private boolean isVoiced(final DirectBuffer buffer, final int offset, final int bytes)
    {
        if (bytes < 2)
        {
            return false;
        }
        double sum = 0;
        for (int i = 0; i < bytes; i += 2)
        {
            final short sample = buffer.getShort(offset + i, ByteOrder.LITTLE_ENDIAN);
            sum += (double)sample * sample;
        }
        return sum / (bytes / 2) >= thresholdSquare;
    }
}
