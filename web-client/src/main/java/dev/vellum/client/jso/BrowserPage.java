package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Small browser services the account pages need: the clock, timing marks, the clipboard and file downloads. */
public final class BrowserPage {
    private BrowserPage() {
    }

    @JSFunctor
    public interface Callback extends JSObject {
        void run();
    }

    @JSBody(script = "return Date.now();")
    public static native double nowMillis();

    /** A {@code performance.mark}, read by the login benchmark. */
    @JSBody(params = "name", script = "performance.mark('vellum-' + name);")
    public static native void mark(String name);

    /**
     * Runs {@code task} after the browser has painted what is on screen now: long synchronous work (Argon2id) would
     * otherwise start before the busy state shows.
     */
    @JSBody(params = "task", script = "requestAnimationFrame(() => setTimeout(task, 0));")
    public static native void afterPaint(Callback task);

    /** Copies text; calls {@code done} or {@code failed} (no permission, no clipboard). */
    @JSBody(params = {"text", "done", "failed"}, script = ""
            + "try { navigator.clipboard.writeText(text).then(() => done(), () => failed()); }"
            + " catch (e) { failed(); }")
    public static native void copyText(String text, Callback done, Callback failed);

    /** A {@code blob:} URL for a text file, which an {@code <a download>} saves; revoke it when done. */
    @JSBody(params = "text", script = "return URL.createObjectURL(new Blob([text], {type: 'text/plain'}));")
    public static native String textFileUrl(String text);

    @JSBody(params = "url", script = "URL.revokeObjectURL(url);")
    public static native void revokeUrl(String url);

    /** An ISO-8601 time from the server, in the person's locale and time zone. */
    @JSBody(params = "iso", script = "const d = new Date(iso);"
            + " return isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});")
    public static native String localTime(String iso);

    /** A time in ms since the epoch, in the person's locale and time zone. */
    @JSBody(params = "millis", script = "return new Date(millis).toLocaleString(undefined,"
            + " {dateStyle: 'medium', timeStyle: 'short'});")
    public static native String localTimeMillis(double millis);

    /** Loads another path of the app afresh (after logging out, every in-memory key is dropped with the page). */
    @JSBody(params = "path", script = "location.assign(path);")
    public static native void go(String path);
}
