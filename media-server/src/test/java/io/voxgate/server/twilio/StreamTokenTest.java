package io.voxgate.server.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class StreamTokenTest
{
    private static final String CALL = "CA1234567890ABCDE";
    private static final long NOW = 1_700_000_000L;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final StreamToken tokens = new StreamToken("12345", clock::get);

    @Test
    void mintsExpiryDotHexHmacSha256OfExpiryColonCallSid() throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("12345".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String expiry = Long.toString(NOW + 300);
        final String expected = expiry + "." +
            HexFormat.of().formatHex(mac.doFinal((expiry + ":" + CALL).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, tokens.mint(CALL));
        assertEquals(300, StreamToken.LIFETIME_SECONDS);
    }

    @Test
    void aMintedTokenIsValidForItsCallUntilItExpires()
    {
        final String token = tokens.mint(CALL);
        assertTrue(tokens.isValid(token, CALL));
        clock.set(NOW + StreamToken.LIFETIME_SECONDS);
        assertTrue(tokens.isValid(token, CALL), "valid through its expiry second");
        clock.set(NOW + StreamToken.LIFETIME_SECONDS + 1);
        assertFalse(tokens.isValid(token, CALL), "expired");
    }

    @Test
    void refusesAnotherCallSidAnotherKeyAndTampering()
    {
        final String token = tokens.mint(CALL);
        assertFalse(tokens.isValid(token, "CA0000000000FFFFF"));
        assertFalse(new StreamToken("54321", clock::get).isValid(token, CALL));
        final String later = (NOW + 3600) + token.substring(token.indexOf('.'));
        assertFalse(tokens.isValid(later, CALL), "expiry moved without re-signing");
        final char last = token.charAt(token.length() - 1);
        assertFalse(tokens.isValid(token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'), CALL));
        assertFalse(tokens.isValid(token.toUpperCase(), CALL), "hex is lowercase");
    }

    @Test
    void refusesMissingAndMalformedTokens()
    {
        final String token = tokens.mint(CALL);
        assertFalse(tokens.isValid(null, CALL));
        assertFalse(tokens.isValid(token, null));
        assertFalse(tokens.isValid("", CALL));
        assertFalse(tokens.isValid(".", CALL));
        assertFalse(tokens.isValid(token.substring(token.indexOf('.')), CALL), "no expiry");
        assertFalse(tokens.isValid(token.substring(0, token.indexOf('.') + 1), CALL), "no signature");
        assertFalse(tokens.isValid(token.replace('.', ':'), CALL), "no dot");
        assertFalse(tokens.isValid("-1" + token.substring(token.indexOf('.')), CALL));
        assertFalse(tokens.isValid("99999999999999999999" + token.substring(token.indexOf('.')), CALL));
        assertThrows(IllegalArgumentException.class, () -> new StreamToken("", clock::get));
    }
}
