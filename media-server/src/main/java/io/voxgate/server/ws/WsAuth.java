package io.voxgate.server.ws;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * WS v1's optional upgrade authentication: a static bearer token from {@code WS_AUTH_TOKENS}, or a short-lived token
 * {@code EXPIRY.SIGNATURE} signed with {@code WS_TOKEN_SECRET} (HMAC-SHA256 of the decimal Unix expiry, lowercase
 * hex). With neither configured every upgrade is accepted. Comparisons are constant-time.
 *
 * <p>Immutable and thread-safe.
 */
public final class WsAuth
{
    private static final String HMAC = "HmacSHA256";

    private final List<byte[]> tokens;
    private final byte[] secret;
    private final LongSupplier epochSeconds;

    /**
     * Creates the check.
     *
     * @param tokens       accepted static tokens (empty for none).
     * @param secret       the signing secret, or {@code null} for no signed tokens.
     * @param epochSeconds the clock signed tokens expire on.
     */
    public WsAuth(final List<String> tokens, final String secret, final LongSupplier epochSeconds)
    {
        this.tokens = tokens.stream().filter(token -> !token.isBlank())
            .map(token -> token.strip().getBytes(StandardCharsets.UTF_8)).toList();
        this.secret = null == secret || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.epochSeconds = epochSeconds;
    }

    /** @return whether any token is required. */
    public boolean isRequired()
    {
        return !tokens.isEmpty() || null != secret;
    }

    /**
     * Checks a presented token.
     *
     * @param token the token from {@code Authorization: Bearer} or {@code access_token}, or {@code null}.
     * @return true if no token is required or this one is valid.
     */
    public boolean accepts(final String token)
    {
        if (!isRequired())
        {
            return true;
        }
        if (null == token || token.isEmpty())
        {
            return false;
        }
        final byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (final byte[] accepted : tokens)
        {
            // Check all of them, so the time taken does not tell which one nearly matched.
            match |= MessageDigest.isEqual(accepted, presented);
        }
        return match || isValidSigned(token);
    }

    /**
     * Signs a token that expires at a given time (what a backend hands a browser).
     *
     * @param secret        the shared secret.
     * @param expiryEpochSec Unix seconds after which the token is refused.
     * @return the token {@code EXPIRY.SIGNATURE}.
     */
    public static String sign(final String secret, final long expiryEpochSec)
    {
        final String expiry = Long.toString(expiryEpochSec);
        return expiry + "." + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), expiry));
    }

    private boolean isValidSigned(final String token)
    {
        final int dot = token.indexOf('.');
        if (null == secret || dot <= 0 || dot == token.length() - 1)
        {
            return false;
        }
        final String expiry = token.substring(0, dot);
        final long expiresAt;
        try
        {
            expiresAt = Long.parseLong(expiry);
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
        final byte[] expected = HexFormat.of().formatHex(hmac(secret, expiry)).getBytes(StandardCharsets.US_ASCII);
        final byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) && epochSeconds.getAsLong() <= expiresAt;
    }

    private static byte[] hmac(final byte[] key, final String text)
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }
}
