package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 8: the idle caller is re-prompted after {@code idleTimeoutMs}, then told goodbye and hung up on; the
 * maximum call duration ends the call with a goodbye; a goodbye that does not finish in time is cut short.
 */
class TimersTest
{
    private static final String GOODBYE = "It seems you have stepped away. Goodbye!";

    @Test
    void idleCallerIsRepromptedThenHungUpOn()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);

        assertEquals(List.of(
            new Command.SynthesizeSegment(S, 1, 0, 0, "Are you still there?"),
            new Command.StartTimer(S, TimerKind.RESPONSE, 3, 18_000)), call.fire(10_000, TimerKind.IDLE));
        call.audio(10_100, 0, ScriptedCall.pcm(100));
        call.ttsDone(10_100, 0);
        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 1, 0, "Are you still there?", false),
            new Command.StartTimer(S, TimerKind.IDLE, 4, 20_200)), call.played(10_200, 0, 100));

        call.fire(20_200, TimerKind.IDLE);
        call.playAll(20_300);
        assertEquals(SessionState.LISTENING, call.session.state());

        assertEquals(List.of(
            new Command.StartTimer(S, TimerKind.HANGUP, 7, 40_300),
            new Command.SynthesizeSegment(S, 3, 0, 0, "It seems you have stepped away."),
            new Command.SynthesizeSegment(S, 3, 0, 1, "Goodbye!"),
            new Command.StartTimer(S, TimerKind.RESPONSE, 8, 38_300)), call.fire(30_300, TimerKind.IDLE));
        call.audio(30_400, 0, ScriptedCall.pcm(100));
        call.ttsDone(30_400, 0);
        call.audio(30_410, 1, ScriptedCall.pcm(100));
        call.ttsDone(30_410, 1);
        call.played(30_500, 0, 100);
        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 3, 0, GOODBYE, false),
            new Command.CancelTimer(S, TimerKind.MAX_DURATION, 1),
            new Command.CancelTimer(S, TimerKind.HANGUP, 7),
            new Command.StopAsr(S),
            new Command.HangUp(S, "idle")), call.played(30_600, 1, 100));
        assertEquals(SessionState.ENDED, call.session.state());
        assertEquals(List.of(), call.speechStarted(30_700));
        assertEquals(1, call.session.ignoredEvents());
    }

    @Test
    void callerActivityResetsTheRepromptCount()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxReprompts(1).build());
        call.start(0);
        call.fire(10_000, TimerKind.IDLE);
        call.playAll(10_100);
        call.userTurn(11_000, "hi");
        call.delta(12_600, "Hello!");
        call.llmDone(12_610);
        call.playAll(12_700);

        assertEquals(RunKind.REPROMPT.name(), kindAfterIdle(call, 22_700));
    }

    private static String kindAfterIdle(final ScriptedCall call, final long at)
    {
        call.fire(at, TimerKind.IDLE);
        return call.session.currentRunKind().name();
    }

    @Test
    void maximumDurationSaysGoodbyeOverTheCurrentReply()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxCallDurationMs(60_000).build());
        call.start(0);
        call.userTurn(58_000, "one more thing");
        call.delta(59_600, "Of course, what is it that you need? ");
        call.audio(59_700, 0, ScriptedCall.pcm(100));

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1),
            new Command.StartTimer(S, TimerKind.HANGUP, 5, 70_000),
            new Command.SynthesizeSegment(S, 2, 1, 0, "We have reached the time limit for this call."),
            new Command.SynthesizeSegment(S, 2, 1, 1, "Goodbye!"),
            new Command.StartTimer(S, TimerKind.RESPONSE, 6, 68_000)), call.fire(60_000, TimerKind.MAX_DURATION));
        assertEquals(RunKind.GOODBYE, call.session.currentRunKind());
    }

    @Test
    void goodbyeThatDoesNotFinishInTimeIsCutShort()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxCallDurationMs(60_000).build());
        call.start(0);
        call.fire(60_000, TimerKind.MAX_DURATION);

        assertEquals(List.of(
            new Command.CancelTts(S, 1, 0),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4),
            new Command.StopAsr(S),
            new Command.HangUp(S, "max-duration")), call.fire(70_000, TimerKind.HANGUP));
    }

    @Test
    void transportEndOfCallCancelsEverythingWithoutClearing()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "hi");
        call.delta(2_600, "Hello there, friend! ");
        call.audio(2_700, 0, ScriptedCall.pcm(100));

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.CancelTimer(S, TimerKind.MAX_DURATION, 1),
            new Command.StopAsr(S)), call.apply(new Event.CallEnded(S, 2_800, "stop")));
        assertEquals(SessionState.ENDED, call.session.state());
    }
}
