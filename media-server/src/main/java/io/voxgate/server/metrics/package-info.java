/**
 * Metric building blocks: allocation-free enum-keyed counters, HdrHistogram latencies exported as Prometheus
 * histograms, and the text exposition our own {@code /metrics} handler serves.
 */
package io.voxgate.server.metrics;
