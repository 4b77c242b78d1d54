package io.voxgate.server.pipeline;

/**
 * The sixteen DTMF keys ({@code 0-9 * # A-D}) and one shared {@code String} per key, so turning a digit into an
 * orchestrator event allocates no string. Stateless and thread-safe.
 */
final class DtmfDigits
{
    private static final String KEYS = "0123456789*#ABCD";
    private static final String[] STRINGS = new String[KEYS.length()];

    static
    {
        for (int i = 0; i < KEYS.length(); i++)
        {
            STRINGS[i] = String.valueOf(KEYS.charAt(i));
        }
    }

    private DtmfDigits()
    {
    }

    /** The key's index, or -1 when {@code digit} is not a DTMF key. */
    static int indexOf(final int digit)
    {
        return digit > 0 && digit < 0x80 ? KEYS.indexOf(digit) : -1;
    }

    /** The shared string of a valid key. */
    static String string(final int digit)
    {
        return STRINGS[indexOf(digit)];
    }
}
