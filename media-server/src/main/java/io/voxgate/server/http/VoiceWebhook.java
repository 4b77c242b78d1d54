package io.voxgate.server.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
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
 * the public URL plus the form parameters, or the call is refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class VoiceWebhook
{
    private final String defaultAssistant;
    private final TwilioSignature signature;

    /**
     * Creates the webhook.
     *
     * @param defaultAssistant assistant for URLs that name none.
     * @param signature        validator, or {@code null} to accept unsigned requests.
     */
    public VoiceWebhook(final String defaultAssistant, final TwilioSignature signature)
    {
        this.defaultAssistant = defaultAssistant;
        this.signature = signature;
    }

    /**
     * Whether a webhook request is authentic (always true without an auth token).
     *
     * @param request the request.
     * @param urls    the server's public URLs.
     * @return true when it may be answered.
     */
    public boolean isAuthentic(final FullHttpRequest request, final PublicUrls urls)
    {
        return signature == null || signature.isValid(urls.httpUrl(request.uri()), formParameters(request),
            request.headers().get(TwilioSignature.HEADER));
    }

    /**
     * The TwiML answering a call.
     *
     * @param request the webhook request.
     * @param urls    the server's public URLs.
     * @return the TwiML document.
     */
    public String twiml(final FullHttpRequest request, final PublicUrls urls)
    {
        final List<String> assistants = new QueryStringDecoder(request.uri()).parameters().get("assistant");
        final String assistant = assistants == null || assistants.isEmpty() ? defaultAssistant : assistants.get(0);
        final List<String> from = formParameters(request).get("From");
        return twiml(urls.streamUrl(), assistant, from == null || from.isEmpty() ? "" : from.get(0));
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
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            "<Response>\n" +
            "  <Connect>\n" +
            "    <Stream url=\"" + xml(streamUrl) + "\">\n" +
            "      <Parameter name=\"assistant\" value=\"" + xml(assistant) + "\"/>\n" +
            "      <Parameter name=\"caller\" value=\"" + xml(caller) + "\"/>\n" +
            "    </Stream>\n" +
            "  </Connect>\n" +
            "</Response>\n";
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
