package io.voxgate.server.pipeline;

import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;

/**
 * The egress state of one call: its stream SID as ASCII bytes and one streaming resampler to 8 kHz per source rate
 * it has played (created on first use, reset on barge-in so a cleared reply leaves no tail in the filter).
 *
 * <p>Owned by the egress thread.
 */
final class EgressChannel
{
    private static final int MAX_RATES = 4;

    byte[] streamSid;
    boolean active;
    private final int[] rates = new int[MAX_RATES];
    private final PolyphaseResampler[] resamplers = new PolyphaseResampler[MAX_RATES];
    private int rateCount;

    void begin(final String sid)
    {
        streamSid = TwilioMessageWriter.ascii(sid);
        active = true;
        resetResamplers();
    }

    void end()
    {
        active = false;
        streamSid = null;
    }

    /** The resampler from {@code sampleRate} to 8 kHz, or {@code null} if the rate is not supported. */
    PolyphaseResampler downsamplerFrom(final int sampleRate)
    {
        for (int i = 0; i < rateCount; i++)
        {
            if (rates[i] == sampleRate)
            {
                return resamplers[i];
            }
        }
        if (rateCount == MAX_RATES || !FilterSpec.isSupported(sampleRate, 8000))
        {
            return null;
        }
        rates[rateCount] = sampleRate;
        resamplers[rateCount] = new PolyphaseResampler(sampleRate, 8000);
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
