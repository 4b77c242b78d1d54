package io.voxgate.server.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.voxgate.server.twilio.StreamToken;
import io.voxgate.server.twilio.TwilioSignature;

/**
 * The Twilio Voice webhook ({@code POST /twilio/voice}): answers an incoming call with TwiML that connects it to
 * our Media Streams WebSocket, bidirectionally (protocols.md §1.1):
 *
 * <pre>{@code
 * <Response><Connect><Stream url="wss://HOST/twilio">
 *   <Parameter name="assistant" value="parrot"/><Parameter name="caller" value="+14155550100"/>
 * </Stream></Connect></Response>
 * }</pre>
 *
 * <p>The stream URL carries no query (Twilio strips it); per-call data travels as {@code <Parameter>}s and comes
 * back in {@code start.customParameters}. The assistant is the webhook URL's {@code assistant} query parameter
 * (so one number can be pointed at {@code /twilio/voice?assistant=tone}) or the server's default; the caller is the
 * {@code From} form parameter. When an auth token is configured the request's {@code X-Twilio-Signature} must match
 * the public URL plus the form parameters, or the call is refused; only then is the call's stream token
 * ({@link StreamToken}, bound to its {@code CallSid}, valid five minutes) minted and added as a third parameter,
 * {@code <Parameter name="token" value="EXPIRY.HEX"/>}, which the stream's {@code start} must bring back.
 *
 * <p>Immutable and thread-safe.
 */
public final class VoiceWebhook
{
    private final String defaultAssistant;
    private final TwilioSignature signature;
    private final StreamToken streamTokens;

    /**
     * Creates the webhook.
     *
     * @param defaultAssistant assistant for URLs that name none.
     * @param signature        validator, or {@code null} to accept unsigned requests.
     * @param streamTokens     mints each call's stream token, or {@code null} for none (no auth token configured).
     */
    public VoiceWebhook(final String defaultAssistant, final TwilioSignature signature,
        final StreamToken streamTokens)
    {
        this.defaultAssistant = defaultAssistant;
        this.signature = signature;
        this.streamTokens = streamTokens;
    }

    /**
     * Answers a webhook request: checks its signature first and only then builds the TwiML, so a stream token is
     * never minted for a request that was not Twilio's.
     *
     * @param request the webhook request.
     * @param urls    the server's public URLs.
     * @return the TwiML document, or {@code null} when the request is not authentic (answer 403).
     */
    public String answer(final FullHttpRequest request, final PublicUrls urls)
    {
        final Map<String, List<String>> form = formParameters(request);
        if (signature != null && !signature.isValid(urls.httpUrl(request.uri()), form,
            request.headers().get(TwilioSignature.HEADER)))
        {
            return null;
        }
        final Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        final String assistant = first(query, "assistant", defaultAssistant);
        final String caller = first(form, "From", "");
        // Twilio sends the call's parameters in the body of a POST webhook and in the query of a GET one.
        final String callSid = first(form, "CallSid", first(query, "CallSid", ""));
        return twiml(urls.streamUrl(), assistant, caller, null == streamTokens ? null : streamTokens.mint(callSid));
    }

    /**
     * The TwiML connecting a call to a stream, with the assistant and caller as parameters.
     *
     * @param streamUrl the {@code wss://} URL.
     * @param assistant the assistant's name.
     * @param caller    the caller's number (may be empty).
     * @return the TwiML document.
     */
    public static String twiml(final String streamUrl, final String assistant, final String caller)
    {
        return twiml(streamUrl, assistant, caller, null);
    }

    /**
     * The TwiML connecting a call to a stream, with the assistant, the caller and (when given) the call's stream
     * token as parameters.
     *
     * @param streamUrl   the {@code wss://} URL.
     * @param assistant   the assistant's name.
     * @param caller      the caller's number (may be empty).
     * @param streamToken the call's {@link StreamToken}, or {@code null} for none.
     * @return the TwiML document.
     */
    public static String twiml(final String streamUrl, final String assistant, final String caller,
        final String streamToken)
    {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            "<Response>\n" +
            "  <Connect>\n" +
            "    <Stream url=\"" + xml(streamUrl) + "\">\n" +
            "      <Parameter name=\"assistant\" value=\"" + xml(assistant) + "\"/>\n" +
            "      <Parameter name=\"caller\" value=\"" + xml(caller) + "\"/>\n" +
            (null == streamToken ? "" :
                "      <Parameter name=\"" + StreamToken.PARAMETER + "\" value=\"" + xml(streamToken) + "\"/>\n") +
            "    </Stream>\n" +
            "  </Connect>\n" +
            "</Response>\n";
    }

    private static String first(final Map<String, List<String>> parameters, final String name,
        final String otherwise)
    {
        final List<String> values = parameters.get(name);
        return null == values || values.isEmpty() ? otherwise : values.get(0);
    }

    /**
     * The request's form parameters: the urlencoded body of a POST, nothing for other methods (Twilio signs GET
     * webhooks over the URL alone, query included).
     *
     * @param request the request.
     * @return name to values, in body order.
     */
    static Map<String, List<String>> formParameters(final FullHttpRequest request)
    {
        final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!HttpMethod.POST.equals(request.method()) ||
            !contentType.startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString()))
        {
            return Map.of();
        }
        final String body = request.content().toString(StandardCharsets.UTF_8);
        return new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
    }

    private static String xml(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
