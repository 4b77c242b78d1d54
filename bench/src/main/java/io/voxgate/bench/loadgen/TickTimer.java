package io.voxgate.bench.loadgen;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one clock of the run: a thread that wakes every 20 ms and gives each {@link CallGroup} that tick's task on
 * its event loop. Ticks are counted from the start, never skipped: a late wake-up dispatches every tick it missed at
 * once (as a late Twilio would send frames in a burst), and each group records how late it ran them.
 *
 * <p><b>Threading:</b> its own thread; it only calls {@code EventLoop.execute}, which is thread-safe.
 */
final class TickTimer implements Runnable
{
    /** Twilio's frame interval. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final List<CallGroup> groups;
    private final Thread thread;
    private volatile boolean running = true;

    TickTimer(final List<CallGroup> groups)
    {
        this.groups = List.copyOf(groups);
        this.thread = new Thread(this, "loadgen-tick");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start()
    {
        thread.start();
    }

    @Override
    public void run()
    {
        final long origin = System.nanoTime();
        long tick = 0;
        while (running)
        {
            final long due = origin + ++tick * TICK_NANOS;
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && running)
            {
                LockSupport.parkNanos(wait);
            }
            for (final CallGroup group : groups)
            {
                group.loop().execute(() -> group.tick(due));
            }
        }
    }

    void stop() throws InterruptedException
    {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
