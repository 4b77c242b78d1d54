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

/**
 * A speech-to-speech model ({@code speechToSpeech} settings): each reply step is one segment whose audio and
 * transcript come from the model in any order; no TTS segments are cut; a barge-in also truncates the model's
 * memory at the heard position; a late caller transcript completes the history without restarting the reply.
 */
class SpeechToSpeechTest
{
    private static final ChatMessage SYSTEM = ChatMessage.system("Be brief.");

    /** 8 kHz PCM16 of the given length, as the Realtime adapter publishes it. */
    private static byte[] pcm8k(final int ms)
    {
        return new byte[ms * 16];
    }

    /** A call whose first caller turn (VAD only) has started run 1; timers 1 to 4 used. */
    private static ScriptedCall replying()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().speechToSpeech(true).build());
        call.start(0);
        call.speechStarted(1_000);
        call.speechStopped(2_000);
        assertEquals(List.of(
            new Command.StartLlm(S, 1, 1, 0, List.of(SYSTEM, ChatMessage.user(""))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 4, 13_000)), call.fire(5_000, TimerKind.ENDPOINTING));
        return call;
    }

    private static List<Command> audio(final ScriptedCall call, final long at, final byte[] pcm)
    {
        return call.apply(new Event.TtsAudio(S, at, 1, 1, 0, 8_000, pcm));
    }

    @Test
    void theModelsAudioAndTranscriptFormOneSegmentThatIsPlayedAndKept()
    {
        final ScriptedCall call = replying();
        final byte[] first = pcm8k(200);
        final byte[] second = pcm8k(200);

        assertEquals(List.of(
            new Command.PlayAudio(S, 1, 1, 0, 8_000, first, 200),
            new Command.CancelTimer(S, TimerKind.RESPONSE, 4)), audio(call, 5_100, first));
        assertEquals(List.of(), call.delta(5_110, "Hello there, "));
        assertEquals(List.of(), call.delta(5_120, "how can I help?"));
        assertEquals(List.of(new Command.PlayAudio(S, 1, 1, 0, 8_000, second, 400)), audio(call, 5_200, second));
        assertEquals(List.of(), call.apply(new Event.TtsDone(S, 5_300, 1, 1, 0)));
        assertEquals(List.of(), call.llmDone(5_300));
        assertEquals(SessionState.SPEAKING, call.session.state());

        assertEquals(List.of(
            new Command.SendAssistantMessage(S, 1, 1, "Hello there, how can I help?", false),
            new Command.StartTimer(S, TimerKind.IDLE, 5, 15_600)), call.played(5_600, 0, 400));
        assertEquals(List.of(SYSTEM, ChatMessage.user(""), ChatMessage.assistant("Hello there, how can I help?")),
            call.session.history());
        assertEquals(SessionState.LISTENING, call.session.state());
    }

    @Test
    void aTranscriptArrivingAfterTheReplyEndedCompletesItsTurnAndOpensNone()
    {
        final ScriptedCall call = replying();
        audio(call, 5_100, pcm8k(200));
        call.delta(5_110, "It is noon.");
        call.apply(new Event.TtsDone(S, 5_200, 1, 1, 0));
        call.llmDone(5_200);
        call.played(5_400, 0, 200);
        assertEquals(SessionState.LISTENING, call.session.state());

        assertEquals(List.of(new Command.SendTranscript(S, 1, "what time", false)), call.partial(5_500, "what time"));
        assertEquals(List.of(new Command.SendTranscript(S, 1, "what time is it", true)),
            call.transcript(5_600, "what time is it"));
        assertEquals(SessionState.LISTENING, call.session.state());
        assertEquals(1, call.session.turn());
        assertEquals(List.of(SYSTEM, ChatMessage.user("what time is it"), ChatMessage.assistant("It is noon.")),
            call.session.history());
    }

    @Test
    void bargeInCancelsClearsAndTruncatesTheModelsMemoryAtTheHeardPosition()
    {
        final ScriptedCall call = replying();
        audio(call, 5_100, pcm8k(400));
        call.delta(5_110, "one two three four");
        call.played(5_300, 0, 200);
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.INTERRUPTION, 5, 5_700)), call.speechStarted(5_400));

        assertEquals(List.of(
            new Command.CancelLlm(S, 1, 1),
            new Command.CancelTts(S, 1, 1),
            new Command.ClearPlayback(S, 1, 1),
            new Command.TruncateReply(S, 1, 1, 200),
            new Command.SendAssistantMessage(S, 1, 1, "one two", true)), call.fire(5_700, TimerKind.INTERRUPTION));
        assertEquals(SessionState.USER_SPEAKING, call.session.state());
        assertEquals(List.of(), audio(call, 5_710, pcm8k(100)));
        assertEquals(1, call.session.staleEvents());
    }

    @Test
    void aShortWordlessBargeInIsANewTurnForTheModelNotAResumedReply()
    {
        final ScriptedCall call = replying();
        audio(call, 5_100, pcm8k(400));
        call.delta(5_110, "one two three four");
        call.played(5_300, 0, 200);
        call.speechStarted(5_400);
        call.fire(5_700, TimerKind.INTERRUPTION);

        // With a cascade this would be a false interruption (short, no words) that resumes the reply.
        assertEquals(List.of(new Command.StartTimer(S, TimerKind.ENDPOINTING, 6, 8_800)), call.speechStopped(5_800));
        assertEquals(List.of(
            new Command.StartLlm(S, 2, 2, 0, List.of(SYSTEM, ChatMessage.user(""), ChatMessage.assistant("one two"),
                ChatMessage.user(""))),
            new Command.StartTimer(S, TimerKind.RESPONSE, 7, 16_800)), call.fire(8_800, TimerKind.ENDPOINTING));
        assertEquals(0, call.session.falseInterruptions());
        assertEquals(List.of(new Command.SendTranscript(S, 2, "never mind", true)),
            call.transcript(8_900, "never mind"));
        assertEquals(List.of(SYSTEM, ChatMessage.user(""), ChatMessage.assistant("one two"),
            ChatMessage.user("never mind")), call.session.history());
    }

    @Test
    void aLateCallerTranscriptCompletesTheTurnWithoutRestartingTheReply()
    {
        final ScriptedCall call = replying();

        assertEquals(List.of(new Command.SendTranscript(S, 1, "what time is it", true)),
            call.transcript(5_050, "what time is it"));
        assertEquals(1, call.run());
        assertEquals(0, call.step());
        assertEquals(List.of(SYSTEM, ChatMessage.user("what time is it")), call.session.history());
    }

    @Test
    void aFixedLineIsOneSegmentSpokenByTheTts()
    {
        final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().speechToSpeech(true)
            .greeting("Hello there. How can I help you today?").build());

        assertEquals(List.of(
            new Command.StartAsr(S),
            new Command.StartTimer(S, TimerKind.MAX_DURATION, 1, 1_800_000),
            new Command.SynthesizeSegment(S, 1, 0, 0, "Hello there. How can I help you today?"),
            new Command.StartTimer(S, TimerKind.RESPONSE, 2, 8_000)), call.start(0));
        call.playAll(100);
        assertEquals(List.of(SYSTEM, ChatMessage.assistant("Hello there. How can I help you today?")),
            call.session.history());
    }
}
