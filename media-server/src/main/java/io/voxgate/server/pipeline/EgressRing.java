package io.voxgate.server.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import io.voxgate.orchestrator.model.Command;

/**
 * The egress Disruptor ring: commands from the orchestrator thread (its only producer) to the egress thread.
 *
 * <p>Never blocks the orchestrator: when the ring is full an audio or clear command is dropped and counted
 * ({@link PipelineCounters#egressDroppedRingFull()}). {@link #tryEnd} is the exception that must not be lost (it
 * releases the session index), so the orchestrator retries it on its next turn until it succeeds.
 *
 * <p><b>Threading:</b> the publish methods are called only by the orchestrator thread.
 */
final class EgressRing
{
    private final RingBuffer<EgressCommand> ring;
    private final PipelineCounters counters;

    EgressRing(final int size, final WaitStrategy waitStrategy, final PipelineCounters counters)
    {
        this.ring = RingBuffer.createSingleProducer(EgressCommand::new, size, waitStrategy);
        this.counters = counters;
    }

    RingBuffer<EgressCommand> ringBuffer()
    {
        return ring;
    }

    boolean tryBegin(final int sessionIndex, final long nowNanos)
    {
        final long seq = claim();
        if (seq < 0)
        {
            return false;
        }
        fill(seq, EgressCommand.BEGIN, sessionIndex, nowNanos);
        ring.publish(seq);
        return true;
    }

    boolean tryPlay(final int sessionIndex, final Command.PlayAudio play, final long nowNanos, final long originNanos)
    {
        final long seq = claim();
        if (seq < 0)
        {
            return false;
        }
        final EgressCommand command = fill(seq, EgressCommand.PLAY, sessionIndex, nowNanos);
        command.originNanos = originNanos;
        command.pcm = play.pcm();
        command.sampleRate = play.sampleRate();
        command.runId = play.runId();
        command.turn = play.turn();
        command.segment = play.segment();
        command.segmentEndMs = play.segmentEndMs();
        ring.publish(seq);
        return true;
    }

    boolean tryClear(final int sessionIndex, final int turn, final long nowNanos, final long originNanos)
    {
        final long seq = claim();
        if (seq < 0)
        {
            return false;
        }
        final EgressCommand command = fill(seq, EgressCommand.CLEAR, sessionIndex, nowNanos);
        command.originNanos = originNanos;
        command.turn = turn;
        ring.publish(seq);
        return true;
    }

    boolean tryEvent(final int sessionIndex, final String type, final String fields, final long nowNanos)
    {
        final long seq = claim();
        if (seq < 0)
        {
            return false;
        }
        final EgressCommand command = fill(seq, EgressCommand.EVENT, sessionIndex, nowNanos);
        command.text = type;
        command.fields = fields;
        ring.publish(seq);
        return true;
    }

    boolean tryHangUp(final int sessionIndex, final String reason, final long nowNanos)
    {
        final long seq = claim();
        if (seq < 0)
        {
            return false;
        }
        fill(seq, EgressCommand.HANG_UP, sessionIndex, nowNanos).text = reason;
        ring.publish(seq);
        return true;
    }

    boolean tryEnd(final int sessionIndex, final long nowNanos)
    {
        final long seq = claim();
        if (seq < 0)
        {
            return false;
        }
        fill(seq, EgressCommand.END, sessionIndex, nowNanos);
        ring.publish(seq);
        return true;
    }

    private long claim()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            PipelineCounters.addSingleWriter(counters.orchestrator, PipelineCounters.ORC_EGRESS_DROPS, 1);
            return -1;
        }
    }

    private EgressCommand fill(final long seq, final int kind, final int sessionIndex, final long nowNanos)
    {
        final EgressCommand command = ring.get(seq);
        command.kind = kind;
        command.sessionIndex = sessionIndex;
        command.commandNanos = nowNanos;
        command.originNanos = 0;
        command.pcm = null;
        command.text = null;
        command.fields = null;
        return command;
    }
}
