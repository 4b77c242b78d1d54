package io.voxgate.server.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallRegistryTest
{
    private static CallStart start(final String sid)
    {
        return new CallStart(sid, "CA1", "AC1", "", Map.of("tenant", "acme"));
    }

    @Test
    void handsOutLowestFreeIndicesUntilFullAndReusesReleasedOnes()
    {
        final CallRegistry registry = new CallRegistry(3);
        final CallStart first = start("MZ1");
        assertEquals(0, registry.acquire(first));
        assertEquals(1, registry.acquire(start("MZ2")));
        assertEquals(2, registry.acquire(start("MZ3")));
        assertEquals(CallRegistry.NO_CAPACITY, registry.acquire(start("MZ4")));
        assertEquals(3, registry.activeCalls());
        assertSame(first, registry.start(0));

        registry.release(1);
        assertNull(registry.start(1));
        assertEquals(1, registry.acquire(start("MZ5")));
        registry.abandon(2);
        assertEquals(2, registry.activeCalls());
    }

    @Test
    void releasingMoreThanAcquiredIsABug()
    {
        final CallRegistry registry = new CallRegistry(1);
        assertThrows(IllegalStateException.class, () -> registry.release(0));
    }

    @Test
    void streamSidMustBeEchoableVerbatim()
    {
        assertThrows(IllegalArgumentException.class, () -> start("MZ\"1"));
        assertThrows(IllegalArgumentException.class, () -> start(""));
        assertEquals(Map.of("tenant", "acme"), start("MZ1").customParameters());
    }

    @Test
    void aSessionsAssistantIsResolvedOnceSoEveryStageSeesTheSameOneEvenIfTheLiveSetChanges()
    {
        final CallRegistry registry = new CallRegistry(1);
        final int index = registry.acquire(start("MZ1"));
        final AssistantBackend first = new ParrotAssistant();
        final AssistantBackend replacement = new ToneAssistant();
        final AssistantBackend[] live = {first};
        final int[] lookups = {0};
        final java.util.function.Function<CallStart, AssistantBackend> lookup = start ->
        {
            lookups[0]++;
            return live[0];
        };

        assertSame(first, registry.assistant(index, lookup));
        live[0] = replacement;
        assertSame(first, registry.assistant(index, lookup), "the DSP's answer is the orchestrator's");
        assertEquals(1, lookups[0]);

        registry.release(index);
        final int next = registry.acquire(start("MZ2"));
        assertSame(replacement, registry.assistant(next, lookup), "the next call on the index resolves anew");
        assertEquals(2, lookups[0]);
    }
}
