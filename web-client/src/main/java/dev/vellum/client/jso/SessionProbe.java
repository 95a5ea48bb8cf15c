package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Asks the server whether this browser's session cookie still stands ({@code GET /api/session}). A browser tells a
 * page nothing about why a WebSocket upgrade failed (a 401 looks like a network error, close code 1006), so after a
 * failed upgrade a logged-in page asks this to tell "session ended" apart from "offline".
 */
public final class SessionProbe {
    /** What {@code GET /api/session} answers when the cookie is missing, unknown, logged out or revoked. */
    public static final int NOT_SIGNED_IN = 401;

    private SessionProbe() {
    }

    @JSFunctor
    public interface Answer extends JSObject {
        /** @param status the HTTP status, or 0 if the server could not be reached */
        void status(int status);
    }

    @JSBody(params = "answer", script = ""
            + "fetch('/api/session', {credentials: 'same-origin', cache: 'no-store'})"
            + "  .then(response => answer(response.status), () => answer(0));")
    public static native void check(Answer answer);
}
