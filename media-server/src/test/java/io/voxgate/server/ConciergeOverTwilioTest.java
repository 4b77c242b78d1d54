package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static io.voxgate.server.TwilioMessages.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.server.pipeline.CallAudio;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.pipeline.PipelineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline {@code concierge} (config/assistants/concierge.yaml: ASR none, scripted LLM, FreeTTS) served over
 * Twilio on loopback by the real server: greeting audio, one reply per caller turn (speech then silence), the
 * {@code check_availability} tool call, echoed marks completing each reply, and a barge-in that clears playback.
 * The orchestrator's decisions are read from the call's session log. Waits are bounded; nothing asserts a duration.
 */
class ConciergeOverTwilioTest
{
    static final Path ASSISTANTS = Path.of("..", "config", "assistants").toAbsolutePath().normalize();
    private static final String SID = "MZconcierge";
    private static final String GREETING =
        "Hello, and thank you for calling Harbor View Hotel. I am the concierge. How can I help you today?";
    private static final String FIRST_SENTENCE = "Wonderful. The room is reserved under this phone number.";

    static boolean isMark(final String message)
    {
        return "mark".equals(event(message));
    }

    /**
     * Plays every reply out as Twilio would with instant playout, echoing each mark, until the reply of a turn has
     * been heard to its end.
     */
    static void hearReply(final TwilioTestClient call, final String sid, final CallLog log, final int turn)
    {
        Await.until("the reply of turn " + turn + " heard to its end", () ->
        {
            for (final String message : call.drainReceived())
            {
                if (isMark(message))
                {
                    call.mark(sid, field(message, "name"));
                }
            }
            return log.replyCompleted(turn);
        });
    }

    @Test
    void greetsAnswersEachTurnCallsTheToolAndIsInterruptedByTheCaller(@TempDir final Path logs) throws Exception
    {
        final CallLog log = new CallLog(logs, SID);
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
            ASSISTANTS.toString(), ServerSetting.ASSISTANT, "concierge", ServerSetting.SESSION_LOG_DIR,
            logs.toString())))
        {
            assertTrue(fixture.server.pipeline().assistantNames().contains("concierge"));
            try (TwilioTestClient call = fixture.call())
            {
                call.start(SID, "concierge");
                final String greeting = call.await("greeting audio", m -> "media".equals(event(m)));
                assertEquals(SID, field(greeting, "streamSid"));
                final byte[] mulaw = Base64.getDecoder().decode(field(greeting, "payload"));
                assertTrue(mulaw.length >= 160 && mulaw.length % 160 == 0, "20 ms frames of mu-law: " + mulaw.length);
                hearReply(call, SID, log, 0);
                assertEquals(GREETING, log.assistantMessages().getFirst().text());

                call.media(SID, CallAudio.concat(CallAudio.speech(40, 1), CallAudio.silence(60)));
                hearReply(call, SID, log, 1);
                final List<Command.ExecuteTool> tools = log.commands(Command.ExecuteTool.class);
                assertEquals(1, tools.size());
                assertEquals("check_availability", tools.getFirst().call().name());
                assertEquals("{\"day\":\"tomorrow\"}", tools.getFirst().call().argumentsJson());
                assertEquals("We have 3 rooms available tomorrow. Shall I reserve one for you?",
                    log.assistantMessages().get(1).text());

                call.media(SID, CallAudio.concat(CallAudio.speech(40, 2), CallAudio.silence(60)));
                // The first sentence of the reply is heard (its marks echoed), then the caller talks over the
                // second one while it plays.
                while (true)
                {
                    final String mark = call.await("the reply of turn 2 playing", m -> isMark(m) &&
                        field(m, "name").contains(":t2:"));
                    if (!field(mark, "name").contains(":s0:"))
                    {
                        break;
                    }
                    call.mark(SID, field(mark, "name"));
                }
                call.media(SID, CallAudio.speech(30, 3));
                assertEquals("{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}",
                    call.await("clear", m -> "clear".equals(event(m))));
                Await.until("the interrupted reply logged", () -> log.assistantMessages().stream()
                    .anyMatch(m -> m.turn() == 2 && m.interrupted()));
                final Command.SendAssistantMessage interrupted = log.assistantMessages().getLast();
                assertEquals(FIRST_SENTENCE, interrupted.text(), "what was heard of the interrupted reply");
                final long interruptedRun = interrupted.runId();

                // The call goes on: the caller falls silent and the conversation continues to a heard reply.
                call.media(SID, CallAudio.silence(60));
                Await.until("a reply after the barge-in heard to its end", () ->
                {
                    for (final String message : call.drainReceived())
                    {
                        if (isMark(message))
                        {
                            call.mark(SID, field(message, "name"));
                        }
                    }
                    return log.assistantMessages().stream().anyMatch(m -> m.runId() > interruptedRun &&
                        !m.interrupted());
                });
                call.stop(SID);
                assertEquals(1000, call.awaitClose());
            }
            final PipelineCounters stages = fixture.server.pipeline().counters();
            Await.until("the session log closed", () -> stages.sessionLogsClosed() == 1);
            assertEquals(1, stages.egressClears());
            assertEquals(0, stages.orchestratorUnknownMarks(), "every echoed mark was ours");
            assertEquals(0, stages.orchestratorInboxDrops());
        }

        final List<ChatMessage> history = log.history();
        assertEquals(List.of(Role.SYSTEM, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
            Role.USER, Role.ASSISTANT), history.subList(0, 8).stream().map(ChatMessage::role).toList(),
            history.toString());
        assertEquals(GREETING, history.get(1).content());
        assertEquals("check_availability", history.get(3).toolCalls().getFirst().name());
        assertEquals("We have 3 rooms available tomorrow. Shall I reserve one for you?", history.get(5).content());
        assertEquals(FIRST_SENTENCE, history.get(7).content(), "the history holds what was heard");
    }
}
