package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;

/**
 * Receives the commands the reducer emits for one event, in order. One sink is reused for every event (no list is
 * created per event); an implementation typically forwards each command to its executor or buffers them, as
 * {@link CommandBuffer} does.
 *
 * <p>Called only on the session's owning thread, synchronously, during {@link CallReducer#apply}. An implementation
 * must not call back into the reducer.
 */
@FunctionalInterface
public interface CommandSink
{
    /**
     * Takes one command.
     *
     * @param command the command, never {@code null}.
     */
    void accept(Command command);
}
