/**
 * The call orchestrator: a pure reducer from (state, event) to (state', commands), owned by one thread.
 */
package io.voxgate.orchestrator;
