package io.voxgate.orchestrator.model;

/**
 * Something that happened in a call, as the orchestrator learns of it: from the transport (call start/end, marks,
 * DTMF), the media pipeline (VAD edges, audio levels), a provider (ASR, LLM, TTS, tools), the client or a timer.
 *
 * <p>Events are immutable values. Every event names its session and carries {@link #atMs()}, the session clock in
 * milliseconds (the same monotonic clock the timer service uses for {@link Command.StartTimer#dueAtMs()}); the
 * reducer never reads a clock, so a session replays identically from its events. Events produced by a provider
 * interaction implement {@link RunEvent} and carry the run ID and turn of the command that started it; an event
 * whose run is no longer current is dropped and counted, never applied.
 *
 * <p>Threading: events are created on any thread and handed to the session's owning orchestrator thread (see
 * {@code io.voxgate.orchestrator.reducer.CallReducer}); being immutable they are safe to publish.
 */
public sealed interface Event
{
    /**
     * The session (call) this event belongs to.
     *
     * @return the session ID, as given to the session when it was created.
     */
    String sessionId();

    /**
     * When the event happened on the session clock.
     *
     * @return milliseconds on the session's monotonic clock.
     */
    long atMs();

    /**
     * An event produced by one run's provider interaction (LLM, TTS, playout, tool): stale when its run is not the
     * session's current run.
     */
    sealed interface RunEvent extends Event
    {
        /**
         * The run that started the interaction.
         *
         * @return the run ID of the command this event answers.
         */
        long runId();

        /**
         * The user turn the run answers.
         *
         * @return the turn number (0 before the first user turn, e.g. the greeting).
         */
        int turn();
    }

    /**
     * The transport accepted the call (Twilio {@code start}); the session starts listening.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     */
    record CallStarted(String sessionId, long atMs) implements Event
    {
    }

    /**
     * The call is over on the transport side (Twilio {@code stop}, socket closed): everything is cancelled.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param reason    why, for the log.
     */
    record CallEnded(String sessionId, long atMs, String reason) implements Event
    {
    }

    /**
     * VAD: the caller started speaking.
     *
     * @param sessionId the session.
     * @param atMs      audio timestamp of the speech onset on the session clock.
     */
    record SpeechStarted(String sessionId, long atMs) implements Event
    {
    }

    /**
     * VAD: the caller stopped speaking (after the VAD's own hangover).
     *
     * @param sessionId the session.
     * @param atMs      audio timestamp of the end of speech on the session clock.
     */
    record SpeechStopped(String sessionId, long atMs) implements Event
    {
    }

    /**
     * One analysed frame of caller audio: the steady-state event of a call, which in most states changes nothing
     * and then allocates nothing. While the caller talks over the agent it measures the speech duration for
     * barge-in.
     *
     * @param sessionId the session.
     * @param atMs      audio timestamp of the end of the frame.
     * @param voiced    whether the VAD classed the frame as speech.
     * @param levelDbfs the frame's level in dBFS.
     */
    record AudioLevel(String sessionId, long atMs, boolean voiced, float levelDbfs) implements Event
    {
    }

    /**
     * ASR: an interim transcript of the caller's current utterance (may change).
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param text      the interim text.
     */
    record TranscriptPartial(String sessionId, long atMs, String text) implements Event
    {
    }

    /**
     * ASR: a final transcript of a piece of the caller's speech (several may arrive per turn, some late).
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param text      the final text.
     */
    record TranscriptFinal(String sessionId, long atMs, String text) implements Event
    {
    }

    /**
     * ASR: the recogniser gave up (its connection failed after its retries, or its circuit is open): no transcripts
     * come for the rest of the call, or until it recovers by itself. Counted; turns go on from the VAD alone.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param reason    why, for the log (secrets redacted by the adapter).
     */
    record AsrFailed(String sessionId, long atMs, String reason) implements Event
    {
    }

    /**
     * The caller pressed a key.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param digit     the key: {@code 0-9}, {@code *}, {@code #}, {@code A-D}.
     */
    record Dtmf(String sessionId, long atMs, String digit) implements Event
    {
    }

    /**
     * The user typed text (a browser's {@code input.text}): a whole user turn at once. It ends the turn now, without
     * an endpointing wait, and a reply that is running is interrupted first (as a key press interrupts it). Ignored
     * while the goodbye plays and when blank.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param text      the typed text, added to the user turn as a final transcript is.
     */
    record UserText(String sessionId, long atMs, String text) implements Event
    {
    }

    /**
     * The client asked to stop the assistant's current reply (a browser's {@code response.cancel}): the run is
     * interrupted as by a confirmed barge-in (history keeps what was heard) and the session listens again without
     * starting a turn. Ignored when no run is live and during the goodbye.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     */
    record CancelResponse(String sessionId, long atMs) implements Event
    {
    }

    /**
     * LLM: a piece of reply text.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.StartLlm}.
     * @param turn      the run's turn.
     * @param step      the tool-loop step of the {@link Command.StartLlm} (0 for the first request of a run).
     * @param text      the text delta.
     */
    record LlmDelta(String sessionId, long atMs, long runId, int turn, int step, String text) implements RunEvent
    {
    }

    /**
     * LLM: the model asks for a tool call (complete: arguments fully accumulated). Executed at {@link LlmDone}.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.StartLlm}.
     * @param turn      the run's turn.
     * @param step      the tool-loop step.
     * @param call      the call: ID, name and JSON arguments.
     */
    record LlmToolCall(String sessionId, long atMs, long runId, int turn, int step, ToolCall call)
        implements RunEvent
    {
    }

    /**
     * LLM: the request finished (with or without tool calls).
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.StartLlm}.
     * @param turn      the run's turn.
     * @param step      the tool-loop step.
     */
    record LlmDone(String sessionId, long atMs, long runId, int turn, int step) implements RunEvent
    {
    }

    /**
     * LLM: the request failed (error, timeout, disconnect) after the adapter's own retries.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.StartLlm}.
     * @param turn      the run's turn.
     * @param step      the tool-loop step.
     * @param reason    why, for the log.
     */
    record LlmFailed(String sessionId, long atMs, long runId, int turn, int step, String reason)
        implements RunEvent
    {
    }

    /**
     * TTS: a chunk of synthesized audio of one segment, PCM16 little-endian mono at {@code sampleRate}. Chunks of a
     * run arrive in segment order.
     *
     * @param sessionId  the session.
     * @param atMs       session clock.
     * @param runId      the run of the {@link Command.SynthesizeSegment}.
     * @param turn       the run's turn.
     * @param segment    the segment index.
     * @param sampleRate the audio's sample rate in Hz (e.g. 16000, 24000).
     * @param pcm        the samples; ownership passes to the orchestrator, which hands them on in
     *                   {@link Command.PlayAudio} without copying or reading them.
     */
    record TtsAudio(String sessionId, long atMs, long runId, int turn, int segment, int sampleRate, byte[] pcm)
        implements RunEvent
    {
    }

    /**
     * TTS: the segment's audio is complete.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.SynthesizeSegment}.
     * @param turn      the run's turn.
     * @param segment   the segment index.
     */
    record TtsDone(String sessionId, long atMs, long runId, int turn, int segment) implements RunEvent
    {
    }

    /**
     * TTS: synthesis of a segment failed.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.SynthesizeSegment}.
     * @param turn      the run's turn.
     * @param segment   the segment index.
     * @param reason    why, for the log.
     */
    record TtsFailed(String sessionId, long atMs, long runId, int turn, int segment, String reason)
        implements RunEvent
    {
    }

    /**
     * Transport: the caller has heard a segment up to {@code playedMs} (a playout mark echoed back, see
     * {@link PlayoutMarks}). Marks returned because of a {@link Command.ClearPlayback} belong to a cancelled run and
     * are dropped as stale.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param runId     the run of the {@link Command.PlayAudio}.
     * @param turn      the run's turn.
     * @param segment   the segment index.
     * @param playedMs  milliseconds of the segment heard, the {@link Command.PlayAudio#segmentEndMs()} of the mark.
     */
    record PlayoutProgress(String sessionId, long atMs, long runId, int turn, int segment, long playedMs)
        implements RunEvent
    {
    }

    /**
     * A server-side tool finished.
     *
     * @param sessionId  the session.
     * @param atMs       session clock.
     * @param runId      the run of the {@link Command.ExecuteTool}.
     * @param turn       the run's turn.
     * @param callId     the tool call's ID.
     * @param resultJson the result, JSON text, given to the LLM as the tool message.
     * @param error      whether the tool failed (the result then describes the error).
     */
    record ToolResult(String sessionId, long atMs, long runId, int turn, String callId, String resultJson,
        boolean error) implements RunEvent
    {
    }

    /**
     * The client answered a client-side tool call.
     *
     * @param sessionId  the session.
     * @param atMs       session clock.
     * @param runId      the run of the {@link Command.RequestClientTool}.
     * @param turn       the run's turn.
     * @param callId     the tool call's ID.
     * @param resultJson the result, JSON text.
     * @param error      whether the client reported an error.
     */
    record ClientToolResult(String sessionId, long atMs, long runId, int turn, String callId, String resultJson,
        boolean error) implements RunEvent
    {
    }

    /**
     * A timer started by {@link Command.StartTimer} expired. Stale (dropped, counted) unless {@code timerId} is the
     * timer of that kind currently pending.
     *
     * @param sessionId the session.
     * @param atMs      session clock (at or after the due time).
     * @param kind      which timer.
     * @param timerId   the ID from the {@link Command.StartTimer}.
     */
    record TimerFired(String sessionId, long atMs, TimerKind kind, long timerId) implements Event
    {
    }

    /**
     * The summarizer answered a {@link Command.SummarizeContext}: the summarized messages are replaced by one
     * system message holding the summary and the facts sheet.
     *
     * @param sessionId the session.
     * @param atMs      session clock.
     * @param requestId the request's ID.
     * @param summary   the summary of the older turns.
     * @param facts     the facts sheet (names, numbers, commitments), possibly empty.
     */
    record SummaryReady(String sessionId, long atMs, long requestId, String summary, String facts) implements Event
    {
    }
}
