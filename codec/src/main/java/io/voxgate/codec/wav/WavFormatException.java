package io.voxgate.codec.wav;

import java.io.IOException;

/**
 * A WAV file that is malformed, truncated or in a format voxgate does not handle. The message names the problem
 * (and the file, when read from a path) in one line, fit for a command-line error.
 */
public final class WavFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, in one line.
     */
    public WavFormatException(final String message)
    {
        super(message);
    }
}
