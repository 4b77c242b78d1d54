package io.voxgate.orchestrator.model;

import java.util.List;

/**
 * Something the orchestrator wants done: the reducer's only output. Commands drive providers (ASR, LLM, TTS,
 * tools, summarizer), the caller's audio (play, clear), the timer service, the client and the call itself.
 *
 * <p>Commands are immutable values emitted into a {@code CommandSink} on the session's owning thread; executors
 * perform them off that thread and report back only through {@link Event}s. Commands of one provider interaction
 * implement {@link RunCommand} and carry the run ID and turn the answering events must echo.
 */
public sealed interface Command
{
    /**
     * The session (call) the command is for.
     *
     * @return the session ID.
     */
    String sessionId();

    /**
     * A command belonging to one run: its events must carry the same run ID and turn.
     */
    sealed interface RunCommand extends Command
    {
        /**
         * The run this command belongs to; always the session's current run when emitted.
         *
         * @return the run ID.
         */
        long runId();

        /**
         * The user turn the run answers.
         *
         * @return the turn number.
         */
        int turn();
    }

    /**
     * Open the call's streaming ASR session (kept open for the whole call, so barge-in can count words).
     *
     * @param sessionId the session.
     */
    record StartAsr(String sessionId) implements Command
    {
    }

    /**
     * Close the call's ASR session.
     *
     * @param sessionId the session.
     */
    record StopAsr(String sessionId) implements Command
    {
    }

    /**
     * Start an LLM request: step 0 answers a user turn, later steps continue the same turn after tool results or
     * after a false interruption.
     *
     * @param sessionId the session.
     * @param runId     the run; LLM events echo it.
     * @param turn      the turn answered.
     * @param step      the tool-loop step; LLM events echo it.
     * @param context   the conversation the model sees (immutable).
     */
    record StartLlm(String sessionId, long runId, int turn, int step, List<ChatMessage> context)
        implements RunCommand
    {
    }

    /**
     * Stop an LLM request at once (no further events for the run).
     *
     * @param sessionId the session.
     * @param runId     the run.
     * @param turn      the turn.
     */
    record CancelLlm(String sessionId, long runId, int turn) implements RunCommand
    {
    }

    /**
     * Synthesize one speakable segment of text.
     *
     * @param sessionId the session.
     * @param runId     the run; TTS events echo it.
     * @param turn      the turn.
     * @param segment   the segment index within the run (0, 1, ...); TTS events echo it.
     * @param text      the text to speak.
     */
    record SynthesizeSegment(String sessionId, long runId, int turn, int segment, String text) implements RunCommand
    {
    }

    /**
     * Stop all synthesis of a run at once.
     *
     * @param sessionId the session.
     * @param runId     the run.
     * @param turn      the turn.
     */
    record CancelTts(String sessionId, long runId, int turn) implements RunCommand
    {
    }

    /**
     * Queue audio for the caller, followed by a playout mark (name from {@link PlayoutMarks#name(PlayAudio)}) whose
     * echo becomes a {@link Event.PlayoutProgress} with {@code playedMs = segmentEndMs}.
     *
     * @param sessionId    the session.
     * @param runId        the run.
     * @param turn         the turn.
     * @param segment      the segment the audio belongs to.
     * @param sampleRate   sample rate of {@code pcm} in Hz.
     * @param pcm          PCM16 little-endian mono, as received from TTS.
     * @param segmentEndMs milliseconds of the segment heard once this chunk has played.
     */
    record PlayAudio(String sessionId, long runId, int turn, int segment, int sampleRate, byte[] pcm,
        long segmentEndMs) implements RunCommand
    {
    }

    /**
     * Barge-in: drop all of the run's audio still buffered for the caller (Twilio {@code clear}) at once.
     *
     * @param sessionId the session.
     * @param runId     the run whose audio is dropped.
     * @param turn      the turn.
     */
    record ClearPlayback(String sessionId, long runId, int turn) implements RunCommand
    {
    }

    /**
     * Speech-to-speech only ({@link AssistantSettings#speechToSpeech()}): the run was stopped while its reply was
     * playing, so the model's memory of the reply is cut to the audio the caller heard (OpenAI Realtime
     * {@code conversation.item.truncate}). Emitted after the run's cancel commands.
     *
     * @param sessionId the session.
     * @param runId     the stopped run.
     * @param turn      the turn.
     * @param playedMs  milliseconds of the current step's reply audio the caller heard (confirmed by marks).
     */
    record TruncateReply(String sessionId, long runId, int turn, long playedMs) implements RunCommand
    {
    }

    /**
     * Execute a server-side tool; answer with {@link Event.ToolResult}. The orchestrator gives up after
     * {@code timeoutMs} (its own timer) and cancels the call.
     *
     * @param sessionId the session.
     * @param runId     the run.
     * @param turn      the turn.
     * @param call      the call.
     * @param timeoutMs how long the orchestrator waits.
     */
    record ExecuteTool(String sessionId, long runId, int turn, ToolCall call, long timeoutMs) implements RunCommand
    {
    }

    /**
     * Ask the client to execute a client-side tool; answer with {@link Event.ClientToolResult}.
     *
     * @param sessionId the session.
     * @param runId     the run.
     * @param turn      the turn.
     * @param call      the call.
     * @param timeoutMs how long the orchestrator waits.
     */
    record RequestClientTool(String sessionId, long runId, int turn, ToolCall call, long timeoutMs)
        implements RunCommand
    {
    }

    /**
     * Abandon a tool call (barge-in, timeout); a late result is dropped.
     *
     * @param sessionId the session.
     * @param runId     the run.
     * @param turn      the turn.
     * @param callId    the call's ID.
     */
    record CancelTool(String sessionId, long runId, int turn, String callId) implements RunCommand
    {
    }

    /**
     * Start (or restart: it replaces a pending timer of the same kind) a timer that answers with
     * {@link Event.TimerFired} carrying the same kind and ID at or after {@code dueAtMs}.
     *
     * @param sessionId the session.
     * @param kind      which timer.
     * @param timerId   the ID the firing must echo.
     * @param dueAtMs   due time on the session clock.
     */
    record StartTimer(String sessionId, TimerKind kind, long timerId, long dueAtMs) implements Command
    {
    }

    /**
     * Cancel a pending timer (a firing that races the cancel is dropped as stale anyway).
     *
     * @param sessionId the session.
     * @param kind      which timer.
     * @param timerId   its ID.
     */
    record CancelTimer(String sessionId, TimerKind kind, long timerId) implements Command
    {
    }

    /**
     * Tell the client what the caller said.
     *
     * @param sessionId the session.
     * @param turn      the user turn the text belongs to.
     * @param text      the transcript.
     * @param isFinal   final or interim.
     */
    record SendTranscript(String sessionId, int turn, String text, boolean isFinal) implements Command
    {
    }

    /**
     * Tell the client what the assistant said: the text the caller heard, committed to the history.
     *
     * @param sessionId   the session.
     * @param runId       the run.
     * @param turn        the turn.
     * @param text        the heard text.
     * @param interrupted whether the reply was cut short (barge-in, failure, end of call).
     */
    record SendAssistantMessage(String sessionId, long runId, int turn, String text, boolean interrupted)
        implements RunCommand
    {
    }

    /**
     * Summarize older turns: the answer ({@link Event.SummaryReady}) replaces {@code messages}, the first messages
     * of the history after the system prompt, by one system message; the last turns stay verbatim.
     *
     * @param sessionId the session.
     * @param requestId echoed by the answer.
     * @param messages  the messages to summarize, oldest first.
     */
    record SummarizeContext(String sessionId, long requestId, List<ChatMessage> messages) implements Command
    {
    }

    /**
     * End the call from our side.
     *
     * @param sessionId the session.
     * @param reason    why: {@code idle}, {@code max-duration}.
     */
    record HangUp(String sessionId, String reason) implements Command
    {
    }
}
