package io.voxgate.orchestrator.provider.resilience;

import java.util.Objects;

/**
 * A failed provider request, classified. Its message is already redacted (no secrets) and becomes the reason of the
 * failure event.
 */
public final class ProviderException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    /**
     * A classified failure.
     *
     * @param kind    why.
     * @param message what happened, without secrets.
     */
    public ProviderException(final ErrorKind kind, final String message)
    {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The classification.
     *
     * @return the kind.
     */
    public ErrorKind kind()
    {
        return kind;
    }

    /**
     * The failure as the reason of a failure event: {@code kind: message}.
     *
     * @return the reason.
     */
    public String reason()
    {
        return kind.label() + ": " + getMessage();
    }
}
