package io.voxgate.server.assistant;

/**
 * An {@link AssistantConfigSource} failed to deliver a configuration; {@link #outcome()} says how, for the metrics.
 */
public final class AssistantFetchException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final AssistantFetchOutcome outcome;

    /**
     * @param outcome how the fetch failed (not {@link AssistantFetchOutcome#FETCHED} or
     *                {@link AssistantFetchOutcome#NOT_FOUND}).
     * @param message what happened, naming the source.
     * @param cause   the underlying error, or {@code null}.
     */
    public AssistantFetchException(final AssistantFetchOutcome outcome, final String message, final Throwable cause)
    {
        super(message, cause);
        this.outcome = outcome;
    }

    /**
     * @return how the fetch failed.
     */
    public AssistantFetchOutcome outcome()
    {
        return outcome;
    }
}
