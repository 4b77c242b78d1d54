package io.voxgate.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DependentParkingWaitStrategyTest
{
    private final DependentParkingWaitStrategy strategy = new DependentParkingWaitStrategy(1, TimeUnit.MILLISECONDS);
    private final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 8, strategy);
    private final Sequence cursor = new Sequence(5);
    private final Sequence dependent = new Sequence(5);
    private final SequenceBarrier barrier = ring.newBarrier();

    @Test
    void returnsWhatTheDependentStageHasDoneWhenItIsAhead() throws Exception
    {
        assertEquals(5, strategy.waitFor(3, cursor, dependent, barrier));
    }

    @Test
    void timesOutWhileTheDependentStageLagsSoTheProcessorStillGetsItsTimeoutCallback()
    {
        dependent.set(2);
        assertThrows(TimeoutException.class, () -> strategy.waitFor(4, cursor, dependent, barrier));
    }

    @Test
    void returnsOnceTheDependentStageCatchesUp() throws Exception
    {
        dependent.set(2);
        final CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() ->
        {
            while (true)
            {
                try
                {
                    return strategy.waitFor(4, cursor, dependent, barrier);
                }
                catch (final TimeoutException ex)
                {
                    // The processor would run onTimeout here and wait again.
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        });
        dependent.set(4);
        assertEquals(4L, waited.get(10, TimeUnit.SECONDS));
    }
}
