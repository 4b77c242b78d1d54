package io.voxgate.server.pipeline;

import java.util.Map;
import java.util.Set;

/**
 * Where the orchestrator finds the assistant a call asked for when the call starts: a fixed table, or a live
 * directory that control-plane fetches update while calls run.
 *
 * <p><b>Threading:</b> {@link #find} is called on the orchestrator thread and must neither block nor do I/O (a
 * concurrent map read is the intended cost); implementations are safe for that thread to read while others update.
 */
public interface AssistantLookup
{
    /**
     * The assistant of a name, as it is now.
     *
     * @param name the name a call selected (may be empty).
     * @return the assistant, or {@code null} when there is none of that name.
     */
    AssistantBackend find(String name);

    /**
     * @return the names that resolve now (for errors and listings).
     */
    Set<String> names();

    /**
     * A fixed table.
     *
     * @param assistants the assistants by name; copied.
     * @return the lookup.
     */
    static AssistantLookup of(final Map<String, AssistantBackend> assistants)
    {
        final Map<String, AssistantBackend> copy = Map.copyOf(assistants);
        return new AssistantLookup()
        {
            @Override
            public AssistantBackend find(final String name)
            {
                return copy.get(name);
            }

            @Override
            public Set<String> names()
            {
                return copy.keySet();
            }
        };
    }
}
