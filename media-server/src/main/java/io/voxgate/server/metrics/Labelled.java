package io.voxgate.server.metrics;

/**
 * A value that names itself in a Prometheus label ({@code kind="malformed_json"}).
 */
public interface Labelled
{
    /**
     * The label value: lower-case, stable across releases (dashboards and alerts depend on it).
     *
     * @return the label value.
     */
    String label();
}
