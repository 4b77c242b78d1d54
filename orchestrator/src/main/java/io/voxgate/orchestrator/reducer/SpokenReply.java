package io.voxgate.orchestrator.reducer;

/**
 * The segments of a speech-to-speech reply ({@code speechToSpeech} settings): the model writes and speaks each LLM
 * step itself, so a step is one segment whose text grows with the transcript deltas and whose audio is the model's
 * audio stream, in whichever order they arrive. The adapter's segment numbers are not used; audio, its end and the
 * marks all refer to the segment made here, so playout, the heard history and barge-in work as for TTS segments.
 * Fixed lines (greeting, fallback, goodbye) are still spoken by a TTS as one segment each.
 * Stateless; works on the {@link Run} on its session's thread.
 */
final class SpokenReply
{
    private SpokenReply()
    {
    }

    /**
     * The segment the run's audio belongs to: the current step's, made on the first text or audio of a step that is
     * still being generated; otherwise the last segment (a fixed line's, or a finished one whose late audio is
     * stale). {@code -1} when the run has none.
     */
    static int audioSegment(final Run run)
    {
        final int last = run.ledger.size() - 1;
        final PlayoutLedger.Segment segment = run.ledger.get(last);
        if (run.llmActive && (null == segment || segment.step != run.step))
        {
            return run.ledger.add(run.step, "");
        }
        return last;
    }

    /** Appends transcript text to the current step's segment. */
    static void text(final Run run, final String delta)
    {
        final PlayoutLedger.Segment segment = run.ledger.get(audioSegment(run));
        segment.text = segment.text + delta;
    }

    /** The step's generation is over: its audio is complete (a reply without audio has none to wait for). */
    static void complete(final Run run)
    {
        final PlayoutLedger.Segment segment = run.ledger.get(run.ledger.size() - 1);
        if (null != segment && segment.step == run.step)
        {
            segment.ttsDone = true;
        }
    }
}
