package io.voxgate.orchestrator.provider.resilience;

import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryPolicyTest
{
    @Test
    void delaysDoubleUpToTheCapScaledByJitter()
    {
        final RetryPolicy policy = new RetryPolicy(10, 100, 1000, 0.5);
        final RandomGenerator zero = fixed(0.0);
        final RandomGenerator almostOne = fixed(0.999_999);
        // Jitter 0.5: the delay lies in [50%, 100%) of the exponential value.
        assertEquals(50, policy.delayMs(1, zero));
        assertEquals(100, policy.delayMs(2, zero));
        assertEquals(200, policy.delayMs(3, zero));
        assertEquals(400, policy.delayMs(4, zero));
        assertEquals(500, policy.delayMs(5, zero));
        assertEquals(500, policy.delayMs(40, zero));
        assertEquals(100, policy.delayMs(1, almostOne));
        assertEquals(1000, policy.delayMs(9, almostOne));
    }

    @Test
    void noJitterIsExactlyExponential()
    {
        final RetryPolicy policy = new RetryPolicy(4, 200, 2000, 0.0);
        assertEquals(200, policy.delayMs(1, fixed(0.7)));
        assertEquals(400, policy.delayMs(2, fixed(0.1)));
        assertEquals(800, policy.delayMs(3, fixed(0.9)));
    }

    @Test
    void rejectsInvalidPolicies()
    {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, 10, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, 1, 1, 1.5));
    }

    static RandomGenerator fixed(final double value)
    {
        return new RandomGenerator()
        {
            @Override
            public long nextLong()
            {
                return 0;
            }

            @Override
            public double nextDouble()
            {
                return value;
            }
        };
    }
}
