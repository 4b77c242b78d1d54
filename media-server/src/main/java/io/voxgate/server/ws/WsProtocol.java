package io.voxgate.server.ws;

/**
 * WS v1's fixed numbers (see {@code docs/WS_V1.md}).
 */
public final class WsProtocol
{
    /** The endpoint's path. */
    public static final String PATH = "/ws";
    /** Largest text message accepted. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    /** Longest {@code input.text}. */
    public static final int MAX_INPUT_TEXT_CHARS = 4000;
    /** Longest audio frame: 100 ms. */
    public static final int MAX_FRAME_MS = 100;
    /** The rate caller audio is analysed at; other input rates are resampled to it. */
    public static final int PIPELINE_RATE = 16000;
    /** Typed inputs, tool results and cancels of one session that the orchestrator has not taken yet, at most. */
    public static final int MAX_INPUTS_IN_FLIGHT = 32;
    /** Caller audio held between {@code session.start} and the session's start in the pipeline: one second. */
    public static final int MAX_HELD_FRAMES = 50;

    private WsProtocol()
    {
    }

    /**
     * Whether a rate is one WS v1 accepts for input or output audio.
     *
     * @param rate samples per second.
     * @return true for 16000, 24000 and 48000.
     */
    public static boolean isSupportedRate(final int rate)
    {
        return rate == 16000 || rate == 24000 || rate == 48000;
    }
}
