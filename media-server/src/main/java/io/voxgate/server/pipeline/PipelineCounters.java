package io.voxgate.server.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pipeline's allocation-free counters, one group per stage, for the metrics exporter and tests.
 *
 * <p><b>Threading:</b> each group has its writers: the ingress group is written by every event loop (atomic
 * increments, once per published or rejected frame); the DSP group by the DSP threads (atomic adds, one shard each);
 * the orchestrator and egress groups by their single threads (ordered writes of their own value: no atomic
 * read-modify-write needed with one writer), except the orchestrator's inbox drops, which provider threads count
 * atomically; the session-log group by the orchestrator thread (what it queues or drops) and the session log thread
 * (what it writes), each counter by one of them. Any thread may read any counter at any time; values are monotonic
 * (maximums only grow) and may lag the writer by a few frames.
 */
public final class PipelineCounters
{
    static final int IN_FRAMES = 0;
    static final int IN_BYTES = 1;
    static final int IN_CONTROL = 2;
    static final int IN_DROP_RING_FULL = 3;
    static final int IN_INVALID_BASE64 = 4;
    static final int IN_TOO_LARGE = 5;
    static final int IN_BAD_MARK = 6;
    static final int IN_BAD_SESSION = 7;
    static final int IN_BAD_DIGIT = 8;
    private static final int IN_COUNT = 9;

    static final int DSP_FRAMES = 0;
    static final int DSP_SAMPLES_16K = 1;
    static final int DSP_VAD_FRAMES = 2;
    static final int DSP_SPEECH_STARTS = 3;
    static final int DSP_SPEECH_STOPS = 4;
    static final int DSP_MAX_NANOS = 5;
    static final int DSP_ERRORS = 6;
    private static final int DSP_COUNT = 7;

    static final int ORC_SLOTS = 0;
    static final int ORC_EVENTS = 1;
    static final int ORC_COMMANDS = 2;
    static final int ORC_TIMERS_FIRED = 3;
    static final int ORC_UNKNOWN_MARKS = 4;
    static final int ORC_MAX_NANOS = 5;
    static final int ORC_ERRORS = 6;
    static final int ORC_CALLS_STARTED = 7;
    static final int ORC_CALLS_ENDED = 8;
    static final int ORC_EGRESS_DROPS = 9;
    static final int ORC_IGNORED_COMMANDS = 10;
    static final int ORC_INBOX_DROPS = 11;
    private static final int ORC_COUNT = 12;

    static final int OUT_MEDIA_MESSAGES = 0;
    static final int OUT_MEDIA_BYTES = 1;
    static final int OUT_MARKS = 2;
    static final int OUT_CLEARS = 3;
    static final int OUT_HANGUPS = 4;
    static final int OUT_MAX_NANOS = 5;
    static final int OUT_ERRORS = 6;
    private static final int OUT_COUNT = 7;

    static final int LOG_OPENED = 0;
    static final int LOG_LINES_QUEUED = 1;
    static final int LOG_INCOMPLETE = 2;
    static final int LOG_EVENTS_DROPPED = 3;
    static final int LOG_NOT_OPENED = 4;
    static final int LOG_LINES_WRITTEN = 5;
    static final int LOG_CLOSED = 6;
    static final int LOG_WRITE_ERRORS = 7;
    private static final int LOG_COUNT = 8;

    final AtomicLongArray ingress = new AtomicLongArray(IN_COUNT);
    final AtomicLongArray dsp = new AtomicLongArray(DSP_COUNT);
    final AtomicLongArray orchestrator = new AtomicLongArray(ORC_COUNT);
    final AtomicLongArray egress = new AtomicLongArray(OUT_COUNT);
    /** Session logs: the first five written by the orchestrator thread, the rest by the session log thread. */
    final AtomicLongArray sessionLog = new AtomicLongArray(LOG_COUNT);

    /** Adds to a counter written by one thread only. */
    static void addSingleWriter(final AtomicLongArray group, final int index, final long delta)
    {
        group.lazySet(index, group.get(index) + delta);
    }

    /** Raises a maximum written by one thread only. */
    static void maxSingleWriter(final AtomicLongArray group, final int index, final long value)
    {
        if (value > group.get(index))
        {
            group.lazySet(index, value);
        }
    }

    /** Raises a maximum written by several threads. */
    static void maxConcurrent(final AtomicLongArray group, final int index, final long value)
    {
        long current;
        while (value > (current = group.get(index)))
        {
            if (group.compareAndSet(index, current, value))
            {
                return;
            }
        }
    }

    /** @return media frames published into the ingress ring. */
    public long ingressMediaFrames()
    {
        return ingress.get(IN_FRAMES);
    }

    /** @return μ-law bytes published into the ingress ring. */
    public long ingressMediaBytes()
    {
        return ingress.get(IN_BYTES);
    }

    /** @return control slots (start, stop, closed, dtmf, mark) published. */
    public long ingressControlSlots()
    {
        return ingress.get(IN_CONTROL);
    }

    /** @return frames dropped because the ingress ring was full. */
    public long ingressDroppedRingFull()
    {
        return ingress.get(IN_DROP_RING_FULL);
    }

    /** @return media frames rejected for invalid base64. */
    public long ingressInvalidBase64()
    {
        return ingress.get(IN_INVALID_BASE64);
    }

    /** @return media frames rejected as larger than a slot. */
    public long ingressPayloadTooLarge()
    {
        return ingress.get(IN_TOO_LARGE);
    }

    /** @return marks rejected (too long or not ASCII). */
    public long ingressBadMarks()
    {
        return ingress.get(IN_BAD_MARK);
    }

    /** @return publishes with a session index out of range (transport bugs). */
    public long ingressBadSessions()
    {
        return ingress.get(IN_BAD_SESSION);
    }

    /** @return DTMF messages rejected for a digit outside {@code 0-9 * # A-D}. */
    public long ingressBadDigits()
    {
        return ingress.get(IN_BAD_DIGIT);
    }

    /** @return media slots the DSP stage processed. */
    public long dspFrames()
    {
        return dsp.get(DSP_FRAMES);
    }

    /** @return 16 kHz samples the DSP stage produced. */
    public long dspSamples16k()
    {
        return dsp.get(DSP_SAMPLES_16K);
    }

    /** @return 20 ms VAD frames analysed. */
    public long dspVadFrames()
    {
        return dsp.get(DSP_VAD_FRAMES);
    }

    /** @return speech onsets the VAD reported. */
    public long dspSpeechStarts()
    {
        return dsp.get(DSP_SPEECH_STARTS);
    }

    /** @return speech ends the VAD reported. */
    public long dspSpeechStops()
    {
        return dsp.get(DSP_SPEECH_STOPS);
    }

    /** @return the longest DSP work on one slot, in ns. */
    public long dspMaxNanos()
    {
        return dsp.get(DSP_MAX_NANOS);
    }

    /** @return slots the DSP stage failed on (caught, counted, the call goes on). */
    public long dspErrors()
    {
        return dsp.get(DSP_ERRORS);
    }

    /** @return ingress slots the orchestrator handled. */
    public long orchestratorSlots()
    {
        return orchestrator.get(ORC_SLOTS);
    }

    /** @return events applied to sessions. */
    public long orchestratorEvents()
    {
        return orchestrator.get(ORC_EVENTS);
    }

    /** @return commands the reducer emitted. */
    public long orchestratorCommands()
    {
        return orchestrator.get(ORC_COMMANDS);
    }

    /** @return commands with no executor yet (ASR, transcripts to a client, summaries). */
    public long orchestratorIgnoredCommands()
    {
        return orchestrator.get(ORC_IGNORED_COMMANDS);
    }

    /** @return timers fired into sessions. */
    public long orchestratorTimersFired()
    {
        return orchestrator.get(ORC_TIMERS_FIRED);
    }

    /** @return echoed marks that were not ours. */
    public long orchestratorUnknownMarks()
    {
        return orchestrator.get(ORC_UNKNOWN_MARKS);
    }

    /** @return the longest orchestrator work on one slot, in ns. */
    public long orchestratorMaxNanos()
    {
        return orchestrator.get(ORC_MAX_NANOS);
    }

    /** @return slots or events the orchestrator failed on (caught, counted). */
    public long orchestratorErrors()
    {
        return orchestrator.get(ORC_ERRORS);
    }

    /** @return calls started. */
    public long callsStarted()
    {
        return orchestrator.get(ORC_CALLS_STARTED);
    }

    /** @return calls ended. */
    public long callsEnded()
    {
        return orchestrator.get(ORC_CALLS_ENDED);
    }

    /** @return backend events from other threads dropped because the orchestrator's inbox was full. */
    public long orchestratorInboxDrops()
    {
        return orchestrator.get(ORC_INBOX_DROPS);
    }

    /** @return egress commands dropped because the egress ring was full. */
    public long egressDroppedRingFull()
    {
        return orchestrator.get(ORC_EGRESS_DROPS);
    }

    /** @return Twilio {@code media} messages written. */
    public long egressMediaMessages()
    {
        return egress.get(OUT_MEDIA_MESSAGES);
    }

    /** @return μ-law bytes written (before base64). */
    public long egressMediaBytes()
    {
        return egress.get(OUT_MEDIA_BYTES);
    }

    /** @return {@code mark} messages written. */
    public long egressMarks()
    {
        return egress.get(OUT_MARKS);
    }

    /** @return {@code clear} messages written. */
    public long egressClears()
    {
        return egress.get(OUT_CLEARS);
    }

    /** @return calls closed from our side. */
    public long egressHangUps()
    {
        return egress.get(OUT_HANGUPS);
    }

    /** @return the longest egress work on one command, in ns. */
    public long egressMaxNanos()
    {
        return egress.get(OUT_MAX_NANOS);
    }

    /** @return egress commands that failed (caught, counted). */
    public long egressErrors()
    {
        return egress.get(OUT_ERRORS);
    }

    /** @return session logs started (calls recorded while session logging is on). */
    public long sessionLogsOpened()
    {
        return sessionLog.get(LOG_OPENED);
    }

    /** @return event lines handed to the session log thread. */
    public long sessionLogLinesQueued()
    {
        return sessionLog.get(LOG_LINES_QUEUED);
    }

    /** @return session logs marked incomplete because the queue to the writer was full. */
    public long sessionLogsIncomplete()
    {
        return sessionLog.get(LOG_INCOMPLETE);
    }

    /** @return events left out of incomplete session logs. */
    public long sessionLogEventsDropped()
    {
        return sessionLog.get(LOG_EVENTS_DROPPED);
    }

    /** @return calls not logged at all because the writer had fallen thousands of calls behind. */
    public long sessionLogsNotOpened()
    {
        return sessionLog.get(LOG_NOT_OPENED);
    }

    /** @return event lines written to session log files. */
    public long sessionLogLinesWritten()
    {
        return sessionLog.get(LOG_LINES_WRITTEN);
    }

    /** @return session log files completed and closed. */
    public long sessionLogsClosed()
    {
        return sessionLog.get(LOG_CLOSED);
    }

    /** @return session log files that failed to open, write or close (each ends that call's log). */
    public long sessionLogWriteErrors()
    {
        return sessionLog.get(LOG_WRITE_ERRORS);
    }
}
