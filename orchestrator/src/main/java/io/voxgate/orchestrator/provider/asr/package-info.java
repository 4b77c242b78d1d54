/**
 * Speech recognisers: {@code none} (turn-taking from VAD alone) and streaming adapters.
 */
package io.voxgate.orchestrator.provider.asr;
