package dev.vellum.client.jso;

import org.teavm.jso.JSBody;

/**
 * Short public text kept in this browser's {@code localStorage} (log heads this browser verified). Where storage is
 * missing or refuses (a private window, a full disk), reading finds nothing and writing does nothing.
 */
public final class LocalStorageText {
    private LocalStorageText() {
    }

    @JSBody(params = "key", script = "try { return window.localStorage.getItem(key); } catch (e) { return null; }")
    public static native String get(String key);

    @JSBody(params = {"key", "value"}, script = "try { window.localStorage.setItem(key, value); } catch (e) { }")
    public static native void put(String key, String value);
}
