package io.voxgate.server.history;

import java.io.IOException;

/**
 * A history write the sink refused for good (e.g. the backend answered 400): retrying would not help, so the
 * worker counts the item failed and goes on.
 */
public final class HistoryRejectedException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused and why.
     */
    public HistoryRejectedException(final String message)
    {
        super(message);
    }
}
