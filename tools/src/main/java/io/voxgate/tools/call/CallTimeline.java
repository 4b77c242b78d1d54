package io.voxgate.tools.call;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The story of one simulated call, printed as it happens: caller turns, replies (from their first audio to the end of
 * their playout), time to first audio per caller turn (the end of the turn's audio to the reply's first media
 * message), barge-ins ({@code clear}) and the close, then a summary.
 *
 * <p>A reply ends when the playout has been idle for {@value #REPLY_GAP_MS} ms, so a short underrun inside a reply
 * does not split it; lines are held back {@value #HOLD_MS} ms and printed in time order, because a reply's end is only
 * known that much later. Times are nanoseconds since the stream started, printed in seconds.
 *
 * <p>Used by the call's driver thread only.
 */
public final class CallTimeline
{
    /** Playout idle this long ends a reply. */
    public static final long REPLY_GAP_MS = 300;
    /** Lines are printed once they are this old. */
    public static final long HOLD_MS = 600;

    private static final long NANOS_PER_MS = 1_000_000L;

    private final PrintWriter out;
    private final List<Entry> pending = new ArrayList<>();
    private final List<Long> turnEnds = new ArrayList<>();
    private final List<Long> timeToFirstAudio = new ArrayList<>();
    private long sequence;
    private int openTurn = CallerVoice.NO_TURN;
    private long openTurnStart;
    private int replies;
    private int currentReply;
    private long replyStart;
    private long replySamples;
    private long receivedSamples;
    private int bargeIns;
    private int clears;
    private int marksReceived;
    private int marksEchoed;
    private long framesSent;

    /** One line of the timeline. */
    private record Entry(long at, long sequence, String text)
    {
    }

    /**
     * A timeline printing to {@code out}.
     *
     * @param out where the lines go.
     */
    public CallTimeline(final PrintWriter out)
    {
        this.out = out;
    }

    /**
     * Records the caller's frame: a turn starts at its first frame and ends with its last.
     *
     * @param turn the frame's turn, or {@link CallerVoice#NO_TURN}.
     * @param at   the frame's start on the stream's timeline (20 ms per frame sent).
     */
    public void callerFrame(final int turn, final long at)
    {
        framesSent++;
        turn(turn, at);
    }

    private void turn(final int turn, final long at)
    {
        if (turn == openTurn)
        {
            return;
        }
        if (openTurn != CallerVoice.NO_TURN)
        {
            turnEnds.add(at);
            timeToFirstAudio.add(-1L);
            add(at, "caller turn " + (openTurn + 1) + " ends (" + seconds(at - openTurnStart) + " s)");
        }
        openTurn = turn;
        if (turn != CallerVoice.NO_TURN)
        {
            openTurnStart = at;
            add(at, "caller turn " + (turn + 1) + " starts" +
                (currentReply != 0 ? " (while reply " + currentReply + " plays)" : ""));
        }
    }

    /**
     * Records reply audio before it is queued on the playout.
     *
     * @param samples how many 8 kHz samples arrived.
     * @param at      arrival time.
     */
    public void media(final int samples, final long at)
    {
        receivedSamples += samples;
        if (currentReply == 0)
        {
            currentReply = ++replies;
            replyStart = at;
            replySamples = 0;
            add(at, "reply " + currentReply + " starts" + cause(at));
        }
        replySamples += samples;
    }

    private String cause(final long at)
    {
        if (openTurn != CallerVoice.NO_TURN)
        {
            return " while the caller speaks (turn " + (openTurn + 1) + ")";
        }
        if (turnEnds.isEmpty())
        {
            return " (before the caller said anything)";
        }
        final int last = turnEnds.size() - 1;
        if (timeToFirstAudio.get(last) >= 0)
        {
            return " (no caller turn waiting for one)";
        }
        final long ttfa = at - turnEnds.get(last);
        timeToFirstAudio.set(last, ttfa);
        return ": time to first audio " + ttfa / NANOS_PER_MS + " ms after caller turn " + (last + 1);
    }

    /**
     * Records a {@code clear}, before the playout drops its queue.
     *
     * @param at      arrival time.
     * @param playout the playout as it was when the clear arrived.
     */
    public void clear(final long at, final VirtualPlayout playout)
    {
        clears++;
        final int marks = playout.pendingMarks();
        if (currentReply != 0 && playout.playing(at))
        {
            bargeIns++;
            final StringBuilder text = new StringBuilder("barge-in: clear received, reply ").append(currentReply)
                .append(" cut after ").append(seconds(at - replyStart)).append(" s (")
                .append(seconds(playout.playedUntil() - at)).append(" s never played, ").append(marks)
                .append(marks == 1 ? " mark" : " marks").append(" returned)");
            if (openTurn != CallerVoice.NO_TURN)
            {
                text.append("; caller turn ").append(openTurn + 1).append(" began ")
                    .append((at - openTurnStart) / NANOS_PER_MS).append(" ms earlier");
            }
            add(at, text.toString());
            currentReply = 0;
        }
        else
        {
            add(at, "clear received with nothing playing (" + marks + (marks == 1 ? " mark" : " marks") +
                " returned)");
        }
    }

    /**
     * Counts a {@code mark} received from the server.
     */
    public void markReceived()
    {
        marksReceived++;
    }

    /**
     * Counts a {@code mark} echoed to the server.
     */
    public void markEchoed()
    {
        marksEchoed++;
    }

    /**
     * Ends the current reply once the playout has been idle long enough, and prints the lines that are old enough.
     *
     * @param now     the time.
     * @param playout the playout.
     */
    public void tick(final long now, final VirtualPlayout playout)
    {
        endIdleReply(now, playout, false);
        flush(now - HOLD_MS * NANOS_PER_MS);
    }

    private void endIdleReply(final long now, final VirtualPlayout playout, final boolean callOver)
    {
        final long end = playout.playedUntil();
        if (currentReply != 0 && !playout.playing(now) && (callOver || now - end >= REPLY_GAP_MS * NANOS_PER_MS))
        {
            add(end, "reply " + currentReply + " ends (" + seconds(end - replyStart) + " s, " +
                seconds(replySamples * VirtualPlayout.NANOS_PER_SAMPLE) + " s of audio)");
            currentReply = 0;
        }
    }

    /**
     * Adds a line at a time.
     *
     * @param at   the time.
     * @param text the line.
     */
    public void note(final long at, final String text)
    {
        add(at, text);
    }

    /**
     * Closes the timeline: ends what is open at {@code end}, prints every line held back, then the summary.
     *
     * @param end     the call's end.
     * @param playout the playout.
     */
    public void finish(final long end, final VirtualPlayout playout)
    {
        if (openTurn != CallerVoice.NO_TURN)
        {
            turn(CallerVoice.NO_TURN, end);
        }
        if (currentReply != 0)
        {
            if (playout.playing(end))
            {
                add(end, "reply " + currentReply + " cut off by the end of the call after " +
                    seconds(end - replyStart) + " s");
                currentReply = 0;
            }
            endIdleReply(end, playout, true);
        }
        flush(Long.MAX_VALUE);
        out.println("summary: " + turnEnds.size() + " caller " + (turnEnds.size() == 1 ? "turn" : "turns") + ", " +
            replies + (replies == 1 ? " reply" : " replies") + ", " + bargeIns +
            (bargeIns == 1 ? " barge-in" : " barge-ins") + (clears > bargeIns ? " (" + clears + " clears)" : ""));
        final StringBuilder ttfa = new StringBuilder("time to first audio:");
        for (int i = 0; i < timeToFirstAudio.size(); i++)
        {
            final long value = timeToFirstAudio.get(i);
            ttfa.append(i == 0 ? " " : ", ").append("turn ").append(i + 1).append(' ')
                .append(value < 0 ? "no reply" : value / NANOS_PER_MS + " ms");
        }
        out.println(timeToFirstAudio.isEmpty() ? "time to first audio: no caller turns" : ttfa.toString());
        out.println("marks: " + marksReceived + " received, " + marksEchoed + " echoed" +
            (playout.pendingMarks() > 0 ? ", " + playout.pendingMarks() + " still pending" : ""));
        out.println("audio: " + framesSent + " frames sent (" + seconds(framesSent * 20 * NANOS_PER_MS) + " s), " +
            seconds(receivedSamples * VirtualPlayout.NANOS_PER_SAMPLE) + " s of reply audio received");
        out.println("DTMF: none sent");
        out.flush();
    }

    /**
     * @return how many barge-ins ({@code clear} while a reply played) there were.
     */
    public int bargeIns()
    {
        return bargeIns;
    }

    private void add(final long at, final String text)
    {
        pending.add(new Entry(at, sequence++, text));
    }

    private void flush(final long until)
    {
        pending.sort(Comparator.comparingLong(Entry::at).thenComparingLong(Entry::sequence));
        int printed = 0;
        for (final Entry entry : pending)
        {
            if (entry.at() > until)
            {
                break;
            }
            out.println(String.format(Locale.ROOT, "%9s  %s", seconds(entry.at()), entry.text()));
            printed++;
        }
        if (printed > 0)
        {
            pending.subList(0, printed).clear();
            out.flush();
        }
    }

    private static String seconds(final long nanos)
    {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
