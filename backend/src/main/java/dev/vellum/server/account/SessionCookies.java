package dev.vellum.server.account;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.server.http.RemoteAddress;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The session cookie: {@code vellum_session=<token>; Path=/; HttpOnly; SameSite=Strict}, plus {@code Secure} when
 * the request came over HTTPS, or from a configured proxy that says it did ({@code X-Forwarded-Proto: https}).
 * HttpOnly keeps it from the page's scripts; SameSite=Strict keeps other sites from sending it, and with the Origin
 * check on every request that stops cross-site requests. Its Max-Age is the server's idle limit, so a browser does not
 * keep a cookie longer than the session could live; {@code GET /api/session} (every page load) sends it again, so its
 * life starts over with the session's. The server's record still decides when the session ends.
 */
public final class SessionCookies {
    public static final String NAME = "vellum_session";

    private final Set<String> trustedProxies;
    private final Duration maxAge;

    /** @param maxAge the session idle limit: how long a browser keeps the cookie */
    public SessionCookies(List<String> trustedProxies, Duration maxAge) {
        this.trustedProxies = Set.copyOf(trustedProxies);
        this.maxAge = maxAge;
    }

    /** What the request's cookie says: none, a well-formed token, or something that is not one. */
    public sealed interface Presented permits None, Token, Malformed {
    }

    public record None() implements Presented {
    }

    public record Token(SessionToken token) implements Presented {
    }

    public record Malformed() implements Presented {
    }

    public static Presented presented(HttpServerRequest request) {
        Cookie cookie = request.getCookie(NAME);
        if (cookie == null) {
            return new None();
        }
        try {
            return new Token(SessionToken.parse(cookie.getValue()));
        } catch (InvalidMessageException e) {
            return new Malformed();
        }
    }

    public void set(HttpServerRequest request, HttpServerResponse response, SessionToken token) {
        response.addCookie(base(request, token.cookieValue()).setMaxAge(maxAge.toSeconds()));
    }

    /** Tells the browser to forget the cookie (an empty value that has already expired). */
    public void clear(HttpServerRequest request, HttpServerResponse response) {
        response.addCookie(base(request, "").setMaxAge(0));
    }

    private Cookie base(HttpServerRequest request, String value) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secure(request));
    }

    boolean secure(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        String forwarded = request.getHeader("X-Forwarded-Proto");
        if (forwarded == null || !forwarded.trim().equalsIgnoreCase("https")) {
            return false;
        }
        String peer = RemoteAddress.exact(request.remoteAddress()); // whole and canonical: ::1, never a /64 key
        return trustedProxies.stream().anyMatch(proxy -> RemoteAddress.canonical(proxy).equals(peer));
    }
}
