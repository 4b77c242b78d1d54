package io.voxgate.orchestrator.provider.resilience;

/**
 * Why a provider request failed: the label of the error metric and what decides retries and circuit breaking.
 */
public enum ErrorKind
{
    /** HTTP 401/403: bad or missing key. Not retried; the endpoint is healthy. */
    AUTH(false, false),
    /** HTTP 429: rate limited. Retried with backoff; counts against the endpoint. */
    RATE_LIMITED(true, true),
    /** HTTP 5xx. Retried; counts against the endpoint. */
    SERVER(true, true),
    /** Other HTTP 4xx: our request is wrong. Not retried; the endpoint is healthy. */
    CLIENT(false, false),
    /** Connection refused, DNS, TLS: no request reached the provider. Retried; counts against the endpoint. */
    CONNECT(true, true),
    /** No first byte within the first-byte timeout. Retried; counts against the endpoint. */
    FIRST_BYTE_TIMEOUT(true, true),
    /** The stream stalled longer than the idle timeout. Counts against the endpoint. */
    IDLE_TIMEOUT(true, true),
    /** The connection broke mid-stream. Counts against the endpoint. */
    DISCONNECT(true, true),
    /** The provider sent something that does not parse. Counts against the endpoint. */
    MALFORMED(false, true),
    /** The endpoint's circuit is open: failed fast without a request. */
    CIRCUIT_OPEN(false, false),
    /** The run was cancelled: not an error of the provider. */
    CANCELLED(false, false);

    private final boolean retryable;
    private final boolean countsAgainstEndpoint;

    ErrorKind(final boolean retryable, final boolean countsAgainstEndpoint)
    {
        this.retryable = retryable;
        this.countsAgainstEndpoint = countsAgainstEndpoint;
    }

    /**
     * Whether a request that failed this way may be sent again (only ever before any output was produced).
     *
     * @return true when a retry is safe.
     */
    public boolean retryable()
    {
        return retryable;
    }

    /**
     * Whether this failure counts towards opening the endpoint's circuit.
     *
     * @return true for failures of the endpoint itself.
     */
    public boolean countsAgainstEndpoint()
    {
        return countsAgainstEndpoint;
    }

    /**
     * The metric label.
     *
     * @return e.g. {@code rate_limited}.
     */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
