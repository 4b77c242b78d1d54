package io.voxgate.server.pipeline;

/**
 * One entry of the egress ring: a mutable, pre-allocated command from the orchestrator to the egress thread. Audio
 * is handed over by reference (the {@code byte[]} of a {@code PlayAudio}, owned by the pipeline once emitted and
 * never written again), so the orchestrator never copies reply audio; the egress thread clears the reference when
 * done so the ring does not keep audio alive.
 *
 * <p><b>Threading:</b> written by the orchestrator thread between claiming and publishing the sequence, then read
 * by the egress thread; the ring's publication orders the two.
 */
final class EgressCommand
{
    /** A call started: prepare its channel (stream SID). */
    static final int BEGIN = 1;
    /** Play PCM16 audio, then send a mark. */
    static final int PLAY = 2;
    /** Barge-in: Twilio {@code clear}. */
    static final int CLEAR = 3;
    /** Close the call from our side. */
    static final int HANG_UP = 4;
    /** The call is over: release the session index. */
    static final int END = 5;
    /** A client session's typed event: {@link #text} is the type, {@link #fields} its JSON members. */
    static final int EVENT = 6;

    int kind;
    int sessionIndex;
    long commandNanos;
    /** For the first audio of a reply: end of the caller's turn; for a clear: the barge-in's onset; else 0. */
    long originNanos;
    byte[] pcm;
    int sampleRate;
    long runId;
    int turn;
    int segment;
    long segmentEndMs;
    String text;
    String fields;

    void clear()
    {
        pcm = null;
        text = null;
        fields = null;
    }
}
