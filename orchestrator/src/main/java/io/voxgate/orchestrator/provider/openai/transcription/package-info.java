/**
 * ASR {@code openai-transcription}: per-utterance uploads to an OpenAI-compatible {@code /audio/transcriptions}
 * endpoint (OpenAI, whisper.cpp server, faster-whisper servers), with the utterances cut by an energy endpointer.
 */
package io.voxgate.orchestrator.provider.openai.transcription;
