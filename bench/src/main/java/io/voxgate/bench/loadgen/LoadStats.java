package io.voxgate.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * What the generator measured: counts and latency histograms (microseconds, 3 significant digits, up to a minute).
 * One instance per event loop, written only by it while the run lasts; {@link #add} merges them afterwards.
 */
final class LoadStats
{
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    /** Caller's end of utterance (last voiced frame sent) → first reply media frame received. */
    final Histogram timeToFirstAudio = histogram();
    /** First frame of speech sent over a playing reply → {@code clear} received. */
    final Histogram bargeInReaction = histogram();
    /** Scheduled 20 ms tick → the event loop sending that tick's frames (ticks with calls only). */
    final Histogram tickLateness = histogram();

    long callsStarted;
    long callsCompleted;
    long callsFailed;
    long callsWithReply;
    long callsWithClear;
    long framesSent;
    long mediaReceived;
    long mediaBytesReceived;
    long marksReceived;
    long marksEchoed;
    long marksPendingAtEnd;
    long clearsReceived;
    long utterances;
    long repliesReceived;
    long unansweredTurns;
    long bargeInAttempts;
    long bargeInsUnanswered;
    long replyGaps;
    long unknownMessages;

    private static Histogram histogram()
    {
        return new Histogram(MAX_MICROS, 3);
    }

    /**
     * Records a latency, clamped to the histogram's range.
     *
     * @param histogram where.
     * @param nanos     the latency in ns.
     */
    static void record(final Histogram histogram, final long nanos)
    {
        histogram.recordValue(Math.max(0, Math.min(MAX_MICROS, nanos / 1000)));
    }

    /**
     * Adds another loop's stats to these.
     *
     * @param other the other loop's (no longer written).
     */
    void add(final LoadStats other)
    {
        timeToFirstAudio.add(other.timeToFirstAudio);
        bargeInReaction.add(other.bargeInReaction);
        tickLateness.add(other.tickLateness);
        callsStarted += other.callsStarted;
        callsCompleted += other.callsCompleted;
        callsFailed += other.callsFailed;
        callsWithReply += other.callsWithReply;
        callsWithClear += other.callsWithClear;
        framesSent += other.framesSent;
        mediaReceived += other.mediaReceived;
        mediaBytesReceived += other.mediaBytesReceived;
        marksReceived += other.marksReceived;
        marksEchoed += other.marksEchoed;
        marksPendingAtEnd += other.marksPendingAtEnd;
        clearsReceived += other.clearsReceived;
        utterances += other.utterances;
        repliesReceived += other.repliesReceived;
        unansweredTurns += other.unansweredTurns;
        bargeInAttempts += other.bargeInAttempts;
        bargeInsUnanswered += other.bargeInsUnanswered;
        replyGaps += other.replyGaps;
        unknownMessages += other.unknownMessages;
    }
}
