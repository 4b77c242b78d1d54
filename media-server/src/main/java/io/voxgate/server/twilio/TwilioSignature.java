package io.voxgate.server.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio request signatures ({@code X-Twilio-Signature}), protocols.md §1.2: Base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the full URL Twilio requested followed, for form POSTs, by each parameter's name and
 * value in byte order of the names (repeated names: each value, values sorted too).
 *
 * <p>Validation is lenient in exactly the two ways Twilio's own helper libraries are: the URL with or without a
 * trailing {@code /} on its path and with or without an explicit default port ({@code :443} for https/wss,
 * {@code :80} for http/ws). Every candidate is compared in constant time.
 *
 * <p>Immutable and thread-safe; each call builds its own {@link Mac} (signatures are checked once per webhook or
 * upgrade, never per media frame).
 */
public final class TwilioSignature
{
    /** The request header carrying the signature. */
    public static final String HEADER = "X-Twilio-Signature";

    private static final String ALGORITHM = "HmacSHA1";

    private final SecretKeySpec key;

    /**
     * Creates a validator for one account.
     *
     * @param authToken the Twilio auth token.
     */
    public TwilioSignature(final String authToken)
    {
        if (authToken == null || authToken.isEmpty())
        {
            throw new IllegalArgumentException("auth token must not be empty");
        }
        key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Computes the signature Twilio would send for a request.
     *
     * @param url        the full URL as Twilio requested it (scheme, host, path, query).
     * @param formParams POST form parameters, name to values (empty for GET and WebSocket upgrades).
     * @return the Base64 signature.
     */
    public String compute(final String url, final Map<String, List<String>> formParams)
    {
        final Mac mac = newMac();
        mac.update(url.getBytes(StandardCharsets.UTF_8));
        final List<byte[]> names = new ArrayList<>();
        for (final String name : formParams.keySet())
        {
            names.add(name.getBytes(StandardCharsets.UTF_8));
        }
        names.sort(Arrays::compareUnsigned);
        for (final byte[] name : names)
        {
            final List<byte[]> values = new ArrayList<>();
            for (final String value : formParams.get(new String(name, StandardCharsets.UTF_8)))
            {
                values.add(value.getBytes(StandardCharsets.UTF_8));
            }
            values.sort(Arrays::compareUnsigned);
            for (final byte[] value : values)
            {
                mac.update(name);
                mac.update(value);
            }
        }
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    /**
     * Checks a request's signature against the URL variants Twilio may have signed.
     *
     * @param url        the full URL as Twilio requested it.
     * @param formParams POST form parameters (empty for GET and upgrades).
     * @param signature  the {@code X-Twilio-Signature} header value, possibly {@code null}.
     * @return whether one variant matches.
     */
    public boolean isValid(final String url, final Map<String, List<String>> formParams, final String signature)
    {
        if (signature == null || signature.isEmpty())
        {
            return false;
        }
        final byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (final String candidate : urlVariants(url))
        {
            final byte[] expected = compute(candidate, formParams).getBytes(StandardCharsets.US_ASCII);
            // Non-short-circuiting: every variant is computed and compared in constant time.
            valid |= MessageDigest.isEqual(expected, given);
        }
        return valid;
    }

    /**
     * The URL spellings a signature may have been computed over: as given, with the trailing slash toggled, and
     * each with the default port added or removed.
     *
     * @param url the URL as reconstructed by the server.
     * @return distinct variants, the URL itself first.
     */
    static Set<String> urlVariants(final String url)
    {
        final Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        final URI uri;
        try
        {
            uri = new URI(url);
        }
        catch (final URISyntaxException ex)
        {
            return variants;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null)
        {
            return variants;
        }
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        final int defaultPort = switch (scheme)
        {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
        final String host = uri.getRawAuthority().replaceFirst(":\\d+$", "");
        final List<String> authorities = new ArrayList<>();
        authorities.add(uri.getRawAuthority());
        if (uri.getPort() == -1 && defaultPort != -1)
        {
            authorities.add(host + ":" + defaultPort);
        }
        else if (uri.getPort() == defaultPort)
        {
            authorities.add(host);
        }
        final String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        final String toggledPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        final String tail = (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) +
            (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        for (final String authority : authorities)
        {
            for (final String candidatePath : List.of(path, toggledPath))
            {
                variants.add(uri.getScheme() + "://" + authority + candidatePath + tail);
            }
        }
        return variants;
    }

    private Mac newMac()
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", ex);
        }
    }
}
