package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.twilio.CallOutcome;
import io.voxgate.server.twilio.ProtocolError;
import io.voxgate.server.twilio.StreamToken;
import io.voxgate.server.twilio.TwilioSignature;
import org.junit.jupiter.api.Test;

class HttpRoutesTest
{
    private static final String TOKEN = "12345";
    private static final String PUBLIC = "https://voice.example.com";
    private static final String FORM = "CallSid=CA1234567890ABCDE&From=%2B14158675309&To=%2B18005551212";
    private static final Map<String, List<String>> FORM_PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"),
        "From", List.of("+14158675309"), "To", List.of("+18005551212"));

    @Test
    void healthReadyAndUnknownRoutes() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            assertEquals(200, fixture.get("/health").statusCode());
            assertEquals("ok\n", fixture.get("/health").body());
            assertEquals(200, fixture.get("/ready").statusCode());
            assertEquals(404, fixture.get("/nope").statusCode());
            final HttpResponse<String> post = fixture.send(HttpRequest.newBuilder(fixture.uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
            final HttpResponse<String> plainGet = fixture.get("/twilio");
            assertEquals(426, plainGet.statusCode(), "a plain GET on the stream path");
            assertEquals("close", plainGet.headers().firstValue("Connection").orElse(""));
            assertEquals(405, fixture.send(HttpRequest.newBuilder(fixture.uri("/twilio"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        }
    }

    @Test
    void voiceWebhookAnswersWithConnectStreamTwiml() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.PUBLIC_URL, PUBLIC)))
        {
            final HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(
                fixture.uri("/twilio/voice?assistant=tone"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FORM)));
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n  <Connect>\n" +
                "    <Stream url=\"wss://voice.example.com/twilio\">\n" +
                "      <Parameter name=\"assistant\" value=\"tone\"/>\n" +
                "      <Parameter name=\"caller\" value=\"+14158675309\"/>\n" +
                "    </Stream>\n  </Connect>\n</Response>\n", response.body());
        }
    }

    @Test
    void signedWebhooksAreCheckedOverThePublicUrlAndFormParameters() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.PUBLIC_URL, PUBLIC,
            ServerSetting.TWILIO_AUTH_TOKEN, TOKEN)))
        {
            final String signature = new TwilioSignature(TOKEN).compute(PUBLIC + "/twilio/voice", FORM_PARAMS);
            final HttpRequest.Builder signed = HttpRequest.newBuilder(fixture.uri("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(FORM));
            final HttpResponse<String> ok = fixture.send(signed);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("value=\"parrot\""), ok.body());

            final HttpResponse<String> tampered = fixture.send(HttpRequest.newBuilder(fixture.uri("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(FORM.replace("CA1234567890ABCDE", "CA0"))));
            assertEquals(403, tampered.statusCode());
            final HttpResponse<String> unsigned = fixture.send(HttpRequest.newBuilder(fixture.uri("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FORM)));
            assertEquals(403, unsigned.statusCode());
        }
    }

    @Test
    void upgradesMustBeSignedOverThePublicWssUrlWhenATokenIsSet() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.PUBLIC_URL, PUBLIC,
            ServerSetting.TWILIO_AUTH_TOKEN, TOKEN)))
        {
            final TwilioClientRefusal missing = refusal(fixture, null);
            assertEquals(403, missing.status());
            assertEquals(403, refusal(fixture, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").status());
            // Signed over the https:// URL instead of the wss:// one Twilio uses: refused too.
            assertEquals(403, refusal(fixture,
                new TwilioSignature(TOKEN).compute(PUBLIC + "/twilio", Map.of())).status());
            assertEquals(3, fixture.server.transportCounters().outcomes().get(CallOutcome.REFUSED_SIGNATURE));

            final DefaultHttpHeaders headers = new DefaultHttpHeaders();
            headers.set(TwilioSignature.HEADER, new TwilioSignature(TOKEN).compute("wss://voice.example.com/twilio",
                Map.of()));
            final String token = new StreamToken(TOKEN, () -> System.currentTimeMillis() / 1000)
                .mint("CAMZsigned");
            try (TwilioTestClient call = fixture.call(headers))
            {
                call.send(TwilioMessages.connected())
                    .send(TwilioMessages.start("MZsigned", 1, "parrot", "CAMZsigned", token)).stop("MZsigned");
                assertEquals(1000, call.awaitClose());
            }
            assertEquals(1, fixture.server.transportCounters().callsAccepted());
        }
    }

    @Test
    void theSignedWebhookMintsTheStreamTokenThatStartMustBringBack() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.PUBLIC_URL, PUBLIC,
            ServerSetting.TWILIO_AUTH_TOKEN, TOKEN)))
        {
            final HttpResponse<String> answer = fixture.send(HttpRequest.newBuilder(fixture.uri("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", new TwilioSignature(TOKEN).compute(PUBLIC + "/twilio/voice",
                    FORM_PARAMS))
                .POST(HttpRequest.BodyPublishers.ofString(FORM)));
            assertEquals(200, answer.statusCode());
            final Matcher parameter = Pattern.compile("<Parameter name=\"token\" value=\"([0-9]+\\.[0-9a-f]{64})\"/>")
                .matcher(answer.body());
            assertTrue(parameter.find(), answer.body());
            final String token = parameter.group(1);
            final StreamToken tokens = new StreamToken(TOKEN, () -> System.currentTimeMillis() / 1000);
            assertTrue(tokens.isValid(token, "CA1234567890ABCDE"), "bound to the webhook's CallSid");
            assertFalse(tokens.isValid(token, "CA0"));

            final DefaultHttpHeaders headers = new DefaultHttpHeaders();
            headers.set(TwilioSignature.HEADER, new TwilioSignature(TOKEN).compute("wss://voice.example.com/twilio",
                Map.of()));
            try (TwilioTestClient call = fixture.call(headers))
            {
                call.send(TwilioMessages.connected())
                    .send(TwilioMessages.start("MZtoken", 1, "parrot", "CA1234567890ABCDE", token)).stop("MZtoken");
                assertEquals(1000, call.awaitClose(), "the call ran and stopped");
            }
            try (TwilioTestClient call = fixture.call(headers))
            {
                call.start("MZnotoken", "parrot");
                assertEquals(1008, call.awaitClose(), "a signed upgrade without the token is still refused");
            }
            // Outcomes are counted when the server's channel goes inactive, which may follow the client's close.
            Await.until("both outcomes counted", () ->
                fixture.server.transportCounters().outcomes().get(CallOutcome.REFUSED_TOKEN) +
                fixture.server.transportCounters().outcomes().get(CallOutcome.STOPPED) == 2);
            assertEquals(1, fixture.server.transportCounters().outcomes().get(CallOutcome.REFUSED_TOKEN));
            assertEquals(1, fixture.server.transportCounters().outcomes().get(CallOutcome.STOPPED));
            assertEquals(1, fixture.server.transportCounters().protocolErrors()
                .get(ProtocolError.INVALID_STREAM_TOKEN));
        }
    }

    @Test
    void withoutAnAuthTokenTheTwimlCarriesNoStreamToken() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.PUBLIC_URL, PUBLIC)))
        {
            final HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(fixture.uri("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FORM)));
            assertEquals(200, response.statusCode());
            assertFalse(response.body().contains("token"), response.body());
        }
    }

    private record TwilioClientRefusal(int status)
    {
    }

    private static TwilioClientRefusal refusal(final ServerFixture fixture, final String signature)
    {
        final DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (signature != null)
        {
            headers.set(TwilioSignature.HEADER, signature);
        }
        final TwilioTestClient.HandshakeRefused refused = assertThrows(TwilioTestClient.HandshakeRefused.class,
            () -> fixture.call(headers).close());
        return new TwilioClientRefusal(refused.status);
    }
}
