/**
 * Assistant configuration files ({@code config/assistants/ID.yaml}): which providers an assistant uses, its tools,
 * dynamic variables, orchestrator settings and, for the {@code scripted} LLM, its script.
 */
package io.voxgate.orchestrator.provider.config;
