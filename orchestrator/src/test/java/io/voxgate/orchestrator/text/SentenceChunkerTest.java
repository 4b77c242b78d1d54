package io.voxgate.orchestrator.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Behaviour 6: streamed text is cut at sentence and clause ends with a minimum length, never inside numbers,
 * abbreviations, e-mail addresses or URLs, whatever way the text is split into deltas.
 */
class SentenceChunkerTest
{
    /** Feeds the deltas, collecting segments as they become available, then flushes. */
    private static List<String> chunk(final int minSentence, final int minClause, final String... deltas)
    {
        final SentenceChunker chunker = new SentenceChunker(minSentence, minClause);
        final List<String> segments = new ArrayList<>();
        for (final String delta : deltas)
        {
            chunker.append(delta);
            String segment;
            while (null != (segment = chunker.next()))
            {
                segments.add(segment);
            }
        }
        final String rest = chunker.flush();
        if (null != rest)
        {
            segments.add(rest);
        }
        return segments;
    }

    /** Every split of the text into two deltas must give the same segments. */
    private static void assertSplitInvariant(final List<String> expected, final String text)
    {
        for (int cut = 0; cut <= text.length(); cut++)
        {
            assertEquals(expected, chunk(12, 40, text.substring(0, cut), text.substring(cut)), "cut at " + cut);
        }
        final String[] chars = text.split("");
        assertEquals(expected, chunk(12, 40, chars), "char by char");
    }

    @Test
    void cutsAtSentenceEnds()
    {
        assertSplitInvariant(List.of("The weather is fine today.", "Do you want the forecast?", "Great!"),
            "The weather is fine today. Do you want the forecast? Great!");
    }

    @Test
    void firstSegmentIsAvailableBeforeTheReplyEnds()
    {
        final SentenceChunker chunker = new SentenceChunker(12, 40);
        chunker.append("Sure, I can help with that. Let me");
        assertEquals("Sure, I can help with that.", chunker.next());
        assertNull(chunker.next());
        assertEquals("Let me", chunker.flush());
    }

    @Test
    void shortSentencesJoinTheNextOne()
    {
        assertSplitInvariant(List.of("Hi. Yes. I can help.", "What do you need?"),
            "Hi. Yes. I can help. What do you need?");
    }

    @Test
    void cutsLongClausesAtCommas()
    {
        assertSplitInvariant(List.of("If you arrive before noon on a weekday morning,",
            "the front desk will hand you the keys."),
            "If you arrive before noon on a weekday morning, the front desk will hand you the keys.");
    }

    @Test
    void shortClausesAreNotCut()
    {
        assertSplitInvariant(List.of("Well, yes, that works for me."), "Well, yes, that works for me.");
    }

    @Test
    void neverCutsInsideNumbers()
    {
        assertSplitInvariant(List.of("The rate is 3.5 percent on 1,000.50 dollars.", "Shall I apply?"),
            "The rate is 3.5 percent on 1,000.50 dollars. Shall I apply?");
        assertSplitInvariant(List.of("The train leaves at 10:30 from platform 2.", "Anything else?"),
            "The train leaves at 10:30 from platform 2. Anything else?");
    }

    @Test
    void neverCutsAfterAbbreviationsOrInitials()
    {
        assertSplitInvariant(List.of("Dr. Smith and Mrs. Jones meet at St. Mary's e.g. on Monday.",
            "J. R. R. Tolkien lived in the U.S. for a while?", "No."),
            "Dr. Smith and Mrs. Jones meet at St. Mary's e.g. on Monday. "
                + "J. R. R. Tolkien lived in the U.S. for a while? No.");
    }

    @Test
    void neverCutsInsideEmailAddressesOrUrls()
    {
        assertSplitInvariant(List.of("Write to jane.doe@example.com today.", "Or see https://www.example.com/a.b?c=1."),
            "Write to jane.doe@example.com today. Or see https://www.example.com/a.b?c=1.");
    }

    @Test
    void quotesAndEllipsesStayWithTheirSentence()
    {
        assertSplitInvariant(List.of("He said \"we are closed today.\"", "Well... let me check (just a second)."),
            "He said \"we are closed today.\" Well... let me check (just a second).");
    }

    @Test
    void lineBreaksEndSegments()
    {
        assertEquals(List.of("Menu", "Pasta and salad"), chunk(12, 40, "Menu\nPasta and salad"));
    }

    @Test
    void waitsForTheCharacterAfterAPeriod()
    {
        final SentenceChunker chunker = new SentenceChunker(5, 40);
        chunker.append("It costs 3.");
        assertNull(chunker.next());
        chunker.append("5 euros. Ok");
        assertEquals("It costs 3.5 euros.", chunker.next());
        assertFalse(chunker.next() != null);
    }

    @Test
    void flushOfWhitespaceIsNullAndResetForgets()
    {
        final SentenceChunker chunker = new SentenceChunker(5, 5);
        chunker.append("   ");
        assertNull(chunker.flush());
        chunker.append("Something pending");
        chunker.reset();
        assertNull(chunker.flush());
        assertThrows(IllegalArgumentException.class, () -> new SentenceChunker(0, 5));
    }

    @Test
    void countsWords()
    {
        assertEquals(0, WordCount.of(null));
        assertEquals(0, WordCount.of("  - ... "));
        assertEquals(3, WordCount.of(" wait, stop it "));
        assertEquals(2, WordCount.of("3.5 euros"));
    }
}
