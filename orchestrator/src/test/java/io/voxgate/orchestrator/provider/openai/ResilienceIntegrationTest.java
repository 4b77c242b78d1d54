package io.voxgate.orchestrator.provider.openai;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.config.ScriptConfig;
import io.voxgate.orchestrator.provider.freetts.FreeTts;
import io.voxgate.orchestrator.provider.resilience.CachedLinesTts;
import io.voxgate.orchestrator.provider.resilience.CircuitState;
import io.voxgate.orchestrator.provider.resilience.FallbackLlm;
import io.voxgate.orchestrator.provider.resilience.FallbackTts;
import io.voxgate.orchestrator.provider.resilience.RetryPolicy;
import io.voxgate.orchestrator.provider.resilience.Timeouts;
import io.voxgate.orchestrator.provider.scripted.ScriptedLlm;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.voxgate.orchestrator.provider.openai.ChatFixture.content;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.done;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.error;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.finish;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.start;
import static io.voxgate.orchestrator.provider.openai.ChatFixture.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResilienceIntegrationTest
{
    private static final Timeouts SHORT = new Timeouts(1000, 300, 300);

    private final ChatFixture fixture = new ChatFixture();
    private final RecordingSink sink = new RecordingSink();

    ResilienceIntegrationTest() throws IOException
    {
    }

    @AfterEach
    void close() throws IOException
    {
        fixture.close();
    }

    @Test
    void circuitOpensFailsFastWithoutARequestAndHalfOpensAfterTheCoolDown() throws InterruptedException
    {
        fixture.server.enqueue(error(500, "down", "server_error", null));
        fixture.server.enqueue(error(500, "down", "server_error", null));
        final OpenAiChatLlm llm = fixture.llm(RetryPolicy.NONE, SHORT, 2, new OkHttpClient());
        try (LlmSession session = llm.open(new CallContext("s", sink, Map.of())))
        {
            for (long run = 1; run <= 3; run++)
            {
                session.start(start(run, 0));
                final long id = run;
                sink.awaitEvent((e) -> e instanceof Event.LlmFailed f && f.runId() == id);
            }
            assertEquals("circuit_open: circuit open for openai-chat " + fixture.baseUrl(),
                ((Event.LlmFailed)sink.events().getLast()).reason());
            assertEquals(2, fixture.server.getRequestCount(), "the third request was never sent");

            fixture.clockMs.addAndGet(1000);
            fixture.server.enqueue(stream(content("Back.") + finish("stop") + done()));
            session.start(start(4, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone);
        }
        // The breaker hears of the success when the request's thread returns, just after it published LlmDone.
        fixture.executor.shutdown();
        assertTrue(fixture.executor.awaitTermination(RecordingSink.BOUND.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED),
            fixture.metrics.transitions());
        assertEquals(1, fixture.metrics.get("errors openai circuit_open"));
    }

    @Test
    void llmChainAnswersFromTheNextProviderWhenThePrimaryFailsBeforeOutput()
    {
        fixture.server.enqueue(error(503, "overloaded", "server_error", null));
        final FallbackLlm chain = new FallbackLlm(List.of(fixture.llm(RetryPolicy.NONE, SHORT),
            new ScriptedLlm(new ScriptConfig(null, null, "One moment please."))));
        try (LlmSession session = chain.open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(1, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        assertEquals(List.of(new Event.LlmDelta("s", 0, 1, 1, 0, "One "),
            new Event.LlmDelta("s", 0, 1, 1, 0, "moment "),
            new Event.LlmDelta("s", 0, 1, 1, 0, "please."), new Event.LlmDone("s", 0, 1, 1, 0)), sink.events());
    }

    @Test
    void llmChainPassesAFailureAfterOutputThrough()
    {
        final String body = content("Hel") + content(" " + "long ".repeat(200)) + done();
        fixture.server.enqueue(stream(body).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        final FallbackLlm chain = new FallbackLlm(List.of(fixture.llm(RetryPolicy.NONE, SHORT),
            new ScriptedLlm(new ScriptConfig(null, null, "Never said."))));
        try (LlmSession session = chain.open(new CallContext("s", sink, Map.of())))
        {
            session.start(start(1, 0));
            sink.awaitEvent((e) -> e instanceof Event.LlmDone || e instanceof Event.LlmFailed);
        }
        final List<Event> events = sink.events();
        assertEquals(2, events.size(), events.toString());
        assertEquals(new Event.LlmDelta("s", 0, 1, 1, 0, "Hel"), events.getFirst());
        assertTrue(((Event.LlmFailed)events.get(1)).reason().startsWith("disconnect: "));
    }

    @Test
    void ttsChainFallsBackToFreeTtsPerSegmentAndKeepsSegmentOrder()
    {
        fixture.server.enqueue(error(500, "down", "server_error", null));
        fixture.server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[4800 * 2])));
        final FallbackTts chain = new FallbackTts(List.of(fixture.tts(RetryPolicy.NONE, SHORT, new OkHttpClient()),
            new FreeTts("kevin16", 1, 100, fixture.executor, fixture.metrics)));
        try (TtsSession session = chain.open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("s", 9, 1, 0, "Hello there."));
            session.synthesize(new Command.SynthesizeSegment("s", 9, 1, 1, "Second."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone done && done.segment() == 1);
        }
        final List<String> shape = new ArrayList<>();
        for (final Event event : sink.events())
        {
            final String item = switch (event)
            {
                case Event.TtsAudio audio -> audio.segment() + "@" + audio.sampleRate();
                case Event.TtsDone d -> d.segment() + " done";
                default -> event.toString();
            };
            if (shape.isEmpty() || !shape.getLast().equals(item))
            {
                shape.add(item);
            }
        }
        assertEquals(List.of("0@16000", "0 done", "1@24000", "1 done"), shape,
            "segment 0 spoken by freetts before segment 1 by the primary");
    }

    @Test
    void whenEverySynthesizerFailsTheCachedFallbackLineIsStillHeard()
    {
        fixture.server.enqueue(error(500, "down", "server_error", null));
        fixture.server.enqueue(error(500, "down", "server_error", null));
        final String line = "Sorry, I am having trouble right now.";
        final CachedLinesTts cached = CachedLinesTts.render(
            new FreeTts("kevin16", 1, 100, fixture.executor, fixture.metrics), List.of(line, ""),
            RecordingSink.BOUND);
        assertEquals(List.of(line), List.copyOf(cached.lines()));
        final FallbackTts chain = new FallbackTts(List.of(fixture.tts(RetryPolicy.NONE, SHORT, new OkHttpClient()),
            cached));
        try (TtsSession session = chain.open(new CallContext("s", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("s", 1, 1, 0, "The reply nobody can say."));
            assertEquals(new Event.TtsFailed("s", 0, 1, 1, 0,
                "client: every synthesizer failed and this is not a cached line"),
                sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed));
            session.synthesize(new Command.SynthesizeSegment("s", 2, 1, 0, line));
            assertEquals(new Event.TtsDone("s", 0, 2, 1, 0),
                sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed));
        }
        final List<Event> run2 = sink.events().stream().filter((e) -> ((Event.RunEvent)e).runId() == 2).toList();
        assertTrue(run2.size() > 10, "the line's audio: " + run2.size() + " events");
        assertTrue(run2.subList(0, run2.size() - 1).stream()
            .allMatch((e) -> e instanceof Event.TtsAudio audio && audio.sampleRate() == 16000));
        assertEquals(2, fixture.server.getRequestCount());
    }
}
