/**
 * JMH micro-benchmarks and the load generator.
 */
package io.voxgate.bench;
