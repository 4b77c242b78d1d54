package io.voxgate.bench.loadgen;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

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
     * CPU time (user plus system) of a process's threads, summed by thread name with its trailing number dropped
     * ({@code voxgate-dsp-0}, {@code GC Thread#1} → {@code voxgate-dsp-}, {@code GC Thread#}); the kernel keeps
     * 15 characters of a name.
     *
     * @param pid the process.
     * @return nanoseconds by name; empty when it cannot be read.
     */
    static Map<String, Long> byThread(final long pid)
    {
        final Map<String, Long> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : tasks)
            {
                final String stat;
                try
                {
                    stat = Files.readString(task.resolve("stat"));
                }
                catch (final IOException ex)
                {
                    continue;
                }
                final String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                    .replaceAll("[0-9]+$", "");
                final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK,
                    Long::sum);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return Map.of();
        }
        return byName;
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
