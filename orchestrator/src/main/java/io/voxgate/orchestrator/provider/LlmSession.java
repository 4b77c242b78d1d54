package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.model.Command;

/**
 * One call's side of an {@link LlmProvider}.
 *
 * <p>For each {@link Command.StartLlm} it publishes, all with the command's run ID, turn and step:
 * zero or more {@code LlmDelta} (text in order), zero or more {@code LlmToolCall} (complete calls, in the model's
 * order), then exactly one of {@code LlmDone} or {@code LlmFailed}, unless the run is cancelled first, in which case
 * nothing more.
 *
 * <p><b>Threading:</b> methods are called by one thread at a time (the call's orchestrator thread) and never block
 * on I/O; events are published from the adapter's threads (see the package rules).
 */
public interface LlmSession extends AutoCloseable
{
    /**
     * Starts one request; returns at once.
     *
     * @param command the request: run, turn, step and the conversation context.
     */
    void start(Command.StartLlm command);

    /**
     * Cancels every request of the run: when this returns nothing more of it is published and its network call
     * is cancelled. Unknown or finished runs are ignored.
     *
     * @param runId the run.
     */
    void cancel(long runId);

    /**
     * Cancels everything and releases the call's resources. Nothing is published afterwards.
     */
    @Override
    void close();
}
