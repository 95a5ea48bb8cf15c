package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Each note's sealed local state in IndexedDB (database "vellum", store "notes", keyed by note id), so edits made
 * offline survive a reload. The bytes are sealed with the note's key before they get here. Where IndexedDB is
 * missing or refuses (a private window, a full disk), loading finds nothing and saving does nothing: the note
 * still works, from the server.
 */
public final class LocalNoteStore {
    private LocalNoteStore() {
    }

    /** Receives the stored bytes, or null when there are none. */
    @JSFunctor
    public interface Loaded extends JSObject {
        void accept(Int8Array bytes);
    }

    @JSBody(params = {"key", "callback"}, script = ""
            + "let done = false; const finish = v => { if (!done) { done = true; callback(v); } };"
            + "try {"
            + "  const open = indexedDB.open('vellum', 1);"
            + "  open.onupgradeneeded = () => open.result.createObjectStore('notes');"
            + "  open.onerror = () => finish(null);"
            + "  open.onsuccess = () => {"
            + "    const get = open.result.transaction('notes').objectStore('notes').get(key);"
            + "    get.onsuccess = () => finish(get.result ? new Int8Array(get.result) : null);"
            + "    get.onerror = () => finish(null);"
            + "  };"
            + "} catch (e) { finish(null); }")
    public static native void load(String key, Loaded callback);

    /** Called once the bytes are written; never called where IndexedDB is missing or refuses. */
    @JSFunctor
    public interface Saved extends JSObject {
        void run();
    }

    @JSBody(params = {"key", "bytes", "saved"}, script = ""
            + "try {"
            + "  const open = indexedDB.open('vellum', 1);"
            + "  open.onupgradeneeded = () => open.result.createObjectStore('notes');"
            + "  open.onsuccess = () => {"
            + "    const copy = bytes.slice().buffer;"
            + "    const tx = open.result.transaction('notes', 'readwrite');"
            + "    tx.oncomplete = () => saved();"
            + "    tx.objectStore('notes').put(copy, key);"
            + "  };"
            + "} catch (e) { /* no storage here: the note still works from the server */ }")
    public static native void save(String key, Int8Array bytes, Saved saved);

    /**
     * Deletes every note's local copy in this browser ("log out and forget this device"); {@code done} runs also where
     * IndexedDB is missing, refuses, or another tab holds the database open (the deletion then completes when it
     * closes).
     */
    @JSBody(params = "done", script = ""
            + "let finished = false; const finish = () => { if (!finished) { finished = true; done(); } };"
            + "try { const r = indexedDB.deleteDatabase('vellum'); r.onsuccess = r.onerror = r.onblocked = finish; }"
            + " catch (e) { finish(); }")
    public static native void deleteAll(Saved done);
}
