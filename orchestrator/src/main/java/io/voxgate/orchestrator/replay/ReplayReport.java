package io.voxgate.orchestrator.replay;

import java.util.List;

/**
 * The outcome of replaying a session log.
 *
 * @param events      events replayed.
 * @param differences readable differences between the log and the replay, first ones only; empty when identical.
 * @param truncated   whether more differences were found than listed.
 */
public record ReplayReport(long events, List<String> differences, boolean truncated)
{
    /**
     * Copies the list.
     *
     * @param events      events replayed.
     * @param differences the differences.
     * @param truncated   whether more were found.
     */
    public ReplayReport
    {
        differences = List.copyOf(differences);
    }

    /**
     * Whether the replay reproduced every command and state of the log.
     *
     * @return true when identical.
     */
    public boolean identical()
    {
        return differences.isEmpty();
    }
}
