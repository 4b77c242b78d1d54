/**
 * Picks and wires providers: the registry of provider names, the per-assistant provider set and the per-call
 * router from orchestrator commands to provider sessions.
 */
package io.voxgate.orchestrator.provider.registry;
