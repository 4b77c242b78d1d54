package io.voxgate.server.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short-lived stream token, defence in depth behind {@code X-Twilio-Signature} (protocols.md §1.2, last
 * paragraph): the verified Voice webhook mints one per call and passes it as the stream's
 * {@code <Parameter name="token">}; the stream's {@code start} must bring it back, bound to the same call, before
 * the call gets a session. One public project saw upgrades arrive without the signature header; the token does not
 * depend on it.
 *
 * <pre>
 *   token = EXPIRY "." HEX( HMAC-SHA256( key = auth token, message = EXPIRY ":" CallSid ) )
 * </pre>
 *
 * <p>{@code EXPIRY} is decimal Unix seconds, {@code HEX} lowercase. A token is valid for {@link #LIFETIME_SECONDS}
 * after minting: Twilio opens the stream within a second or two of fetching the TwiML, so five minutes only covers
 * clock steps and slow call setup, while a leaked token is useless soon after (and only for its own CallSid).
 * The signature is compared in constant time; the expiry is checked after it, so a forged token never learns
 * whether its expiry would have passed.
 *
 * <p>Immutable and thread-safe; each call builds its own {@link Mac} (once per webhook or start, never per frame).
 */
public final class StreamToken
{
    /** The {@code <Parameter>} / {@code start.customParameters} name carrying the token. */
    public static final String PARAMETER = "token";
    /** How long a minted token stays valid. */
    public static final long LIFETIME_SECONDS = 300;

    private static final String ALGORITHM = "HmacSHA256";
    /** Longest decimal expiry accepted: {@code Long.MAX_VALUE} has 19 digits. */
    private static final int MAX_EXPIRY_DIGITS = 18;

    private final SecretKeySpec key;
    private final LongSupplier epochSeconds;

    /**
     * Creates the minter and checker for one account.
     *
     * @param authToken    the Twilio auth token (the HMAC key).
     * @param epochSeconds the clock tokens are minted and expire on (Unix seconds).
     */
    public StreamToken(final String authToken, final LongSupplier epochSeconds)
    {
        if (authToken == null || authToken.isEmpty())
        {
            throw new IllegalArgumentException("auth token must not be empty");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.epochSeconds = Objects.requireNonNull(epochSeconds, "epochSeconds");
    }

    /**
     * Mints a token for a call, valid for {@link #LIFETIME_SECONDS} from now. Call only after the request naming the
     * call was authenticated.
     *
     * @param callSid the call's SID as Twilio will report it in {@code start.callSid}.
     * @return the token.
     */
    public String mint(final String callSid)
    {
        return mint(callSid, epochSeconds.getAsLong() + LIFETIME_SECONDS);
    }

    /**
     * Mints a token with an explicit expiry.
     *
     * @param callSid       the call's SID.
     * @param expiryEpochSec Unix seconds after which the token is refused.
     * @return the token.
     */
    String mint(final String callSid, final long expiryEpochSec)
    {
        final String expiry = Long.toString(expiryEpochSec);
        return expiry + "." + HexFormat.of().formatHex(hmac(expiry, callSid));
    }

    /**
     * Checks a token presented on a stream's {@code start}.
     *
     * @param token   the {@code token} custom parameter, or {@code null} when absent.
     * @param callSid {@code start.callSid}, or {@code null} when absent.
     * @return true when it was minted by us for this call and has not expired.
     */
    public boolean isValid(final String token, final String callSid)
    {
        if (token == null || callSid == null)
        {
            return false;
        }
        final int dot = token.indexOf('.');
        if (dot <= 0 || dot > MAX_EXPIRY_DIGITS)
        {
            return false;
        }
        long expiresAt = 0;
        for (int i = 0; i < dot; i++)
        {
            final char c = token.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
            expiresAt = expiresAt * 10 + (c - '0');
        }
        final byte[] expected = HexFormat.of().formatHex(hmac(token.substring(0, dot), callSid))
            .getBytes(StandardCharsets.US_ASCII);
        final byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) && epochSeconds.getAsLong() <= expiresAt;
    }

    private byte[] hmac(final String expiry, final String callSid)
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((expiry + ":" + callSid).getBytes(StandardCharsets.UTF_8));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }
}
