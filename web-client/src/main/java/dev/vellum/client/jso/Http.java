package dev.vellum.client.jso;

import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * {@code fetch} for the account API: JSON in and out, same-origin cookies. A network failure answers status 0; a
 * body that is not JSON answers null, so the caller can say which went wrong.
 */
public final class Http {
    private Http() {
    }

    @JSFunctor
    public interface Answer extends JSObject {
        void accept(int status, JsonObject body);
    }

    /** GETs asked for ahead of need ({@link #early}), by path, until a request for the same path takes them. */
    private static final Map<String, EarlyAnswer> EARLY = new HashMap<>();

    /** {@code body} is null for a GET; a GET asked for {@link #early} takes that answer, once. */
    public static void request(String method, String path, String body, Answer answer) {
        EarlyAnswer early = body == null && method.equals("GET") ? EARLY.remove(path) : null;
        if (early != null) {
            early.then(answer);
        } else {
            fetch(method, path, body, answer);
        }
    }

    /**
     * Starts GET requests now that the page will make soon (a workspace page's while it still opens the session and
     * this device's keys), so they cross the network at once instead of one round after another. The first request
     * for each path takes its answer, whenever it comes; later ones ask again. Only for GETs, which change nothing:
     * an answer never taken is simply dropped with the page. What comes back is checked as any answer is.
     */
    public static void early(String... paths) {
        for (String path : paths) {
            EarlyAnswer early = new EarlyAnswer();
            EARLY.put(path, early);
            fetchEarly(path, early::answered);
        }
    }

    /** An answer that may come before or after the request that takes it. */
    private static final class EarlyAnswer {
        private boolean answered;
        private int status;
        private JsonObject body;
        private Answer waiting;

        void answered(int status, JsonObject body) {
            this.answered = true;
            this.status = status;
            this.body = body;
            if (waiting != null) {
                deliver(waiting, status, body);
            }
        }

        void then(Answer answer) {
            if (answered) {
                deliver(answer, status, body);
            } else {
                waiting = answer;
            }
        }
    }

    /** Calls {@code answer} later in this task, as a fetch would, never within the request that takes it. */
    @JSBody(params = {"answer", "status", "body"}, script = "Promise.resolve().then(() => answer(status, body));")
    private static native void deliver(Answer answer, int status, JsonObject body);

    /** The fetch options of every request: same-origin cookies, never an answer from the HTTP cache. */
    private static final String INIT = ""
            + "const init = {method: method, credentials: 'same-origin', cache: 'no-store', headers: {}};"
            + "if (body !== null) { init.headers['Content-Type'] = 'application/json'; init.body = body; }";

    /** Reads a {@code Promise<Response>} named {@code started} into {@code answer}. */
    private static final String ANSWER = ""
            + "started.then(response => response.text().then(text => {"
            + "  let json = null;"
            + "  if (text.length > 0) { try { json = JSON.parse(text); } catch (e) { json = null; } }"
            + "  if (json === null || typeof json !== 'object' || Array.isArray(json)) {"
            + "    json = text.length === 0 ? {} : null;"
            + "  }"
            + "  if (json !== null && response.status === 429 && json.retryAfterSeconds === undefined) {"
            + "    const header = Number(response.headers.get('Retry-After'));"
            + "    if (header > 0) { json.retryAfterSeconds = header; }"
            + "  }"
            + "  answer(response.status, json);"
            + "})).catch(() => answer(0, null));";

    @JSBody(params = {"method", "path", "body", "answer"}, script = INIT + "const started = fetch(path, init);" + ANSWER)
    private static native void fetch(String method, String path, String body, Answer answer);

    /**
     * A GET of {@code path}, or the one boot.js started for it before the wasm had even loaded (its {@code
     * VellumEarly}, which hands each out once): the same request with the same options, only sent sooner.
     */
    @JSBody(params = {"path", "answer"}, script = "const method = 'GET'; const body = null;" + INIT
            + "const early = typeof VellumEarly === 'object' ? VellumEarly.take(path) : undefined;"
            + "const started = early !== undefined ? early : fetch(path, init);" + ANSWER)
    private static native void fetchEarly(String path, Answer answer);
}
