package io.voxgate.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.server.history.HttpHistorySink;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A backend's history API as docs/HISTORY.md specifies it, on MockWebServer: stores each idempotency key once
 * (a repeat is answered 200 and counted as a duplicate), keeps each call's items in arrival order, and checks that
 * a finalization comes after every item it reports delivered. During an outage it refuses every request: most
 * with 503, every fourth one by storing it and then dropping the connection before answering (a lost response,
 * which the client must retry with the same key).
 */
final class HistoryBackend extends Dispatcher
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<JsonNode>> items = new HashMap<>();
    private final Map<String, List<JsonNode>> finalizations = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private boolean outage;
    private long refused;
    private long lostResponses;
    private long duplicates;

    @Override
    public synchronized MockResponse dispatch(final RecordedRequest request)
    {
        if (outage)
        {
            refused++;
            if (refused % 4 == 0)
            {
                lostResponses++;
                store(request);
                return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
            }
            return new MockResponse().setResponseCode(503);
        }
        store(request);
        return new MockResponse().setResponseCode(200);
    }

    private void store(final RecordedRequest request)
    {
        final String key = request.getHeader(HttpHistorySink.IDEMPOTENCY_KEY);
        final JsonNode body;
        try
        {
            body = JSON.readTree(request.getBody().readUtf8());
        }
        catch (final IOException ex)
        {
            violations.add("unparseable body for " + key + ": " + ex);
            return;
        }
        if (null == key || !keys.add(key))
        {
            duplicates++;
            return;
        }
        final String sessionId = body.get("sessionId").asText();
        final String path = request.getPath();
        if (path.endsWith("/items"))
        {
            if (!key.equals(sessionId + ":" + body.get("seq").asLong()))
            {
                violations.add("key " + key + " does not name " + body);
            }
            items.computeIfAbsent(sessionId, id -> new ArrayList<>()).add(body);
        }
        else if (path.endsWith("/finalize"))
        {
            final long stored = items.getOrDefault(sessionId, List.of()).size();
            if (stored != body.get("delivered").asLong())
            {
                violations.add("finalized " + sessionId + " with " + stored + " items stored: " + body);
            }
            finalizations.computeIfAbsent(sessionId, id -> new ArrayList<>()).add(body);
        }
        else
        {
            violations.add("unexpected path " + path);
        }
    }

    synchronized void outage(final boolean on)
    {
        outage = on;
    }

    synchronized long refused()
    {
        return refused;
    }

    synchronized long lostResponses()
    {
        return lostResponses;
    }

    synchronized long duplicates()
    {
        return duplicates;
    }

    synchronized List<JsonNode> items(final String sessionId)
    {
        return List.copyOf(items.getOrDefault(sessionId, List.of()));
    }

    synchronized List<JsonNode> finalizations(final String sessionId)
    {
        return List.copyOf(finalizations.getOrDefault(sessionId, List.of()));
    }

    synchronized int finalizedCalls()
    {
        return finalizations.size();
    }

    synchronized List<String> violations()
    {
        return List.copyOf(violations);
    }
}
