package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.voxgate.server.http.WebAssets;
import org.junit.jupiter.api.Test;

/**
 * The browser client's files served by the real server: {@code /} is the page, {@code /web/NAME} the files it
 * loads, each with its content type and revalidation headers; unknown names, traversal attempts and other methods
 * are refused.
 */
class WebPageRoutesTest
{
    @Test
    void servesThePageAndItsFilesWithTheirTypes() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            final HttpResponse<String> page = fixture.get("/");
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.body().contains("<script type=\"module\" src=\"/web/voxgate.js\">"), page.body());
            assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("")
                .startsWith("default-src 'self'"));
            assertEquals(page.body(), fixture.get("/web/index.html").body());

            final HttpResponse<String> module = fixture.get("/web/voxgate.js");
            assertEquals(200, module.statusCode());
            assertEquals("text/javascript; charset=utf-8", module.headers().firstValue("Content-Type").orElse(""));
            assertTrue(module.body().contains("new WebSocket("));
            final HttpResponse<String> worklet = fixture.get("/web/capture-worklet.js");
            assertTrue(worklet.body().contains("registerProcessor('voxgate-capture'"), worklet.body());
            assertEquals("text/css; charset=utf-8",
                fixture.get("/web/voxgate.css").headers().firstValue("Content-Type").orElse(""));
            for (final String name : WebAssets.FILES)
            {
                assertEquals(200, fixture.get(WebAssets.PREFIX + name).statusCode(), name);
            }
        }
    }

    @Test
    void answersNotModifiedWhileTheFileIsUnchanged() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            final String etag = fixture.get("/web/voxgate.js").headers().firstValue("ETag").orElseThrow();
            final HttpResponse<String> again = fixture.send(HttpRequest.newBuilder(fixture.uri("/web/voxgate.js"))
                .header("If-None-Match", etag).GET());
            assertEquals(304, again.statusCode());
            assertEquals("", again.body());
            final HttpResponse<String> stale = fixture.send(HttpRequest.newBuilder(fixture.uri("/web/voxgate.js"))
                .header("If-None-Match", "\"0\"").GET());
            assertEquals(200, stale.statusCode());
        }
    }

    @Test
    void refusesUnknownNamesTraversalAndOtherMethods() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            for (final String path : new String[]{"/web/", "/web/nope.js", "/web/../pom.xml", "/web/%2e%2e/pom.xml",
                "/web/..%2Fpom.xml", "/web//etc/passwd", "/web/index.html/", "/web/VOXGATE.JS", "/index.html",
                "/web/web/voxgate.js"})
            {
                final HttpResponse<String> response = fixture.get(path);
                assertEquals(404, response.statusCode(), path);
                assertEquals("not found\n", response.body(), path);
            }
            final HttpResponse<String> post = fixture.send(HttpRequest.newBuilder(fixture.uri("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
            final HttpResponse<String> head = fixture.send(HttpRequest.newBuilder(fixture.uri("/web/voxgate.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            assertTrue(Integer.parseInt(head.headers().firstValue("Content-Length").orElse("0")) > 0);
        }
    }
}
