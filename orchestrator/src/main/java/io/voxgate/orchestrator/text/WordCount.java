package io.voxgate.orchestrator.text;

/**
 * Counts the words of a transcript without allocating: maximal runs of non-whitespace characters that hold at
 * least one letter or digit (so a lone dash or ellipsis is no word).
 */
public final class WordCount
{
    private WordCount()
    {
    }

    /**
     * Counts words.
     *
     * @param text the text, may be {@code null}.
     * @return the number of words.
     */
    public static int of(final CharSequence text)
    {
        if (null == text)
        {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        boolean wordHasLetter = false;
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c))
            {
                if (inWord && wordHasLetter)
                {
                    words++;
                }
                inWord = false;
                wordHasLetter = false;
            }
            else
            {
                inWord = true;
                wordHasLetter |= Character.isLetterOrDigit(c);
            }
        }
        if (inWord && wordHasLetter)
        {
            words++;
        }
        return words;
    }
}
