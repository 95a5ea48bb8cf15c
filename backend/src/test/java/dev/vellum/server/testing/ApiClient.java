package dev.vellum.server.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The account HTTP API as a browser page uses it: JSON bodies, the page's own Origin, and the session cookie kept
 * between calls like a browser keeps it (set by Set-Cookie, forgotten when cleared). Tests may also set the cookie
 * by hand, to replay an old one.
 */
public final class ApiClient {
    public static final String COOKIE = "vellum_session";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    private String sessionCookie;

    public ApiClient(int port) {
        this.port = port;
    }

    /** One answer: status, body, headers. */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public String error() {
            return json().getString("error");
        }

        public String setCookie() {
            List<String> all = headers.allValues("set-cookie");
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public String origin() {
        return "http://localhost:" + port;
    }

    public Response post(String path, JsonObject body) {
        return send("POST", path, body.encode(), Map.of("Content-Type", "application/json", "Origin", origin()));
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** Any request, with exactly these headers (plus the session cookie, if one is held). */
    public Response send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (sessionCookie != null) {
            request.header("Cookie", COOKIE + "=" + sessionCookie);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            keepCookie(response.headers());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void keepCookie(HttpHeaders headers) {
        for (String cookie : headers.allValues("set-cookie")) {
            if (cookie.startsWith(COOKIE + "=")) {
                String value = cookie.substring(COOKIE.length() + 1).split(";", 2)[0];
                sessionCookie = value.isEmpty() || cookie.contains("Max-Age=0") ? null : value;
            }
        }
    }

    /** The session cookie's value now held, or {@code null}. */
    public String sessionCookie() {
        return sessionCookie;
    }

    /** Holds this cookie from now on (a replayed or made-up one), or none. */
    public void useSessionCookie(String value) {
        sessionCookie = value;
    }

    /** The Cookie header a WebSocket upgrade from this browser carries. */
    public Map<String, String> cookieHeader() {
        return sessionCookie == null ? Map.of() : Map.of("Cookie", COOKIE + "=" + sessionCookie);
    }
}
