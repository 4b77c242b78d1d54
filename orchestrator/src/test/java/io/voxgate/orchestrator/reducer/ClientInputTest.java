package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.TimerKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.voxgate.orchestrator.reducer.ScriptedCall.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client input of browser sessions: typed text ({@code UserText}) is a whole user turn that ends at once and
 * interrupts a running reply; {@code CancelResponse} stops the reply like a confirmed barge-in and listens again
 * without starting a turn.
 */
class ClientInputTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    /**
     * A call speaking turn 1's reply (run 1) with the LLM still streaming and segment 0 (1000 ms sent) half heard;
     * timers 1 to 4 used, none pending but the maximum duration.
     */
    private static ScriptedCall speakingHalfHeard()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.userTurn(1_000, "count");
        call.delta(2_600, "one two three four five six seven eight nine ten. And");
        call.audio(2_800, 0, ScriptedCall.pcm(500));
        call.audio(2_810, 0, ScriptedCall.pcm(500));
        call.played(3_300, 0, 500);
        assertEquals(SessionState.SPEAKING, call.session.state());
        return call;
    }

    @Test
    void typedTextEndsTheTurnAtOnce()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);

        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "book a table ", true),
            new Command.CancelTimer(S, TimerKind.IDLE, 2),
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("book a table"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 3, 9_000)),
            call.apply(new Event.UserText(S, 1_000, "book a table ")));
        assertEquals(SessionState.THINKING, call.session.state());
        assertEquals(1, call.session.turn());
    }

    @Test
    void typedTextJoinsWhatTheCallerAlreadySaidAndSkipsTheEndpointingWait()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);
        call.transcript(1_500, "I would like");
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 3, 2_500)), call.speechStopped(2_000));

        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "a large pizza", true),
            new Command.CancelTimer(S, TimerKind.ENDPOINTING, 3),
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("I would like a large pizza"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 10_100)),
            call.apply(new Event.UserText(S, 2_100, "a large pizza")));
        assertEquals(List.of(), call.apply(new Event.TimerFired(S, 2_500, TimerKind.ENDPOINTING, 3)));
        assertEquals(1, call.session.staleEvents());
    }

    @Test
    void typedTextInterruptsTheRunningReplyAndKeepsWhatWasHeard()
    {
        final ScriptedCall call = speakingHalfHeard();

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1),
            new Command.SendAssistantMessage(S, 1, 1, "one two three four five", true),
            new Command.SendTranscript(S, 2, "what time is it", true),
            new Command.StartLlm(S, 2, 2, 0, List.of(SYSTEM, ChatMessage.user("count"),
                ChatMessage.assistant("one two three four five"), ChatMessage.user("what time is it"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 5, 11_400)),
            call.apply(new Event.UserText(S, 3_400, "what time is it")));
        assertEquals(SessionState.THINKING, call.session.state());
        assertEquals(2, call.session.turn());
        assertEquals(List.of(), call.apply(new Event.TtsAudio(S, 3_410, 1, 1, 0, 16_000, ScriptedCall.pcm(100))));
        assertEquals(1, call.session.staleEvents());
    }

    @Test
    void speechStillGoingOnWhenTextIsTypedIsABargeInCandidateAgainstTheNewReply()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
        call.start(0);
        call.speechStarted(1_000);

        assertEquals(List.of(
            new Command.SendTranscript(S, 1, "hello", true),
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user("hello"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 3, 9_200),
            new Command.StartTimer(S, TimerKind.INTERRUPTION, 4, 1_500)),
            call.apply(new Event.UserText(S, 1_200, "hello")));
        assertEquals(SessionState.THINKING, call.session.state());
        assertEquals(List.of(new Command.CancelTimer(S, TimerKind.INTERRUPTION, 4)), call.speechStopped(1_300));
        assertEquals(1, call.session.backchannels());
        assertEquals(1, call.run());
    }

    @Test
    void blankTypedTextAndTypedTextDuringTheGoodbyeAreIgnored()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxReprompts(0).build());
        call.start(0);

        assertEquals(List.of(), call.apply(new Event.UserText(S, 1_000, "  ")));
        assertEquals(1, call.session.ignoredEvents());
        assertTrue(call.session.isTimerPending(TimerKind.IDLE));

        call.fire(10_000, TimerKind.IDLE);
        assertEquals(RunKind.GOODBYE, call.session.currentRunKind());
        assertEquals(List.of(), call.apply(new Event.UserText(S, 10_100, "wait, one more thing")));
        assertEquals(2, call.session.ignoredEvents());
        assertEquals(RunKind.GOODBYE, call.session.currentRunKind());
        assertEquals(0, call.session.turn());
    }

    @Test
    void cancelResponseStopsTheReplyLikeABargeInAndListensWithoutANewTurn()
    {
        final ScriptedCall call = speakingHalfHeard();

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1),
            new Command.SendAssistantMessage(S, 1, 1, "one two three four five", true),
            new Command.StartTimer(S, TimerKind.IDLE, 5, 13_400)),
            call.apply(new Event.CancelResponse(S, 3_400)));
        assertEquals(SessionState.LISTENING, call.session.state());
        assertEquals(0, call.session.currentRunId());
        assertEquals(1, call.session.turn());
        assertEquals(1, call.session.cancelledResponses());
        assertEquals(0, call.session.bargeIns());
        assertEquals(List.of(SYSTEM, ChatMessage.user("count"), ChatMessage.assistant("one two three four five")),
            call.session.history());

        assertEquals(List.of(), call.apply(new Event.PlayoutProgress(S, 3_450, 1, 1, 0, 1_000)));
        assertEquals(List.of(), call.apply(new Event.LlmDelta(S, 3_460, 1, 1, 0, " eleven.")));
        assertEquals(2, call.session.staleEvents());
        assertEquals(List.of(), call.fire(13_300, TimerKind.RESPONSE), "the response timer was cancelled");
        assertEquals(List.of(new Command.SendTranscript(S, 2, "go on", true),
            new Command.CancelTimer(S, TimerKind.IDLE, 5),
            new Command.StartLlm(S, 2, 2, 0, List.of(SYSTEM, ChatMessage.user("count"),
                ChatMessage.assistant("one two three four five"), ChatMessage.user("go on"))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 6, 11_500)),
            call.apply(new Event.UserText(S, 3_500, "go on")));
    }

    @Test
    void cancelResponseWhileTheCallerTalksOverTheReplyLeavesTheirSpeechAsTheTurn()
    {
        final ScriptedCall call = speakingHalfHeard();
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.INTERRUPTION, 5, 3_650)), call.speechStarted(3_350));

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1),
            new Command.SendAssistantMessage(S, 1, 1, "one two three four five", true),
            new Command.CancelTimer(S, TimerKind.INTERRUPTION, 5)),
            call.apply(new Event.CancelResponse(S, 3_400)));
        assertEquals(SessionState.USER_SPEAKING, call.session.state());
        assertEquals(List.of(new Command.SendTranscript(S, 2, "stop please", true)),
            call.transcript(3_500, "stop please"));
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 6, 4_100)), call.speechStopped(3_600));
    }

    @Test
    void cancelResponseWithoutARunOrDuringTheGoodbyeIsIgnored()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().maxReprompts(0).build());
        call.start(0);

        assertEquals(List.of(), call.apply(new Event.CancelResponse(S, 1_000)));
        assertEquals(1, call.session.ignoredEvents());
        assertEquals(SessionState.LISTENING, call.session.state());

        call.fire(10_000, TimerKind.IDLE);
        assertEquals(List.of(), call.apply(new Event.CancelResponse(S, 10_100)));
        assertEquals(2, call.session.ignoredEvents());
        assertEquals(RunKind.GOODBYE, call.session.currentRunKind());
        assertEquals(0, call.session.cancelledResponses());
    }
}
