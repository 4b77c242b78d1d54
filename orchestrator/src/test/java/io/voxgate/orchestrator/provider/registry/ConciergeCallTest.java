package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.orchestrator.model.SessionState;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.AssistantConfigReader;
import io.voxgate.orchestrator.provider.resilience.CircuitBreakers;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.tool.CheckAvailabilityTool;
import io.voxgate.orchestrator.reducer.Session;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConciergeCallTest
{
    private final ProviderEnvironment environment = new ProviderEnvironment(Map.of(),
        Executors.newVirtualThreadPerTaskExecutor(), Executors.newSingleThreadScheduledExecutor(),
        ProviderMetrics.NOOP, new CircuitBreakers(() -> 0, ProviderMetrics.NOOP), () -> 0,
        RandomGenerator.of("L64X128MixRandom"), (delayMs, cancel) -> true,
        Map.of(CheckAvailabilityTool.NAME, new CheckAvailabilityTool()), new OkHttpClient());

    @AfterEach
    void close()
    {
        environment.close();
    }

    private static int lastIndexOf(final List<Command> commands, final Class<? extends Command> type)
    {
        for (int i = commands.size() - 1; i >= 0; i--)
        {
            if (type.isInstance(commands.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    @Test
    void greetsAnswersEachTurnCallsTheToolAndSaysGoodbyeThenHangsUpOffline()
    {
        final AssistantConfig config =
            new AssistantConfigReader().read(Path.of("..", "config", "assistants"), "concierge");
        final AssistantProviders providers = BuiltInProviders.registry().forAssistant(config, environment);
        final RecordingSink sink = new RecordingSink();
        final Session session = new Session("call-1", providers.settingsFor(Map.of()));
        try (CallProviders call = providers.open("call-1", sink, Map.of()))
        {
            final OfflineCall offline = new OfflineCall(session, sink, call);
            offline.apply(new Event.CallStarted("call-1", 0));
            offline.untilListening();
            for (int turn = 1; turn <= 2; turn++)
            {
                offline.callerSpeaks(800);
                offline.untilListening();
            }
            offline.callerSpeaks(800);
            final int beforeGoodbye = offline.commands.size();
            offline.until((event) -> offline.session.state() == SessionState.ENDED);
            assertEquals(List.of(
                "Hello, and thank you for calling Harbor View Hotel. I am the concierge. How can I help you today?",
                "We have 3 rooms available tomorrow. Shall I reserve one for you?",
                "Wonderful. The room is reserved under this phone number. Is there anything else I can do for you?",
                "Thank you for calling Harbor View Hotel. Goodbye!"), offline.heard);

            final List<Command.ExecuteTool> tools = offline.commands.stream()
                .filter(Command.ExecuteTool.class::isInstance).map(Command.ExecuteTool.class::cast).toList();
            assertEquals(1, tools.size());
            assertEquals(new ToolCall(tools.getFirst().call().id(), "check_availability", "{\"day\":\"tomorrow\"}"),
                tools.getFirst().call());

            assertTrue(offline.played.stream().allMatch((play) -> play.sampleRate() == 16000));
            final long runsWithAudio = offline.played.stream().mapToLong(Command.PlayAudio::runId).distinct().count();
            assertEquals(4, runsWithAudio, "greeting and three replies were spoken");

            final List<ChatMessage> history = session.history();
            assertEquals(Role.SYSTEM, history.getFirst().role());
            assertEquals(List.of(Role.SYSTEM, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT),
                history.stream().map(ChatMessage::role).toList());
            assertEquals("Thank you for calling Harbor View Hotel. Goodbye!", history.getLast().content());

            // The goodbye intent ends the call: end_call is never executed, the goodbye plays to its end (every
            // segment's mark), then the call is hung up.
            final List<Command> goodbye = offline.commands.subList(beforeGoodbye, offline.commands.size());
            assertTrue(goodbye.stream().noneMatch(Command.ExecuteTool.class::isInstance));
            assertEquals(new Command.HangUp("call-1", "end_call"), goodbye.getLast());
            final int lastPlay = lastIndexOf(goodbye, Command.PlayAudio.class);
            final int heard = lastIndexOf(goodbye, Command.SendAssistantMessage.class);
            assertTrue(lastPlay >= 0 && lastPlay < heard && heard < goodbye.size() - 1, goodbye.toString());
            final Command.SendAssistantMessage said = (Command.SendAssistantMessage)goodbye.get(heard);
            assertEquals("Thank you for calling Harbor View Hotel. Goodbye!", said.text());
            assertEquals(3, said.turn());
            assertFalse(said.interrupted());
            assertEquals(SessionState.ENDED, session.state());
        }
    }
}
