package io.voxgate.server.twilio;

import java.util.Arrays;

/**
 * A growable character buffer that is its own {@link CharSequence}: holds one string field of the message being
 * parsed (payload, mark name, stream SID) so it can be handed on without creating a {@code String}.
 *
 * <p>Grows (allocates) only when a value is longer than any seen before on this connection, bounded by the frame
 * size limit; in steady state it allocates nothing. Not thread-safe: owned by one connection's event loop.
 */
final class CharArraySequence implements CharSequence
{
    private char[] chars;
    private int length;

    CharArraySequence(final int initialCapacity)
    {
        chars = new char[initialCapacity];
    }

    void set(final char[] source, final int offset, final int count)
    {
        if (count > chars.length)
        {
            chars = Arrays.copyOf(chars, Math.max(count, chars.length * 2));
        }
        System.arraycopy(source, offset, chars, 0, count);
        length = count;
    }

    void clear()
    {
        length = 0;
    }

    char[] array()
    {
        return chars;
    }

    boolean contentEquals(final String value)
    {
        return value.length() == length && regionMatches(chars, 0, value);
    }

    static boolean regionMatches(final char[] chars, final int offset, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            if (chars[offset + i] != value.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (index >= length)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    @Override
    public String toString()
    {
        return new String(chars, 0, length);
    }
}
