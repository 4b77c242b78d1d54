package io.voxgate.server.pipeline;

import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.dsp.vad.VadMode;
import io.voxgate.dsp.vad.VoiceActivityDetector;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The DSP state of one call: its VAD, its 8 → 16 kHz resampler (used when the call's assistant takes wideband
 * audio), and the 8 kHz samples left over from the last slot that do not yet fill a VAD frame. Allocated the first
 * time a session index starts on its shard and reset (not reallocated) for every later call on that index.
 *
 * <p>VAD framing: 20 ms at 8 kHz (160 samples). A Twilio frame is 20 ms, so each slot normally is exactly one VAD
 * frame; the detector's bands are the telephone band at either rate, so the 8 kHz stream is analysed directly.
 * Other slot sizes are carried over to the next slot.
 *
 * <p>Owned by one DSP shard thread.
 */
final class DspChannel
{
    /** Samples of one VAD frame: 20 ms at 8 kHz. */
    static final int VAD_FRAME_SAMPLES = 160;

    final PolyphaseResampler upsampler = new PolyphaseResampler(8000, 16000);
    final VoiceActivityDetector vad;
    final UnsafeBuffer carry = new UnsafeBuffer(new byte[2 * VAD_FRAME_SAMPLES]);
    int carrySamples;
    boolean speech;
    /** Whether this call's slots get 16 kHz PCM (its assistant's ASR takes linear16). */
    boolean wideband;
    /** 16 → 8 kHz for browser sessions, created on a session's first PCM16 slot (phone calls never need it). */
    private PolyphaseResampler downsampler;

    DspChannel(final VadMode mode)
    {
        vad = new VoiceActivityDetector(8000, 20, mode);
    }

    void reset()
    {
        upsampler.reset();
        if (null != downsampler)
        {
            downsampler.reset();
        }
        vad.reset();
        carrySamples = 0;
        speech = false;
    }

    PolyphaseResampler downsampler()
    {
        if (null == downsampler)
        {
            downsampler = new PolyphaseResampler(16000, 8000);
        }
        return downsampler;
    }
}
