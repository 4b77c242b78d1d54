package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.text.SentenceChunker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * All state of one call's orchestration: turn-taking, the live run, timers, the conversation history and counters.
 * Allocated once when the call starts; changed only by {@link CallReducer#apply}.
 *
 * <p><b>Owning-thread rule:</b> a session belongs to exactly one orchestrator thread for its whole life. Only that
 * thread applies events to it and reads it; events from other threads (transport, DSP, provider I/O, timers) are
 * handed over as immutable {@link io.voxgate.orchestrator.model.Event}s through a queue or ring whose publication
 * is the only memory-ordering point. Nothing here is synchronized or volatile, by design; the read accessors are
 * for the owning thread (and for tests).
 */
public final class Session
{
    final String id;
    final AssistantSettings settings;
    final SentenceChunker chunker;
    final ArrayList<ChatMessage> history = new ArrayList<>();
    final List<ChatMessage> historyView = Collections.unmodifiableList(history);
    final TimerTable timers = new TimerTable();

    SessionState state = SessionState.IDLE;
    int turn;
    long lastRunId;
    Run run;
    String goodbyeReason = "";

    boolean callerSpeaking;
    long speechStartMs;
    long speechStopMs;
    /** Voiced time since the last confirmed barge-in over all its speech segments: judges a false interruption. */
    long interruptionSpeechMs;

    final StringBuilder userText = new StringBuilder();
    final StringBuilder dtmfDigits = new StringBuilder();
    boolean turnPending;
    boolean userFinal;
    int userWords;

    boolean candidate;
    long candidateStartMs;
    int candidateWords;
    final StringBuilder candidateText = new StringBuilder();
    boolean overlapInRun;
    Resume resume;

    int reprompts;

    long lastSummaryId;
    boolean summaryPending;
    int summaryCount;

    long staleEvents;
    long ignoredEvents;
    long foreignEvents;
    long bargeIns;
    long falseInterruptions;
    long backchannels;
    long failures;
    long asrFailures;
    long cancelledResponses;

    /**
     * Creates the state of a call that has not started yet ({@link SessionState#IDLE}).
     *
     * @param id       the session ID every event and command carries.
     * @param settings the assistant's settings.
     */
    public Session(final String id, final AssistantSettings settings)
    {
        this.id = Objects.requireNonNull(id, "id");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.chunker = new SentenceChunker(Math.max(1, settings.minSentenceChars()),
            Math.max(1, settings.minClauseChars()));
        if (!settings.systemPrompt().isEmpty())
        {
            history.add(ChatMessage.system(settings.systemPrompt()));
        }
    }

    /**
     * The session ID.
     *
     * @return the ID.
     */
    public String id()
    {
        return id;
    }

    /**
     * The assistant's settings.
     *
     * @return the settings.
     */
    public AssistantSettings settings()
    {
        return settings;
    }

    /**
     * The current state.
     *
     * @return the state.
     */
    public SessionState state()
    {
        return state;
    }

    /**
     * The last user turn number (0 before the first turn ends).
     *
     * @return the turn.
     */
    public int turn()
    {
        return turn;
    }

    /**
     * The live run's ID.
     *
     * @return the run ID, or 0 when no run is live.
     */
    public long currentRunId()
    {
        return null == run ? 0 : run.id;
    }

    /**
     * The kind of the live run.
     *
     * @return the kind, or {@code null} when no run is live.
     */
    public RunKind currentRunKind()
    {
        return null == run ? null : run.kind;
    }

    /**
     * The conversation history: system prompt, summaries, user messages, what the caller heard of the assistant,
     * tool calls and results.
     *
     * @return a live read-only view.
     */
    public List<ChatMessage> history()
    {
        return historyView;
    }

    /**
     * Whether a timer of this kind is pending.
     *
     * @param kind the timer kind.
     * @return true when started and neither fired nor cancelled.
     */
    public boolean isTimerPending(final TimerKind kind)
    {
        return timers.isPending(kind);
    }

    /**
     * Whether any timer is pending.
     *
     * @return true when at least one timer is pending.
     */
    public boolean anyTimerPending()
    {
        return timers.anyPending();
    }

    /**
     * Whether the caller is speaking according to the VAD.
     *
     * @return true between speech started and stopped.
     */
    public boolean callerSpeaking()
    {
        return callerSpeaking;
    }

    /**
     * Events dropped because their run, step, timer or summary request was no longer current.
     *
     * @return the count.
     */
    public long staleEvents()
    {
        return staleEvents;
    }

    /**
     * Events that meant nothing in the state they arrived in (before the call, after it, duplicates).
     *
     * @return the count.
     */
    public long ignoredEvents()
    {
        return ignoredEvents;
    }

    /**
     * Events addressed to another session.
     *
     * @return the count.
     */
    public long foreignEvents()
    {
        return foreignEvents;
    }

    /**
     * Barge-ins: the agent stopped because the caller spoke.
     *
     * @return the count.
     */
    public long bargeIns()
    {
        return bargeIns;
    }

    /**
     * False interruptions that resumed the interrupted reply.
     *
     * @return the count.
     */
    public long falseInterruptions()
    {
        return falseInterruptions;
    }

    /**
     * Caller speech over the agent that was too short to interrupt, and transcripts of it.
     *
     * @return the count.
     */
    public long backchannels()
    {
        return backchannels;
    }

    /**
     * LLM/TTS failures and response timeouts.
     *
     * @return the count.
     */
    public long failures()
    {
        return failures;
    }

    /**
     * How often the recogniser gave up ({@link io.voxgate.orchestrator.model.Event.AsrFailed}); the call went on
     * taking turns from the VAD alone.
     *
     * @return the count.
     */
    public long asrFailures()
    {
        return asrFailures;
    }

    /**
     * Replies the client cancelled ({@link io.voxgate.orchestrator.model.Event.CancelResponse}).
     *
     * @return the count.
     */
    public long cancelledResponses()
    {
        return cancelledResponses;
    }

    /**
     * The observable summary of the session, for logs and replay.
     *
     * @return a new snapshot.
     */
    public SessionSnapshot snapshot()
    {
        return new SessionSnapshot(state, turn, currentRunId(), history.size(), staleEvents);
    }
}
