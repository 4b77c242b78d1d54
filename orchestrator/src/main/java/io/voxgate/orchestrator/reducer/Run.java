package io.voxgate.orchestrator.reducer;

/**
 * One live run: the reply (or fixed line) being produced for a turn, with its LLM steps, TTS segments, playout and
 * tool calls. A run is current from its start until it completes, fails or is interrupted; afterwards every event
 * carrying its ID is stale. Owned by the session's thread.
 */
final class Run
{
    final long id;
    final int turn;
    final RunKind kind;
    final PlayoutLedger ledger = new PlayoutLedger();
    final ToolSteps tools = new ToolSteps();
    final int firstStep;
    int step;
    boolean llmActive;
    boolean llmFinished;
    boolean audioThisStep;
    /** The model called {@link io.voxgate.orchestrator.model.ToolCall#END_CALL}: hang up once it is heard. */
    boolean endsCall;

    Run(final long id, final int turn, final RunKind kind, final int step)
    {
        this.id = id;
        this.turn = turn;
        this.kind = kind;
        this.firstStep = step;
        this.step = step;
    }

    /** Whether this run is the call's last words: a goodbye line or a reply that ends the call; not interruptible. */
    boolean isGoodbye()
    {
        return kind == RunKind.GOODBYE || endsCall;
    }
}
