package io.voxgate.orchestrator.text;

import java.util.Locale;
import java.util.Set;

/**
 * Cuts streamed LLM text into speakable segments so synthesis starts on the first sentence or clause instead of
 * waiting for the whole reply.
 *
 * <p>A segment ends at a sentence end ({@code . ! ?}, an ellipsis, a line break) once it holds at least
 * {@code minSentenceChars} characters, or at a clause end ({@code , ; :}) once it holds at least
 * {@code minClauseChars}. A punctuation mark only ends a segment when whitespace follows it (closing quotes and
 * brackets may sit in between): this alone keeps numbers ({@code 3.5}, {@code 1,000}), e-mail addresses
 * ({@code jane.doe@example.com}), URLs ({@code www.example.com/a.b}) and times ({@code 10:30}) whole, because the
 * decision waits for the next character, which may arrive in a later delta. A period after a known abbreviation
 * ({@code Dr.}, {@code e.g.}) or an initial ({@code J.}, {@code U.S.}) never ends a segment.
 *
 * <p>Usage: {@link #append(CharSequence)} each delta, then take segments with {@link #next()} until it returns
 * {@code null}; at the end of the reply {@link #flush()} returns the rest. Appending allocates nothing once the
 * buffer has grown; each returned segment is a new trimmed string. Not thread-safe: owned by the session's thread.
 */
public final class SentenceChunker
{
    private static final Set<String> ABBREVIATIONS = Set.of(
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "no", "nr", "fig", "inc", "ltd", "co",
        "corp", "dept", "approx", "est", "min", "max", "avg", "tel", "ext", "apt", "ave", "blvd", "rd", "gen", "gov",
        "sgt", "capt", "lt", "col", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "e.g", "i.e", "cf", "al", "viz");

    private final int minSentenceChars;
    private final int minClauseChars;
    private final StringBuilder buffer = new StringBuilder(256);
    private int scanFrom;

    /**
     * Creates a chunker.
     *
     * @param minSentenceChars characters a segment needs before a sentence end cuts it (at least 1).
     * @param minClauseChars   characters a segment needs before a clause end cuts it (at least 1).
     */
    public SentenceChunker(final int minSentenceChars, final int minClauseChars)
    {
        if (minSentenceChars < 1 || minClauseChars < 1)
        {
            throw new IllegalArgumentException("minimum lengths must be >= 1");
        }
        this.minSentenceChars = minSentenceChars;
        this.minClauseChars = minClauseChars;
    }

    /**
     * Adds streamed text.
     *
     * @param delta the next piece of the reply.
     */
    public void append(final CharSequence delta)
    {
        buffer.append(delta);
    }

    /**
     * Takes the next complete segment, if the buffered text holds one.
     *
     * @return the segment (trimmed, non-empty), or {@code null} when more text is needed.
     */
    public String next()
    {
        final int length = buffer.length();
        int i = Math.max(scanFrom, firstNonSpace());
        while (i < length)
        {
            final char c = buffer.charAt(i);
            final int end = boundaryEnd(i, c, length);
            if (end == NEED_MORE)
            {
                scanFrom = i;
                return null;
            }
            if (end > 0)
            {
                final int minimum = isClausePunctuation(c) ? minClauseChars : minSentenceChars;
                if (end - firstNonSpace() >= minimum || c == '\n')
                {
                    return take(end);
                }
            }
            i++;
        }
        scanFrom = length;
        return null;
    }

    /**
     * Takes whatever is left (the reply is complete).
     *
     * @return the remaining text trimmed, or {@code null} if only whitespace is left.
     */
    public String flush()
    {
        final String rest = buffer.toString().strip();
        reset();
        return rest.isEmpty() ? null : rest;
    }

    /**
     * Discards all buffered text (a new reply, or a cancelled one).
     */
    public void reset()
    {
        buffer.setLength(0);
        scanFrom = 0;
    }

    /**
     * Whether text is buffered that {@link #next()} has not returned yet.
     *
     * @return true when non-whitespace text is pending.
     */
    public boolean hasPending()
    {
        return firstNonSpace() < buffer.length();
    }

    private static final int NEED_MORE = -1;

    /**
     * Where a segment ending at punctuation {@code c} at {@code i} ends (exclusive), 0 when {@code i} is no
     * boundary, {@link #NEED_MORE} when the next character is not here yet.
     */
    private int boundaryEnd(final int i, final char c, final int length)
    {
        if (c == '\n')
        {
            return i + 1;
        }
        if (!isSentencePunctuation(c) && !isClausePunctuation(c))
        {
            return 0;
        }
        int j = i + 1;
        while (j < length && (isClosing(buffer.charAt(j)) || (c == '.' && buffer.charAt(j) == '.')))
        {
            j++;
        }
        if (j == length)
        {
            return NEED_MORE;
        }
        if (!Character.isWhitespace(buffer.charAt(j)))
        {
            return 0;
        }
        if (c == '.' && j == i + 1 && isAbbreviation(i))
        {
            return 0;
        }
        return j;
    }

    private boolean isAbbreviation(final int periodIndex)
    {
        int start = periodIndex;
        while (start > 0 && !Character.isWhitespace(buffer.charAt(start - 1)))
        {
            start--;
        }
        while (start < periodIndex && isOpening(buffer.charAt(start)))
        {
            start++;
        }
        final int length = periodIndex - start;
        if (length == 0)
        {
            return false;
        }
        if (isInitialism(start, periodIndex))
        {
            return true;
        }
        if (length > 6)
        {
            return false;
        }
        return ABBREVIATIONS.contains(buffer.substring(start, periodIndex).toLowerCase(Locale.ROOT));
    }

    /** A single letter, or letters separated by periods: {@code J}, {@code U.S}, {@code a.m}. */
    private boolean isInitialism(final int start, final int end)
    {
        for (int k = start; k < end; k++)
        {
            final boolean letterSlot = (k - start) % 2 == 0;
            final char ch = buffer.charAt(k);
            if (letterSlot ? !Character.isLetter(ch) : ch != '.')
            {
                return false;
            }
        }
        return (end - start) % 2 == 1 && (end - start > 1 || Character.isUpperCase(buffer.charAt(start)));
    }

    private String take(final int end)
    {
        final String segment = buffer.substring(0, end).strip();
        buffer.delete(0, end);
        scanFrom = 0;
        return segment.isEmpty() ? next() : segment;
    }

    private int firstNonSpace()
    {
        int i = 0;
        final int length = buffer.length();
        while (i < length && Character.isWhitespace(buffer.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static boolean isSentencePunctuation(final char c)
    {
        return c == '.' || c == '!' || c == '?' || c == '\u2026';
    }

    private static boolean isClausePunctuation(final char c)
    {
        return c == ',' || c == ';' || c == ':';
    }

    private static boolean isClosing(final char c)
    {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '!'
            || c == '?';
    }

    private static boolean isOpening(final char c)
    {
        return c == '"' || c == '\'' || c == '(' || c == '[' || c == '\u201C' || c == '\u2018';
    }
}
