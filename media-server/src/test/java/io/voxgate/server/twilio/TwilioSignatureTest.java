package io.voxgate.server.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioSignatureTest
{
    /** twilio-python's tests/unit/test_request_validator.py vector (protocols.md §1.2). */
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private final TwilioSignature signature = new TwilioSignature("12345");

    private static Map<String, List<String>> params()
    {
        // Deliberately not in sorted order: the signature sorts them.
        final Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("To", List.of("+18005551212"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675309"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675309"));
        return params;
    }

    @Test
    void computesThePublicTestVector()
    {
        assertEquals(EXPECTED, signature.compute(URL, params()));
        assertTrue(signature.isValid(URL, params(), EXPECTED));
    }

    @Test
    void rejectsAWrongTokenAChangedParameterOrUrlAndAMissingHeader()
    {
        assertFalse(new TwilioSignature("54321").isValid(URL, params(), EXPECTED));
        final Map<String, List<String>> changed = params();
        changed.put("Digits", List.of("1235"));
        assertFalse(signature.isValid(URL, changed, EXPECTED));
        final Map<String, List<String>> extra = params();
        extra.put("Extra", List.of(""));
        assertFalse(signature.isValid(URL, extra, EXPECTED));
        assertFalse(signature.isValid("https://mycompany.com/myapp.php?foo=1&bar=3", params(), EXPECTED));
        assertFalse(signature.isValid("http://mycompany.com/myapp.php?foo=1&bar=2", params(), EXPECTED));
        assertFalse(signature.isValid(URL, params(), null));
        assertFalse(signature.isValid(URL, params(), ""));
        assertFalse(signature.isValid(URL, params(), EXPECTED.substring(1)));
        assertFalse(signature.isValid(URL, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B9="));
    }

    @Test
    void acceptsTheUrlWithOrWithoutTheDefaultPort()
    {
        final String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assertTrue(signature.isValid(withPort, params(), EXPECTED), "signed without, received with :443");
        final String signedWithPort = signature.compute(withPort, params());
        assertTrue(signature.isValid(URL, params(), signedWithPort), "signed with :443, received without");
        assertFalse(signature.isValid("https://mycompany.com:8443/myapp.php?foo=1&bar=2", params(), EXPECTED),
            "a non-default port is a different URL");
    }

    @Test
    void acceptsTheWebSocketUrlWithOrWithoutTrailingSlash()
    {
        final String streamUrl = "wss://voice.example.com/twilio";
        final String signed = signature.compute(streamUrl, Map.of());
        assertTrue(signature.isValid(streamUrl, Map.of(), signed));
        assertTrue(signature.isValid(streamUrl + "/", Map.of(), signed));
        assertTrue(signature.isValid("wss://voice.example.com:443/twilio", Map.of(), signed));
        assertTrue(signature.isValid(streamUrl, Map.of(), signature.compute(streamUrl + "/", Map.of())));
        assertFalse(signature.isValid("wss://evil.example.com/twilio", Map.of(), signed), "host is signed");
        assertFalse(signature.isValid("wss://voice.example.com/twilio?x=1", Map.of(), signed), "query is signed");
        assertFalse(signature.isValid("ws://voice.example.com/twilio", Map.of(), signed), "scheme is signed");
    }

    @Test
    void repeatedParametersAreSignedInSortedValueOrder()
    {
        final String a = signature.compute(URL, Map.of("Key", List.of("b", "a")));
        final String b = signature.compute(URL, Map.of("Key", List.of("a", "b")));
        assertEquals(a, b);
        assertEquals(signature.compute(URL + "Keya" + "Keyb", Map.of()), a);
    }

    @Test
    void refusesAnEmptyToken()
    {
        assertThrows(IllegalArgumentException.class, () -> new TwilioSignature(""));
    }
}
