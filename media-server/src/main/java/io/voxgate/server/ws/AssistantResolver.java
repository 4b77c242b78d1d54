package io.voxgate.server.ws;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How a session start finds its assistant: given the ID a client asked for, completes (on any thread) with the ID
 * the pipeline will run, or with {@code null} when there is no such assistant. An empty request means the server's
 * default assistant and completes with {@code ""}. Implementations never block the caller (an event loop).
 */
@FunctionalInterface
public interface AssistantResolver
{
    /**
     * Resolves an assistant.
     *
     * @param requested the requested ID, or empty for the default.
     * @return the ID to run, {@code ""} for the default, or {@code null} if unknown.
     */
    CompletableFuture<String> resolve(String requested);

    /**
     * A resolver over a fixed or live set of names (no fetching).
     *
     * @param names the names the pipeline knows.
     * @return the resolver.
     */
    static AssistantResolver of(final Supplier<Set<String>> names)
    {
        return requested -> CompletableFuture.completedFuture(
            requested.isEmpty() ? "" : names.get().contains(requested) ? requested : null);
    }
}
