package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link CommandSink} that keeps the commands of the current event in a reused list: {@link #clear()} before each
 * event, read {@link #commands()} after. The list grows once and is then reused, so buffering allocates nothing in
 * steady state.
 *
 * <p>Not thread-safe: owned by the session's thread, like the session.
 */
public final class CommandBuffer implements CommandSink
{
    private final ArrayList<Command> commands = new ArrayList<>(16);
    private final List<Command> view = Collections.unmodifiableList(commands);

    @Override
    public void accept(final Command command)
    {
        commands.add(command);
    }

    /**
     * Forgets the buffered commands (keeps the capacity).
     */
    public void clear()
    {
        commands.clear();
    }

    /**
     * The commands buffered since the last {@link #clear()}.
     *
     * @return a live read-only view; copy it to keep it past the next {@link #clear()}.
     */
    public List<Command> commands()
    {
        return view;
    }

    /**
     * How many commands are buffered.
     *
     * @return the count.
     */
    public int size()
    {
        return commands.size();
    }
}
