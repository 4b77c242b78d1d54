package io.voxgate.server.pipeline;

/**
 * What an {@link IngressRing} {@code tryPublish...} method returns: {@link #PUBLISHED} or a negative reason. These
 * are the expected outcomes of the event-loop hot path, so they are return codes, never exceptions; every negative
 * outcome is also counted in {@link PipelineCounters}.
 */
public final class PublishResult
{
    /** The slot was published; the stages will see it. */
    public static final int PUBLISHED = 0;
    /** No free slot (the stages are behind): dropped, nothing published. */
    public static final int RING_FULL = -1;
    /** The media payload is not strict RFC 4648 base64: nothing reaches the stages (the slot is discarded). */
    public static final int INVALID_BASE64 = -2;
    /** The media payload decodes to more than {@link IngressSlot#MAX_PAYLOAD} bytes: nothing published. */
    public static final int PAYLOAD_TOO_LARGE = -3;
    /** The mark name is longer than {@link IngressSlot#MAX_PAYLOAD} or not ASCII: nothing published. */
    public static final int BAD_MARK = -4;
    /** The session index is outside {@code [0, maxCalls)}: a transport bug, nothing published. */
    public static final int BAD_SESSION = -5;
    /** The DTMF digit is not one of {@code 0-9 * # A-D}: nothing published. */
    public static final int BAD_DIGIT = -6;

    private PublishResult()
    {
    }

    /**
     * A result's name, for logs.
     *
     * @param result a value returned by a publish method.
     * @return its name.
     */
    public static String name(final int result)
    {
        return switch (result)
        {
            case PUBLISHED -> "published";
            case RING_FULL -> "ring-full";
            case INVALID_BASE64 -> "invalid-base64";
            case PAYLOAD_TOO_LARGE -> "payload-too-large";
            case BAD_MARK -> "bad-mark";
            case BAD_SESSION -> "bad-session";
            case BAD_DIGIT -> "bad-digit";
            default -> "unknown(" + result + ")";
        };
    }
}
