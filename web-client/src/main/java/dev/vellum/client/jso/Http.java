package dev.vellum.client.jso;

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

    /** {@code body} is null for a GET. */
    @JSBody(params = {"method", "path", "body", "answer"}, script = ""
            + "const init = {method: method, credentials: 'same-origin', cache: 'no-store', headers: {}};"
            + "if (body !== null) { init.headers['Content-Type'] = 'application/json'; init.body = body; }"
            + "fetch(path, init).then(response => response.text().then(text => {"
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
            + "})).catch(() => answer(0, null));")
    public static native void request(String method, String path, String body, Answer answer);
}
