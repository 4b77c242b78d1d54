package io.voxgate.orchestrator.provider.resilience;

import io.voxgate.orchestrator.provider.RecordingMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest
{
    private final AtomicLong clock = new AtomicLong(1000);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final CircuitBreaker breaker = new CircuitBreaker("e", 3, 500, clock::get, metrics);

    @Test
    void opensAfterConsecutiveFailuresOnly()
    {
        fail(2);
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        fail(2);
        assertEquals(CircuitState.CLOSED, breaker.state());
        fail(1);
        assertEquals(CircuitState.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void halfOpensAfterTheCoolDownWithOneTrial()
    {
        fail(3);
        clock.addAndGet(499);
        assertFalse(breaker.tryAcquire());
        clock.addAndGet(1);
        assertTrue(breaker.tryAcquire());
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "one trial at a time");
        breaker.onSuccess();
        assertEquals(CircuitState.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
        assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED), metrics.transitions());
    }

    @Test
    void failedTrialReopensForAnotherCoolDown()
    {
        fail(3);
        clock.addAndGet(500);
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitState.OPEN, breaker.state());
        clock.addAndGet(499);
        assertFalse(breaker.tryAcquire());
        clock.addAndGet(1);
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void abandonedTrialFreesTheSlot()
    {
        fail(3);
        clock.addAndGet(500);
        assertTrue(breaker.tryAcquire());
        breaker.onAbandoned();
        assertTrue(breaker.tryAcquire());
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
    }

    private void fail(final int times)
    {
        for (int i = 0; i < times; i++)
        {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
    }
}
