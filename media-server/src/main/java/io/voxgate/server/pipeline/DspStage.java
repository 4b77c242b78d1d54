package io.voxgate.server.pipeline;

import com.lmax.disruptor.EventHandler;
import io.voxgate.codec.g711.MuLaw;
import io.voxgate.dsp.level.LevelMeter;
import io.voxgate.dsp.vad.VadMode;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.IntPredicate;


/**
 * The DSP stage: for each media slot of its shard's sessions, μ-law → PCM16 at 8 kHz, VAD in 20 ms frames at 8 kHz,
 * the RMS level ({@link LevelMeter}), and, only for sessions whose assistant takes wideband audio (a linear16 ASR),
 * 8 → 16 kHz into the slot's PCM region; the results are written back into the slot for the orchestrator. A browser
 * session's slot arrives as 16 kHz PCM16 ({@link SlotKind#PCM16}): it is brought down to 8 kHz for the VAD and the
 * μ-law payload.
 *
 * <p>Why the VAD runs at 8 kHz: it analyses the telephone band at either rate (at 16 kHz it first halves the rate
 * itself), so for a phone call upsampling to 16 kHz and halving again inside the VAD only cost time — measured under
 * load, the 8 → 16 kHz filter and the VAD's half-band decimator were 40 % of this stage's CPU.
 *
 * <p>Sharding: with N shards, shard k handles the sessions whose index is {@code k mod N}, so a session's DSP
 * state is only ever touched by one thread and needs no synchronisation. Every shard sees every slot (that is how a
 * Disruptor fans out) and skips the others' in a few nanoseconds.
 *
 * <p>Allocation: none per frame. A session's {@link DspChannel} is allocated on its index's first {@code START} and
 * reused afterwards.
 *
 * <p><b>Threading:</b> runs on its shard's thread. It reads slots after the ring's publication (the producer's
 * release) and its writes to the slot are published to the orchestrator by the stage's own sequence, which the
 * orchestrator's barrier waits on.
 */
final class DspStage implements EventHandler<IngressSlot>
{
    private final int shard;
    private final int shards;
    private final DspChannel[] channels;
    private final VadMode mode;
    private final NanoClock clock;
    private final PipelineCounters counters;
    private final PipelineLatencies latencies;
    private final IntPredicate widebandFor;
    private final LevelMeter level = new LevelMeter();
    private final UnsafeBuffer pcm8k = new UnsafeBuffer(new byte[2 * IngressSlot.MAX_PAYLOAD]);

    DspStage(final int shard, final int shards, final int maxCalls, final VadMode mode, final NanoClock clock,
        final PipelineCounters counters, final PipelineLatencies latencies)
    {
        this(shard, shards, maxCalls, mode, clock, counters, latencies, index -> true);
    }

    /**
     * @param widebandFor whether the session starting at an index needs 16 kHz PCM in its slots (asked once per call,
     *                    on this stage's thread, when its {@code START} passes).
     */
    DspStage(final int shard, final int shards, final int maxCalls, final VadMode mode, final NanoClock clock,
        final PipelineCounters counters, final PipelineLatencies latencies, final IntPredicate widebandFor)
    {
        this.latencies = latencies;
        this.shard = shard;
        this.shards = shards;
        this.channels = new DspChannel[maxCalls];
        this.mode = mode;
        this.clock = clock;
        this.counters = counters;
        this.widebandFor = widebandFor;
    }

    @Override
    public void onEvent(final IngressSlot slot, final long sequence, final boolean endOfBatch)
    {
        final int index = slot.sessionIndex();
        if (index % shards != shard)
        {
            return;
        }
        final int kind = slot.kind();
        try
        {
            if (SlotKind.isAudio(kind))
            {
                final DspChannel channel = channels[index];
                if (null != channel)
                {
                    process(slot, channel);
                }
            }
            else if (kind == SlotKind.START)
            {
                start(index);
            }
        }
        catch (final RuntimeException ex)
        {
            // One call's bad frame must not stop the thread that serves all calls of this shard.
            counters.dsp.incrementAndGet(PipelineCounters.DSP_ERRORS);
        }
    }

    private void start(final int index)
    {
        DspChannel channel = channels[index];
        if (null == channel)
        {
            channel = new DspChannel(mode);
            channels[index] = channel;
        }
        else
        {
            channel.reset();
        }
        channel.wideband = widebandFor.test(index);
    }

    void process(final IngressSlot slot, final DspChannel channel)
    {
        final long begin = clock.nanoTime();
        final UnsafeBuffer buffer = slot.buffer();
        final int pcmOffset = slot.pcm16kOffset();
        final int samples8k;
        final int samples16k;
        if (slot.kind() == SlotKind.PCM16)
        {
            // Browser audio arrives at 16 kHz; the 8 kHz μ-law payload is derived so that consumers of the
            // telephony form (parrot, μ-law ASR, speech-to-speech) see the same slot as for a phone call.
            samples16k = slot.argument();
            samples8k = channel.downsampler().process(buffer, pcmOffset, samples16k, pcm8k, 0);
            MuLaw.encode(pcm8k, 0, buffer, slot.payloadOffset(), samples8k);
            slot.payloadLength(samples8k);
        }
        else
        {
            samples8k = slot.payloadLength();
            MuLaw.decode(buffer, slot.payloadOffset(), pcm8k, 0, samples8k);
            samples16k = channel.wideband ? channel.upsampler.process(pcm8k, 0, samples8k, buffer, pcmOffset) : 0;
        }

        int flags = 0;
        float probability = 0f;
        int vadFrames = 0;
        int position = 0;
        while (position < samples8k)
        {
            final boolean decided;
            if (channel.carrySamples == 0 && samples8k - position >= DspChannel.VAD_FRAME_SAMPLES)
            {
                decided = channel.vad.process(pcm8k, 2 * position);
                position += DspChannel.VAD_FRAME_SAMPLES;
            }
            else
            {
                final int take = Math.min(DspChannel.VAD_FRAME_SAMPLES - channel.carrySamples, samples8k - position);
                channel.carry.putBytes(2 * channel.carrySamples, pcm8k, 2 * position, 2 * take);
                channel.carrySamples += take;
                position += take;
                if (channel.carrySamples < DspChannel.VAD_FRAME_SAMPLES)
                {
                    break;
                }
                channel.carrySamples = 0;
                decided = channel.vad.process(channel.carry, 0);
            }
            vadFrames++;
            probability = Math.max(probability, (float)channel.vad.speechProbability());
            if (decided != channel.speech)
            {
                flags |= decided ? IngressSlot.VAD_STARTED : IngressSlot.VAD_STOPPED;
                channel.speech = decided;
            }
        }
        if (channel.speech)
        {
            flags |= IngressSlot.VAD_SPEECH;
        }
        final long done = clock.nanoTime();
        slot.dspResult(samples16k, flags, probability, (float)level.measure(pcm8k, 0, samples8k).rmsDbfs(), done);

        counters.dsp.incrementAndGet(PipelineCounters.DSP_FRAMES);
        counters.dsp.addAndGet(PipelineCounters.DSP_SAMPLES_16K, samples16k);
        counters.dsp.addAndGet(PipelineCounters.DSP_VAD_FRAMES, vadFrames);
        if ((flags & IngressSlot.VAD_STARTED) != 0)
        {
            counters.dsp.incrementAndGet(PipelineCounters.DSP_SPEECH_STARTS);
        }
        if ((flags & IngressSlot.VAD_STOPPED) != 0)
        {
            counters.dsp.incrementAndGet(PipelineCounters.DSP_SPEECH_STOPS);
        }
        PipelineCounters.maxConcurrent(counters.dsp, PipelineCounters.DSP_MAX_NANOS, done - begin);
        latencies.dsp().recordValue(PipelineLatencies.clamp(done - slot.receivedNanos()));
    }
}
