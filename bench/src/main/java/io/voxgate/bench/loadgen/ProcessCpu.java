package io.voxgate.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time so far, user and system, from {@code /proc/PID/stat} (Linux; fields 14 and 15, in clock
 * ticks of 10 ms, the kernel's USER_HZ on every mainstream Linux architecture).
 *
 * @param userNanos   CPU time in user mode.
 * @param systemNanos CPU time in the kernel.
 */
record ProcessCpu(long userNanos, long systemNanos)
{
    private static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * Reads a process's CPU time.
     *
     * @param pid the process.
     * @return its CPU time, or {@code null} when it cannot be read (not Linux, no such process).
     */
    static ProcessCpu of(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may contain spaces: count fields after its ')'.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessCpu(Long.parseLong(fields[11]) * NANOS_PER_TICK,
                Long.parseLong(fields[12]) * NANOS_PER_TICK);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @param earlier an earlier reading of the same process.
     * @return the CPU time spent since.
     */
    ProcessCpu minus(final ProcessCpu earlier)
    {
        return new ProcessCpu(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }

    /**
     * @return user plus system time.
     */
    long totalNanos()
    {
        return userNanos + systemNanos;
    }
}
