package io.voxgate.tools;

/**
 * The user's arguments or input cannot be used: reported as one line on stderr with exit status 2.
 */
public final class InputException extends RuntimeException
{
    /**
     * @param message what is wrong, for a person to read.
     */
    public InputException(final String message)
    {
        super(message);
    }
}
