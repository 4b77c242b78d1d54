/**
 * Secrets: API keys read from the environment or a file, never printed.
 */
package io.voxgate.orchestrator.provider.secret;
