package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.dsp.vad.VadMode;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DspStageTest
{
    private final ManualClock clock = new ManualClock();
    private final PipelineCounters counters = new PipelineCounters();
    private final IngressRing ring = new IngressRing(64, 4, new BlockingWaitStrategy(), counters);
    private final Base64Decoder decoder = new Base64Decoder();

    private IngressSlot publishAndProcess(final DspStage dsp, final int session, final byte[] mulaw)
    {
        final String payload = Base64.getEncoder().encodeToString(mulaw);
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishMedia(session, clock.advanceMillis(20), 1, 20, payload, 0,
            payload.length(), decoder));
        final long seq = ring.ringBuffer().getCursor();
        dsp.onEvent(ring.ringBuffer().get(seq), seq, true);
        return ring.ringBuffer().get(seq);
    }

    private void start(final DspStage dsp, final int session)
    {
        ring.tryPublishStart(session, clock.nanoTime(), 1);
        final long seq = ring.ringBuffer().getCursor();
        dsp.onEvent(ring.ringBuffer().get(seq), seq, true);
    }

    @Test
    void twilioFrameBecomesOneVadFrameOf16kHzSamplesInTheSlot()
    {
        final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, new PipelineLatencies());
        start(dsp, 1);
        final IngressSlot slot = publishAndProcess(dsp, 1, CallAudio.silence(1));
        assertEquals(320, slot.pcm16kSamples());
        assertEquals(0, slot.vadFlags());
        assertEquals(-96f, slot.levelDbfs());
        assertEquals(clock.nanoTime(), slot.dspDoneNanos());
        for (int i = 0; i < 320; i++)
        {
            assertEquals(0, slot.buffer().getShort(slot.pcm16kOffset() + 2 * i));
        }
        assertEquals(1, counters.dspVadFrames());
    }

    @Test
    void oddSizedPayloadsAreCarriedIntoWhole20msVadFrames()
    {
        final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, new PipelineLatencies());
        start(dsp, 0);
        int samples16k = 0;
        for (int i = 0; i < 8; i++)
        {
            samples16k += publishAndProcess(dsp, 0, java.util.Arrays.copyOf(CallAudio.silence(1), 100)).pcm16kSamples();
        }
        assertEquals(1600, samples16k);
        assertEquals(1600 / 320, counters.dspVadFrames());
    }

    @Test
    void speechOnsetAndEndAreFlaggedOnceEach()
    {
        final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, new PipelineLatencies());
        start(dsp, 2);
        final byte[] audio = CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 0), CallAudio.silence(20));
        int started = 0;
        int stopped = 0;
        int voiced = 0;
        for (int frame = 0; frame < 70; frame++)
        {
            final IngressSlot slot = publishAndProcess(dsp, 2, java.util.Arrays.copyOfRange(audio,
                frame * CallAudio.FRAME_BYTES, (frame + 1) * CallAudio.FRAME_BYTES));
            final int flags = slot.vadFlags();
            started += (flags & IngressSlot.VAD_STARTED) != 0 ? 1 : 0;
            stopped += (flags & IngressSlot.VAD_STOPPED) != 0 ? 1 : 0;
            voiced += (flags & IngressSlot.VAD_SPEECH) != 0 ? 1 : 0;
            if (frame < 10)
            {
                assertEquals(-96f, slot.levelDbfs());
            }
        }
        assertEquals(1, started);
        assertEquals(1, stopped);
        assertTrue(voiced >= 35 && voiced <= 50, "voiced frames " + voiced);
    }

    @Test
    void aCallWhoseAssistantReadsNoWidebandAudioIsNotUpsampledButStillDetected()
    {
        final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, new PipelineLatencies(),
            index -> index != 2);
        start(dsp, 2);
        start(dsp, 3);
        final byte[] audio = CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 0), CallAudio.silence(20));
        int started = 0;
        int stopped = 0;
        for (int frame = 0; frame < 70; frame++)
        {
            final IngressSlot slot = publishAndProcess(dsp, 2, java.util.Arrays.copyOfRange(audio,
                frame * CallAudio.FRAME_BYTES, (frame + 1) * CallAudio.FRAME_BYTES));
            assertEquals(0, slot.pcm16kSamples());
            started += (slot.vadFlags() & IngressSlot.VAD_STARTED) != 0 ? 1 : 0;
            stopped += (slot.vadFlags() & IngressSlot.VAD_STOPPED) != 0 ? 1 : 0;
        }
        assertEquals(1, started);
        assertEquals(1, stopped);
        assertEquals(0, counters.dspSamples16k());
        assertEquals(320, publishAndProcess(dsp, 3, CallAudio.silence(1)).pcm16kSamples(), "index 3 is wideband");
        assertEquals(320, counters.dspSamples16k());
    }

    @Test
    void aShardLeavesOtherShardsSessionsAlone()
    {
        final DspStage shard1 = new DspStage(1, 2, 4, VadMode.AGGRESSIVE, clock, counters, new PipelineLatencies());
        start(shard1, 2);
        start(shard1, 3);
        assertEquals(0, publishAndProcess(shard1, 2, CallAudio.silence(1)).pcm16kSamples());
        assertEquals(320, publishAndProcess(shard1, 3, CallAudio.silence(1)).pcm16kSamples());
        assertEquals(1, counters.dspFrames());
    }
}
