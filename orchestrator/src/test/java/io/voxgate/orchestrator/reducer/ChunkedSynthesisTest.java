package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 6 in the reducer: synthesis starts on the first complete sentence of the streamed reply, and a number
 * split across deltas is not cut.
 */
class ChunkedSynthesisTest
{
    @Test
    void synthesisStartsOnTheFirstSentenceAndNeverInsideANumber()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "when");

        assertEquals(List.of(), call.delta(2_600, "Dr. Smith will see you at 3."));
        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 0, "Dr. Smith will see you at 3.5 pm.")),
            call.delta(2_610, "5 pm. Bring "));
        assertEquals(List.of(), call.delta(2_620, "your card."));
        assertEquals(List.of(new Command.SynthesizeSegment(S, 1, 1, 1, "Bring your card.")), call.llmDone(2_630));
    }

    @Test
    void deltasOfAnEarlierStepAreStale()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "when");

        assertEquals(List.of(), call.apply(new io.voxgate.orchestrator.model.Event.LlmDelta(S, 2_600, 1, 1, 3,
            "Wrong step. ")));
        assertEquals(1, call.session.staleEvents());
    }
}
