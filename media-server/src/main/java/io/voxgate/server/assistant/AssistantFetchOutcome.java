package io.voxgate.server.assistant;

import io.voxgate.server.metrics.Labelled;

/**
 * How one fetch of an assistant configuration ended; counted as {@code voxgate_assistant_fetches_total{outcome}}.
 */
public enum AssistantFetchOutcome implements Labelled
{
    /** A valid configuration arrived. */
    FETCHED("fetched"),
    /** The source has no assistant of that ID (HTTP 404, or no local file). */
    NOT_FOUND("not_found"),
    /** The backend could not be reached (connection refused, reset, unknown host). */
    UNREACHABLE("unreachable"),
    /** The backend did not answer within {@code BACKEND_TIMEOUT_SEC}. */
    TIMEOUT("timeout"),
    /** The backend answered with an error status (5xx, or a 4xx other than 404). */
    ERROR_STATUS("error_status"),
    /** The body was not a valid assistant (bad JSON/YAML, a field failing validation, the wrong ID). */
    MALFORMED("malformed");

    private final String label;

    AssistantFetchOutcome(final String label)
    {
        this.label = label;
    }

    @Override
    public String label()
    {
        return label;
    }

    /**
     * @return whether this is a failure of the source (an outage or a bad answer), not a definite answer.
     */
    public boolean isFailure()
    {
        return this != FETCHED && this != NOT_FOUND;
    }
}
