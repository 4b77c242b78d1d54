package io.voxgate.orchestrator.reducer;

import java.util.ArrayList;

/**
 * What one run has said and what the caller has heard of it: per TTS segment its text, the audio sent and the
 * audio confirmed played by marks. The heard text of a segment is its whole text once all its audio is confirmed,
 * and otherwise the share of its words proportional to the confirmed share of its audio (rounded down), so the
 * history is cut at the barge-in point and never holds text the caller did not hear. A segment that produced no
 * audio was not heard at all, even once it is done.
 *
 * <p>Owned by the session's thread.
 */
final class PlayoutLedger
{
    /** One TTS segment of the run. */
    static final class Segment
    {
        final int step;
        /** Fixed for a TTS segment; grows with the transcript of a speech-to-speech reply (see SpokenReply). */
        String text;
        long sentMicros;
        long sentEndMs;
        long playedMs;
        boolean ttsDone;

        Segment(final int step, final String text)
        {
            this.step = step;
            this.text = text;
        }

        /**
         * Nothing of the segment is left to play: it is synthesized and its audio, if any, is confirmed played. A
         * segment that ended without audio counts (the run must be able to complete), but none of its text was
         * heard: see {@link #heardWords}.
         */
        boolean fullyPlayed()
        {
            return ttsDone && playedMs >= sentEndMs;
        }
    }

    private final ArrayList<Segment> segments = new ArrayList<>(8);

    int add(final int step, final String text)
    {
        segments.add(new Segment(step, text));
        return segments.size() - 1;
    }

    int size()
    {
        return segments.size();
    }

    /** The segment, or {@code null} for an index this run never requested. */
    Segment get(final int index)
    {
        return index >= 0 && index < segments.size() ? segments.get(index) : null;
    }

    /** Adds a chunk of audio and returns the segment's end in ms once it has played. */
    static long addAudio(final Segment segment, final int pcmBytes, final int sampleRate)
    {
        segment.sentMicros += (pcmBytes / 2) * 1_000_000L / sampleRate;
        segment.sentEndMs = segment.sentMicros / 1000;
        return segment.sentEndMs;
    }

    boolean allSynthesized()
    {
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            if (!segments.get(i).ttsDone)
            {
                return false;
            }
        }
        return true;
    }

    boolean allPlayed()
    {
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            if (!segments.get(i).fullyPlayed())
            {
                return false;
            }
        }
        return true;
    }

    boolean hasUnplayedAudio()
    {
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            final Segment segment = segments.get(i);
            if (segment.playedMs < segment.sentEndMs)
            {
                return true;
            }
        }
        return false;
    }

    /** The text of {@code step} the caller heard, segments joined by a space; empty when none. */
    String heardText(final int step)
    {
        final StringBuilder heard = new StringBuilder();
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            final Segment segment = segments.get(i);
            if (segment.step == step)
            {
                appendWords(heard, segment.text, 0, heardWords(segment));
            }
        }
        return heard.toString();
    }

    /** The full text of {@code step}, heard or not (what the LLM produced). */
    String fullText(final int step)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            final Segment segment = segments.get(i);
            if (segment.step == step)
            {
                appendWords(text, segment.text, 0, Integer.MAX_VALUE);
            }
        }
        return text.toString();
    }

    /** Everything after the heard part, over all steps: where a resumed reply starts. */
    String unheardText()
    {
        final StringBuilder rest = new StringBuilder();
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            final Segment segment = segments.get(i);
            appendWords(rest, segment.text, heardWords(segment), Integer.MAX_VALUE);
        }
        return rest.toString();
    }

    private static int heardWords(final Segment segment)
    {
        // Checked before fullyPlayed(): a segment whose synthesis ended without audio (a TTS that gave up with an
        // empty stream, a speech-to-speech step with a transcript but no audio) was not heard, however done it is.
        if (segment.sentEndMs == 0 || segment.playedMs == 0)
        {
            return 0;
        }
        if (segment.fullyPlayed())
        {
            return Integer.MAX_VALUE;
        }
        final int words = countWords(segment.text);
        final int heard = (int)(words * segment.playedMs / segment.sentEndMs);
        // Audio still to come: the confirmed share of what was sent overstates the share of the whole segment.
        return segment.ttsDone ? heard : Math.min(heard, words - 1);
    }

    private static int countWords(final String text)
    {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++)
        {
            final boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord)
            {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** Appends words [from, to) of {@code text} to {@code out}, space-separated. */
    private static void appendWords(final StringBuilder out, final String text, final int from, final int to)
    {
        int word = -1;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean space = Character.isWhitespace(c);
            if (!space && !inWord)
            {
                word++;
                if (word >= from && word < to && !out.isEmpty())
                {
                    out.append(' ');
                }
            }
            inWord = !space;
            if (!space && word >= from && word < to)
            {
                out.append(c);
            }
        }
    }
}
