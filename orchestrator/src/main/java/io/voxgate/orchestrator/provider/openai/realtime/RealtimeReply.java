package io.voxgate.orchestrator.provider.openai.realtime;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.provider.websocket.StreamDeadline;

import java.util.List;

/**
 * One reply the reducer asked for ({@code respond}) and what the model has produced for it so far: its response ID,
 * the assistant audio item and how much audio it carried (μ-law: 8 bytes per millisecond), for barge-in truncation.
 *
 * <p><b>Threading:</b> guarded by the call's {@link RealtimeReplies} monitor.
 */
final class RealtimeReply
{
    /** μ-law 8 kHz: one byte per sample. */
    static final int BYTES_PER_MS = 8;

    final long runId;
    final int turn;
    final int step;
    /** What the reducer sent; read once, when the reply is sent. */
    final List<ChatMessage> context;
    String responseId;
    String itemId;
    long audioBytes;
    boolean produced;
    boolean audio;
    StreamDeadline deadline;
    long sentNanos;

    RealtimeReply(final Command.StartLlm command)
    {
        this.runId = command.runId();
        this.turn = command.turn();
        this.step = command.step();
        this.context = command.context();
    }

    long audioMs()
    {
        return audioBytes / BYTES_PER_MS;
    }
}
