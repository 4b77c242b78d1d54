package io.voxgate.server.http;

/**
 * Whether the server takes new calls: what {@code GET /ready} reports. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReadinessProbe
{
    /**
     * Reads the current readiness.
     *
     * @return false while draining.
     */
    boolean isReady();
}
