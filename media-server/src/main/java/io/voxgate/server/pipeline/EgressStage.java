package io.voxgate.server.pipeline;

import com.lmax.disruptor.EventHandler;
import io.voxgate.codec.g711.MuLaw;
import io.voxgate.dsp.resample.PolyphaseResampler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The egress stage: turns orchestrator commands into Twilio messages for the {@link EgressSink}. Reply audio
 * (PCM16 at its source rate) is resampled to 8 kHz, μ-law encoded and base64-encoded into {@code media} messages
 * of at most 100 ms, followed by one {@code mark} per played chunk; barge-in becomes {@code clear}. All buffers
 * are reused; nothing is allocated per message.
 *
 * <p>A client session ({@link CallStart#client()}) gets the same audio resampled to its output rate as PCM16 binary
 * frames, {@code output.audio.start} before a reply's first frame, marks the transport echoes by its playout clock,
 * {@code output.audio.cleared} for a barge-in, and the orchestrator's typed events ({@link EgressCommand#EVENT}).
 *
 * <p>It is the last stage to touch a session, so it is where the session index is released: on
 * {@link EgressCommand#END} it calls {@link EgressSink#sessionEnded} and then {@link CallRegistry#release}.
 *
 * <p><b>Threading:</b> runs on the single egress thread; reads commands after the egress ring's publication (the
 * orchestrator's release); the {@link CallStart} it reads on {@code BEGIN} was written by the event loop before the
 * ingress publication the orchestrator consumed, so it is ordered by the chain of the two rings.
 */
final class EgressStage implements EventHandler<EgressCommand>
{
    private static final int MEDIA_SAMPLES = TwilioMessageWriter.MAX_MEDIA_BYTES;

    private final EgressChannel[] channels;
    private final CallRegistry registry;
    private final EgressSink sink;
    private final NanoClock clock;
    private final PipelineCounters counters;
    private final PipelineLatencies latencies;
    private final TwilioMessageWriter writer = new TwilioMessageWriter();
    private final UnsafeBuffer pcmView = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer pcm8k = new UnsafeBuffer(new byte[2 * (MEDIA_SAMPLES + 8)]);
    private final UnsafeBuffer mulaw = new UnsafeBuffer(new byte[MEDIA_SAMPLES + 8]);
    /** 100 ms at the highest client rate (48 kHz), with room for a resampler's extra output sample. */
    private final UnsafeBuffer pcmOut = new UnsafeBuffer(new byte[2 * (4800 + 8)]);

    EgressStage(final CallRegistry registry, final EgressSink sink, final NanoClock clock,
        final PipelineCounters counters, final PipelineLatencies latencies)
    {
        this.latencies = latencies;
        this.channels = new EgressChannel[registry.maxCalls()];
        this.registry = registry;
        this.sink = sink;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EgressCommand command, final long sequence, final boolean endOfBatch)
    {
        final int index = command.sessionIndex;
        try
        {
            switch (command.kind)
            {
                case EgressCommand.BEGIN -> begin(index);
                case EgressCommand.PLAY -> play(index, command);
                case EgressCommand.CLEAR -> clear(index, command.turn, command.originNanos);
                case EgressCommand.EVENT -> event(index, command.text, command.fields);
                case EgressCommand.HANG_UP -> hangUp(index, command.text);
                case EgressCommand.END -> end(index);
                default -> PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_ERRORS, 1);
            }
        }
        catch (final RuntimeException ex)
        {
            // A failing sink or a bad command must not stop the thread that writes for every call.
            PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_ERRORS, 1);
        }
        finally
        {
            command.clear();
        }
        final long took = clock.nanoTime() - command.commandNanos;
        PipelineCounters.maxSingleWriter(counters.egress, PipelineCounters.OUT_MAX_NANOS, took);
        latencies.egress().recordValue(PipelineLatencies.clamp(took));
    }

    private void begin(final int index)
    {
        EgressChannel channel = channels[index];
        if (null == channel)
        {
            channel = new EgressChannel();
            channels[index] = channel;
        }
        channel.begin(registry.start(index));
    }

    private void play(final int index, final EgressCommand command)
    {
        final EgressChannel channel = channels[index];
        if (null == channel || !channel.active)
        {
            PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_ERRORS, 1);
            return;
        }
        final int rate = command.sampleRate;
        final PolyphaseResampler resampler = rate == channel.outputRate ? null : channel.resamplerFrom(rate);
        if (rate != channel.outputRate && null == resampler)
        {
            PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_ERRORS, 1);
            return;
        }
        if (channel.resampledRun != command.runId)
        {
            // A new reply starts from a clean filter: the previous reply's last samples must not bleed into it.
            channel.resampledRun = command.runId;
            channel.resetResamplers();
        }
        if (channel.client && channel.announcedRun != command.runId)
        {
            channel.announcedRun = command.runId;
            sink.sendEvent(index, "output.audio.start",
                "\"turn\":" + command.turn + ",\"sampleRate\":" + channel.outputRate);
        }
        pcmView.wrap(command.pcm);
        final int samples = command.pcm.length / 2;
        // Input per message: 100 ms at the source rate, so each message carries at most 100 ms at the output rate.
        final int chunk = rate / 10;
        for (int position = 0; position < samples; position += chunk)
        {
            final int count = Math.min(chunk, samples - position);
            final int produced = channel.client ?
                clientAudio(index, resampler, 2 * position, count) : phoneAudio(index, channel, resampler,
                2 * position, count);
            if (produced > 0)
            {
                if (command.originNanos != 0)
                {
                    latencies.timeToFirstAudio().recordValue(
                        PipelineLatencies.clamp(clock.nanoTime() - command.originNanos));
                    command.originNanos = 0;
                }
                PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_MEDIA_MESSAGES, 1);
                PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_MEDIA_BYTES, produced);
            }
        }
        if (channel.client)
        {
            final int length = writer.markName(command.runId, command.turn, command.segment, command.segmentEndMs);
            sink.sendMark(index, writer.buffer(), 0, length);
        }
        else
        {
            final int length = writer.mark(channel.streamSid, command.runId, command.turn, command.segment,
                command.segmentEndMs);
            sink.sendText(index, writer.buffer(), 0, length);
        }
        PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_MARKS, 1);
    }

    /** One Twilio {@code media} message from {@code count} source samples; returns the μ-law bytes sent. */
    private int phoneAudio(final int index, final EgressChannel channel, final PolyphaseResampler downsampler,
        final int byteOffset, final int count)
    {
        final int produced;
        if (null == downsampler)
        {
            MuLaw.encode(pcmView, byteOffset, mulaw, 0, count);
            produced = count;
        }
        else
        {
            produced = downsampler.process(pcmView, byteOffset, count, pcm8k, 0);
            MuLaw.encode(pcm8k, 0, mulaw, 0, produced);
        }
        if (produced > 0)
        {
            final int length = writer.media(channel.streamSid, mulaw, 0, produced);
            sink.sendText(index, writer.buffer(), 0, length);
        }
        return produced;
    }

    /** One binary PCM16 frame at the client's rate from {@code count} source samples; returns the bytes sent. */
    private int clientAudio(final int index, final PolyphaseResampler resampler, final int byteOffset,
        final int count)
    {
        if (null == resampler)
        {
            sink.sendAudio(index, pcmView, byteOffset, 2 * count);
            return 2 * count;
        }
        final int produced = resampler.process(pcmView, byteOffset, count, pcmOut, 0);
        if (produced > 0)
        {
            sink.sendAudio(index, pcmOut, 0, 2 * produced);
        }
        return 2 * produced;
    }

    private void clear(final int index, final int turn, final long originNanos)
    {
        final EgressChannel channel = channels[index];
        if (null == channel || !channel.active)
        {
            return;
        }
        channel.resetResamplers();
        // Counted before the write: a peer that has seen the clear must find it counted.
        PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_CLEARS, 1);
        if (channel.client)
        {
            channel.announcedRun = -1;
            sink.clearPlayout(index);
            sink.sendEvent(index, "output.audio.cleared", "\"turn\":" + turn);
        }
        else
        {
            final int length = writer.clear(channel.streamSid);
            sink.sendText(index, writer.buffer(), 0, length);
        }
        if (originNanos != 0)
        {
            latencies.bargeInReaction().recordValue(PipelineLatencies.clamp(clock.nanoTime() - originNanos));
        }
    }

    private void event(final int index, final String type, final String fields)
    {
        final EgressChannel channel = channels[index];
        if (null != channel && channel.active && channel.client)
        {
            sink.sendEvent(index, type, null == fields ? "" : fields);
        }
    }

    private void hangUp(final int index, final String reason)
    {
        final EgressChannel channel = channels[index];
        if (null == channel || !channel.active)
        {
            return;
        }
        sink.close(index, 1000, null == reason ? "" : reason);
        PipelineCounters.addSingleWriter(counters.egress, PipelineCounters.OUT_HANGUPS, 1);
    }

    private void end(final int index)
    {
        final EgressChannel channel = channels[index];
        if (null != channel)
        {
            channel.end();
        }
        try
        {
            sink.sessionEnded(index);
        }
        finally
        {
            registry.release(index);
        }
    }
}
