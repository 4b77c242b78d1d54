package io.voxgate.orchestrator.replay;

/**
 * A session log that cannot be read: not JSON, an unknown event or command, a missing field, no header. Carries
 * the 1-based line number.
 */
public final class SessionLogException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The 1-based line of the log where reading failed. */
    private final int line;

    /**
     * Creates the exception.
     *
     * @param line    the 1-based line number.
     * @param message what is wrong.
     * @param cause   the parser's exception, or {@code null}.
     */
    public SessionLogException(final int line, final String message, final Throwable cause)
    {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    /**
     * The line where reading failed.
     *
     * @return the 1-based line number.
     */
    public int line()
    {
        return line;
    }
}
