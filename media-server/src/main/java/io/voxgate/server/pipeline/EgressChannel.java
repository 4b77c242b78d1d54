package io.voxgate.server.pipeline;

import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;

/**
 * The egress state of one call: its stream SID as ASCII bytes, its output form (Twilio μ-law at 8 kHz, or PCM16 at
 * a client's rate) and one streaming resampler to the output rate per source rate
 * it has played (created on first use, reset on barge-in so a cleared reply leaves no tail in the filter).
 *
 * <p>Owned by the egress thread.
 */
final class EgressChannel
{
    private static final int MAX_RATES = 4;

    byte[] streamSid;
    boolean active;
    /** Rate the caller hears: 8000 for a phone call (μ-law), the client's output rate for a client session. */
    int outputRate = 8000;
    /** Whether this is a client session (PCM16 binary audio and typed events instead of Twilio messages). */
    boolean client;
    /** The run whose {@code output.audio.start} was sent last (client sessions), -1 for none. */
    long announcedRun = -1;
    /** The run whose audio went through the resamplers last, -1 for none. */
    long resampledRun = -1;
    private final int[] rates = new int[MAX_RATES];
    private final PolyphaseResampler[] resamplers = new PolyphaseResampler[MAX_RATES];
    private int rateCount;

    void begin(final CallStart start)
    {
        streamSid = TwilioMessageWriter.ascii(start.streamSid());
        active = true;
        client = null != start.client();
        final int rate = client ? start.client().outputSampleRate() : 8000;
        if (rate != outputRate)
        {
            // Cached resamplers convert to the previous session's rate: forget them (once per call, not per frame).
            rateCount = 0;
            outputRate = rate;
        }
        announcedRun = -1;
        resampledRun = -1;
        resetResamplers();
    }

    void end()
    {
        active = false;
        streamSid = null;
    }

    /** The resampler from {@code sampleRate} to {@link #outputRate}, or {@code null} if not supported. */
    PolyphaseResampler resamplerFrom(final int sampleRate)
    {
        for (int i = 0; i < rateCount; i++)
        {
            if (rates[i] == sampleRate)
            {
                return resamplers[i];
            }
        }
        if (rateCount == MAX_RATES || !FilterSpec.isSupported(sampleRate, outputRate))
        {
            return null;
        }
        rates[rateCount] = sampleRate;
        resamplers[rateCount] = new PolyphaseResampler(sampleRate, outputRate);
        return resamplers[rateCount++];
    }

    void resetResamplers()
    {
        for (int i = 0; i < rateCount; i++)
        {
            resamplers[i].reset();
        }
    }
}
