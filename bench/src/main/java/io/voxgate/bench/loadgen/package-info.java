/**
 * The load generator ({@code voxgate loadgen}): many simulated Twilio Media Streams calls from one process against a
 * running voxgate server, paced by one 20 ms timer, with latency percentiles in HdrHistogram form.
 */
package io.voxgate.bench.loadgen;
