/**
 * OpenAI-compatible adapters (OpenAI, Azure-compatible gateways, Groq, Ollama, vLLM, llama.cpp server, LM Studio):
 * Chat Completions streaming over server-sent events.
 */
package io.voxgate.orchestrator.provider.openai;
