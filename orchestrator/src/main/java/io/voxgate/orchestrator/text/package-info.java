/**
 * Text handling on the orchestrator thread: cutting streamed LLM text into speakable segments and counting words.
 */
package io.voxgate.orchestrator.text;
