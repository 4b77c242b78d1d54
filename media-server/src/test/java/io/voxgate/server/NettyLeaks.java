package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.netty.buffer.ByteBufAllocator;

/**
 * Turns Netty's leak reports into test failures. The tests run with paranoid leak detection (every buffer tracked);
 * Netty reports a buffer garbage-collected unreleased through its logger, which falls back to java.util.logging
 * here (no SLF4J provider on the test class path). A leak can only be reported after the buffer was collected, so
 * {@link #assertNone()} collects garbage and allocates a little to make the detector look.
 */
final class NettyLeaks
{
    private static final Logger DETECTOR = Logger.getLogger("io.netty.util.ResourceLeakDetector");
    private static final List<String> REPORTS = new ArrayList<>();

    static
    {
        DETECTOR.addHandler(new Handler()
        {
            @Override
            public void publish(final LogRecord record)
            {
                final String message = record.getMessage();
                if (message != null && message.contains("LEAK"))
                {
                    synchronized (REPORTS)
                    {
                        REPORTS.add(message);
                    }
                }
            }

            @Override
            public void flush()
            {
                // Nothing buffered.
            }

            @Override
            public void close()
            {
                // Nothing held.
            }
        });
    }

    private NettyLeaks()
    {
    }

    /** Starts listening (idempotent). */
    static void watch()
    {
        // The static initializer did it.
    }

    static void assertNone()
    {
        System.gc();
        for (int i = 0; i < 64; i++)
        {
            ByteBufAllocator.DEFAULT.directBuffer(8).release();
            ByteBufAllocator.DEFAULT.heapBuffer(8).release();
        }
        synchronized (REPORTS)
        {
            if (!REPORTS.isEmpty())
            {
                fail(REPORTS.size() + " Netty buffer leak(s):\n" + REPORTS.get(0));
            }
        }
    }
}
