package io.voxgate.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import io.voxgate.server.Await;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StagedWaitStrategyTest
{
    /** Long enough that only a signal, never the timeout, can end a wait within a test. */
    private static final long HOURS = 1;

    private final ExecutorService waiters = Executors.newCachedThreadPool();
    private final AtomicReference<Thread> waiter = new AtomicReference<>();

    @AfterEach
    void stopWaiters()
    {
        waiters.shutdownNow();
    }

    @Test
    void returnsAtOnceWhatIsAvailable() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(1, 1, TimeUnit.MILLISECONDS);
        final Ring ring = new Ring(strategy);
        ring.cursor.set(5);
        ring.dependent.set(5);
        assertEquals(5, strategy.waitFor(3, ring.cursor, ring.cursor, ring.barrier), "first stage");
        assertEquals(5, strategy.waitFor(3, ring.cursor, ring.dependent, ring.barrier), "later stage");
    }

    @Test
    void eachKindOfWaitTimesOutSoTheProcessorStillGetsItsTimeoutCallback()
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(1, 1, TimeUnit.MILLISECONDS);
        final Ring ring = new Ring(strategy);
        ring.cursor.set(5);
        ring.dependent.set(2);
        assertThrows(TimeoutException.class, () -> strategy.waitFor(6, ring.cursor, ring.cursor, ring.barrier));
        assertThrows(TimeoutException.class, () -> strategy.waitFor(4, ring.cursor, ring.dependent, ring.barrier));
    }

    @Test
    void aSleepingFirstStageIsWokenByAPublish() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS);
        final Ring ring = new Ring(strategy);
        final CompletableFuture<Long> waited = firstStageAsleepForSlot6(strategy, ring);
        ring.cursor.set(6);
        strategy.signalAllWhenBlocking();
        assertEquals(6L, waited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSleepingLaterStageIsWokenWhenTheFirstStageComesBackToWaitAfterItsBatch() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS);
        final Ring ring = new Ring(strategy);
        final CompletableFuture<Long> waited = laterStageAsleepForSlot4(strategy, ring);
        // The first stage finished slots 3..5: its processor moves its sequence, then waits for slot 6.
        ring.dependent.set(5);
        final CompletableFuture<Long> firstStage = waitInBackground(() ->
            strategy.waitFor(6, ring.cursor, ring.cursor, ring.barrier));
        assertEquals(5L, waited.get(10, TimeUnit.SECONDS));
        firstStage.cancel(true);
    }

    @Test
    void aLaterStageSleepsNoLongerThanItsOwnerAllows()
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS, () -> 0L);
        final Ring ring = new Ring(strategy);
        ring.cursor.set(5);
        ring.dependent.set(2);
        // A timer already due: the orchestrator must not sleep at all, whatever the strategy's own bound.
        assertThrows(TimeoutException.class, () -> strategy.waitFor(4, ring.cursor, ring.dependent, ring.barrier));
    }

    @Test
    void aWakeRequestEndsALaterStageSleepSoItsProcessorRunsOnTimeout() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS);
        final Ring ring = new Ring(strategy);
        final CompletableFuture<Long> waited = laterStageAsleepForSlot4(strategy, ring);
        strategy.wakeLaterStages();
        final Throwable failure = assertThrows(Exception.class, () -> waited.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof TimeoutException, String.valueOf(failure.getCause()));
    }

    @Test
    void aDeferringProducerWakesTheSleepingFirstStageOnceWhenItsDeferralEnds() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS);
        final Ring ring = new Ring(strategy);
        final CompletableFuture<Long> waited = firstStageAsleepForSlot6(strategy, ring);
        assertTrue(strategy.beginDeferral());
        assertFalse(strategy.beginDeferral(), "already deferring");
        for (int published = 6; published < 6 + StagedWaitStrategy.MAX_DEFERRED_PUBLISHES - 1; published++)
        {
            ring.cursor.set(published);
            strategy.signalAllWhenBlocking();
        }
        assertEquals(0, strategy.firstStageWakeUps(), "held back while deferring");
        strategy.endDeferral();
        assertEquals(ring.cursor.get(), waited.get(10, TimeUnit.SECONDS));
        assertEquals(1, strategy.firstStageWakeUps());
        assertTrue(strategy.beginDeferral(), "a new deferral after the end");
        strategy.endDeferral();
    }

    @Test
    void aDeferringProducerStillWakesTheFirstStageEverySoManyPublishes() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS);
        final Ring ring = new Ring(strategy);
        final CompletableFuture<Long> waited = firstStageAsleepForSlot6(strategy, ring);
        strategy.beginDeferral();
        for (int i = 0; i < StagedWaitStrategy.MAX_DEFERRED_PUBLISHES; i++)
        {
            ring.cursor.set(6 + i);
            strategy.signalAllWhenBlocking();
        }
        assertEquals(ring.cursor.get(), waited.get(10, TimeUnit.SECONDS), "woken without the deferral ending");
        assertEquals(1, strategy.firstStageWakeUps());
        strategy.endDeferral();
    }

    @Test
    void haltingWakesASleepingFirstStage() throws Exception
    {
        final StagedWaitStrategy strategy = new StagedWaitStrategy(HOURS, HOURS, TimeUnit.HOURS);
        final Ring ring = new Ring(strategy);
        final CompletableFuture<Long> waited = firstStageAsleepForSlot6(strategy, ring);
        ring.barrier.alert();
        final Throwable failure = assertThrows(Exception.class, () -> waited.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof AlertException, String.valueOf(failure.getCause()));
    }

    /** Producers have published up to slot 5; the first stage sleeps waiting for slot 6. */
    private CompletableFuture<Long> firstStageAsleepForSlot6(final StagedWaitStrategy strategy, final Ring ring)
    {
        ring.cursor.set(5);
        final CompletableFuture<Long> waited = waitInBackground(() ->
            strategy.waitFor(6, ring.cursor, ring.cursor, ring.barrier));
        awaitSleeping();
        return waited;
    }

    /** The first stage has published up to slot 5 and finished slot 2; the later stage sleeps waiting for slot 4. */
    private CompletableFuture<Long> laterStageAsleepForSlot4(final StagedWaitStrategy strategy, final Ring ring)
    {
        ring.cursor.set(5);
        ring.dependent.set(2);
        final CompletableFuture<Long> waited = waitInBackground(() ->
            strategy.waitFor(4, ring.cursor, ring.dependent, ring.barrier));
        awaitSleeping();
        return waited;
    }

    private CompletableFuture<Long> waitInBackground(final Wait wait)
    {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        waiters.execute(() ->
        {
            waiter.set(Thread.currentThread());
            try
            {
                result.complete(wait.run());
            }
            catch (final Throwable ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }

    /** The wait is only meaningful once the waiter sleeps: otherwise it would see the new sequence by itself. */
    private void awaitSleeping()
    {
        Await.until("the waiter sleeps", () ->
        {
            final Thread thread = waiter.get();
            return thread != null && thread.getState() == Thread.State.TIMED_WAITING;
        });
    }

    @FunctionalInterface
    private interface Wait
    {
        long run() throws Exception;
    }

    /** A ring's cursor, a stage's sequence and a barrier, driven by hand. */
    private static final class Ring
    {
        final Sequence cursor = new Sequence();
        final Sequence dependent = new Sequence();
        final SequenceBarrier barrier;

        Ring(final StagedWaitStrategy strategy)
        {
            barrier = RingBuffer.createMultiProducer(() -> new long[1], 8, strategy).newBarrier();
        }
    }
}
