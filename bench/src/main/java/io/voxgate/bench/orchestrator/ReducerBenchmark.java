package io.voxgate.bench.orchestrator;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.reducer.CallReducer;
import io.voxgate.orchestrator.reducer.CommandBuffer;
import io.voxgate.orchestrator.reducer.Session;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the orchestrator's reducer on one thread.
 *
 * <ul>
 *   <li>{@link #realisticMix()}: a whole recorded call ({@link CallScript}: 5 turns, about three quarters
 *   audio-level frames, the rest VAD edges, transcripts, timers, LLM deltas, TTS chunks and marks), replayed event
 *   by event, a fresh session per call; the score is events per second (target: at least 5 million).</li>
 *   <li>{@link #audioLevelNoOp()}: one audio-level frame that changes nothing while the agent speaks; with
 *   {@code -prof gc} the allocation rate must be 0 B/op.</li>
 * </ul>
 *
 * <p>Run: {@code ./voxgate bench ReducerBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReducerBenchmark
{
    private static final int TURNS = 5;
    private static final AssistantSettings SETTINGS = AssistantSettings.defaults();
    private static final Event[] CALL = CallScript.record(SETTINGS, TURNS);

    private final CallReducer reducer = new CallReducer();
    private final CommandBuffer sink = new CommandBuffer();
    private Session speaking;
    private Session session = new Session(CallScript.SESSION, SETTINGS);
    private int next;
    private Event.AudioLevel silentFrame;

    /**
     * Brings a session to SPEAKING (mid-reply) for the no-op frame.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        speaking = new Session(CallScript.SESSION, SETTINGS);
        int i = 0;
        while (speaking.state() != SessionState.SPEAKING)
        {
            sink.clear();
            reducer.apply(speaking, CALL[i++], sink);
        }
        silentFrame = new Event.AudioLevel(CallScript.SESSION, CALL[i].atMs(), false, -60f);
    }

    /**
     * Applies the next event of the recorded call; after the last one the call starts again on a fresh session
     * (that allocation is part of the realistic cost, amortized over the call).
     *
     * @return the state, so the work cannot be eliminated.
     */
    @Benchmark
    public SessionState realisticMix()
    {
        if (next == CALL.length)
        {
            session = new Session(CallScript.SESSION, SETTINGS);
            next = 0;
        }
        sink.clear();
        reducer.apply(session, CALL[next++], sink);
        return session.state();
    }

    /**
     * One audio-level frame that changes nothing.
     *
     * @return the state, so the work cannot be eliminated.
     */
    @Benchmark
    public SessionState audioLevelNoOp()
    {
        sink.clear();
        reducer.apply(speaking, silentFrame, sink);
        return speaking.state();
    }
}
