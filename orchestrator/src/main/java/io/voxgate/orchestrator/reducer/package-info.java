/**
 * The deterministic reducer: {@link io.voxgate.orchestrator.reducer.CallReducer} applies events to a
 * {@link io.voxgate.orchestrator.reducer.Session} and emits commands into a reused
 * {@link io.voxgate.orchestrator.reducer.CommandSink}; the policies (turn-taking, barge-in, runs and playout, tool
 * loop, call lifecycle, context) are package-private classes. A session is owned by exactly one thread.
 */
package io.voxgate.orchestrator.reducer;
