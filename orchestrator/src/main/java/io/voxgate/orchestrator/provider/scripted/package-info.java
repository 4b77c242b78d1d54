/**
 * The offline rule-based LLM {@code scripted}, driven by an assistant's script.
 */
package io.voxgate.orchestrator.provider.scripted;
