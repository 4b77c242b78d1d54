package io.voxgate.tools.call;

/**
 * How a simulated call ended.
 */
public enum CallEnding
{
    /** The caller said everything and hung up after the silence that followed ({@code stop} sent). */
    CALLER_HUNG_UP(true),
    /** The call reached its maximum duration and the caller hung up ({@code stop} sent). */
    MAX_DURATION(true),
    /** The server ended the call with a normal close (1000), e.g. the assistant hung up. */
    SERVER_HUNG_UP(true),
    /** The server closed the stream with another status (an error, idle timeout, shutting down). */
    SERVER_CLOSED(false),
    /** The connection could not be made, the upgrade was refused, or the connection broke. */
    CONNECTION_FAILED(false);

    private final boolean normal;

    CallEnding(final boolean normal)
    {
        this.normal = normal;
    }

    /**
     * @return true for the endings of a call that went as a phone call should.
     */
    public boolean normal()
    {
        return normal;
    }
}
