package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.server.pipeline.CallAudio;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.twilio.ProtocolError;
import io.voxgate.server.twilio.TwilioCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of the issue, sent on one call while a healthy call runs in the same server: the bad call gets
 * exactly the expected outcome (close status, or ignored and the call goes on) and exactly one count of its kind;
 * the healthy call loses nothing and ends normally.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIsolationTest
{
    private static final String BAD = "MZbad";
    private static final String HEALTHY = "MZhealthy";
    private static final int NOT_CLOSED = 0;

    private ServerFixture fixture;

    @BeforeAll
    void startServer() throws InterruptedException
    {
        fixture = new ServerFixture();
    }

    @AfterAll
    void stopServer()
    {
        fixture.close();
    }

    static Stream<Arguments> badInputs()
    {
        final String silence = CallAudio.frame(CallAudio.silence(1), 0);
        return Stream.of(
            bad("binary frame", ProtocolError.BINARY_FRAME, 1003, true, c -> c.sendBinary(new byte[] {1, 2, 3})),
            bad("malformed JSON", ProtocolError.MALFORMED_JSON, 1007, true,
                c -> c.send("{\"event\":\"media\",\"media\":{\"payload\":")),
            bad("invalid UTF-8", ProtocolError.MALFORMED_JSON, 1007, true, c -> c.send(new TextWebSocketFrame(
                Unpooled.wrappedBuffer(new byte[] {'{', '"', 'e', '"', ':', '"', (byte)0xC3, 0x28, '"', '}'})))),
            bad("frame over 64 KiB", ProtocolError.FRAME_TOO_BIG, 1009, true,
                c -> c.send(TwilioMessages.media(BAD, 2, 20, "A".repeat(100_000)))),
            bad("media before start", ProtocolError.MEDIA_BEFORE_START, 1008, false,
                c -> c.send(TwilioMessages.connected()).send(TwilioMessages.media(BAD, 1, 20, silence))),
            bad("duplicate start", ProtocolError.DUPLICATE_START, 1008, true,
                c -> c.send(TwilioMessages.start(BAD, 2, "parrot"))),
            bad("wrong field type", ProtocolError.WRONG_FIELD_TYPE, 1007, true,
                c -> c.send("{\"event\":\"media\",\"sequenceNumber\":2,\"streamSid\":\"" + BAD + "\",\"media\":[]}")),
            bad("invalid base64", ProtocolError.INVALID_BASE64, NOT_CLOSED, true,
                c -> c.send(TwilioMessages.media(BAD, 2, 20, "////!!!!"))),
            bad("oversized payload", ProtocolError.PAYLOAD_TOO_LARGE, NOT_CLOSED, true,
                c -> c.send(TwilioMessages.media(BAD, 2, 20, "A".repeat(8000)))),
            bad("unknown event", ProtocolError.UNKNOWN_EVENT, NOT_CLOSED, true,
                c -> c.send("{\"event\":\"transcription\",\"sequenceNumber\":\"2\",\"streamSid\":\"" + BAD + "\"}")));
    }

    private static Arguments bad(
        final String name,
        final ProtocolError kind,
        final int closeStatus,
        final boolean startFirst,
        final Consumer<TwilioTestClient> input)
    {
        return Arguments.of(name, kind, closeStatus, startFirst, input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputHasItsExactOutcomeAndLeavesTheHealthyCallAlone(
        final String name,
        final ProtocolError kind,
        final int closeStatus,
        final boolean startFirst,
        final Consumer<TwilioTestClient> input) throws Exception
    {
        final TwilioCounters transport = fixture.server.transportCounters();
        final PipelineCounters stages = fixture.server.pipeline().counters();
        final long[] errorsBefore = errorCounts(transport);
        final long framesBefore = stages.ingressMediaFrames();

        try (TwilioTestClient healthy = fixture.call(); TwilioTestClient bad = fixture.call())
        {
            healthy.start(HEALTHY, "parrot").media(HEALTHY, CallAudio.silence(10));
            if (startFirst)
            {
                bad.start(BAD, "parrot").media(BAD, CallAudio.silence(3));
            }
            input.accept(bad);
            if (closeStatus == NOT_CLOSED)
            {
                bad.media(BAD, CallAudio.silence(2)).stop(BAD);
                assertEquals(1000, bad.awaitClose(), "the bad call went on and ended normally");
            }
            else
            {
                assertEquals(closeStatus, bad.awaitClose(), name);
            }
            assertTrue(healthy.isOpen(), "the healthy call is still open");
            healthy.media(HEALTHY, CallAudio.silence(10)).stop(HEALTHY);
            assertEquals(1000, healthy.awaitClose());
        }

        final long[] errorsAfter = errorCounts(transport);
        for (final ProtocolError error : ProtocolError.values())
        {
            assertEquals(error == kind ? 1 : 0, errorsAfter[error.ordinal()] - errorsBefore[error.ordinal()],
                error.label());
        }
        final int badFrames = startFirst ? 3 + (closeStatus == NOT_CLOSED ? 2 : 0) : 0;
        Await.until("every published frame counted", () -> stages.ingressMediaFrames() - framesBefore >= 20);
        assertEquals(20 + badFrames, stages.ingressMediaFrames() - framesBefore,
            "all 20 healthy frames and every valid frame of the bad call were published");
        Await.until("both sessions ended", () -> fixture.server.pipeline().registry().activeCalls() == 0);
    }

    private static long[] errorCounts(final TwilioCounters transport)
    {
        final long[] counts = new long[ProtocolError.values().length];
        for (final ProtocolError error : ProtocolError.values())
        {
            counts[error.ordinal()] = transport.protocolErrors().get(error);
        }
        return counts;
    }
}
