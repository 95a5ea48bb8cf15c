package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * This browser's account records in IndexedDB (database "vellum-account", store "devices", keyed by username): the
 * device keys, sealed before they get here (see LocalDeviceRecord). Where IndexedDB is missing or refuses, loading
 * finds nothing and the callbacks still run, so a login still works, as a new device.
 */
public final class AccountKeyStore {
    private AccountKeyStore() {
    }

    @JSFunctor
    public interface Loaded extends JSObject {
        void accept(Int8Array bytes);
    }

    @JSFunctor
    public interface LoadedAll extends JSObject {
        void accept(JSArrayReader<Int8Array> records);
    }

    @JSFunctor
    public interface Done extends JSObject {
        void run();
    }

    private static final String OPEN = ""
            + "const open = indexedDB.open('vellum-account', 1);"
            + "open.onupgradeneeded = () => open.result.createObjectStore('devices');";

    @JSBody(params = {"username", "callback"}, script = ""
            + "let done = false; const finish = v => { if (!done) { done = true; callback(v); } };"
            + "try {" + OPEN
            + "  open.onerror = () => finish(null);"
            + "  open.onsuccess = () => {"
            + "    const get = open.result.transaction('devices').objectStore('devices').get(username);"
            + "    get.onsuccess = () => { open.result.close(); finish(get.result ? new Int8Array(get.result) : null); };"
            + "    get.onerror = () => { open.result.close(); finish(null); };"
            + "  };"
            + "} catch (e) { finish(null); }")
    public static native void load(String username, Loaded callback);

    /** Every record, whatever its username (an empty list where IndexedDB is missing or refuses). */
    @JSBody(params = "callback", script = ""
            + "let done = false; const finish = v => { if (!done) { done = true; callback(v); } };"
            + "try {" + OPEN
            + "  open.onerror = () => finish([]);"
            + "  open.onsuccess = () => {"
            + "    const all = open.result.transaction('devices').objectStore('devices').getAll();"
            + "    all.onsuccess = () => { open.result.close();"
            + "      finish(all.result.map(buffer => new Int8Array(buffer))); };"
            + "    all.onerror = () => { open.result.close(); finish([]); };"
            + "  };"
            + "} catch (e) { finish([]); }")
    public static native void loadAll(LoadedAll callback);

    /**
     * Starts reading every record, each under its username, and answers at once: what {@link #recordOf} then reads
     * from once it has come. Started while another request is out (the session's), so that the two wait together.
     */
    @JSBody(script = ""
            + "return new Promise(resolve => {"
            + "  const byName = new Map();"
            + "  try {" + OPEN
            + "    open.onerror = () => resolve(byName);"
            + "    open.onsuccess = () => {"
            + "      const request = open.result.transaction('devices').objectStore('devices').openCursor();"
            + "      request.onsuccess = () => {"
            + "        const cursor = request.result;"
            + "        if (cursor) { byName.set(cursor.key, new Int8Array(cursor.value)); cursor.continue(); }"
            + "        else { open.result.close(); resolve(byName); }"
            + "      };"
            + "      request.onerror = () => { open.result.close(); resolve(byName); };"
            + "    };"
            + "  } catch (e) { resolve(byName); }"
            + "});")
    public static native JSObject readAll();

    /** The record {@link #readAll} found for {@code username} (null if none), once the read has finished. */
    @JSBody(params = {"records", "username", "callback"}, script = ""
            + "records.then(byName => callback(byName.has(username) ? byName.get(username) : null));")
    public static native void recordOf(JSObject records, String username, Loaded callback);

    @JSBody(params = {"username", "bytes", "callback"}, script = ""
            + "let done = false; const finish = () => { if (!done) { done = true; callback(); } };"
            + "try {" + OPEN
            + "  open.onerror = () => finish();"
            + "  open.onsuccess = () => {"
            + "    const tx = open.result.transaction('devices', 'readwrite');"
            + "    tx.oncomplete = () => { open.result.close(); finish(); };"
            + "    tx.onerror = tx.onabort = () => { open.result.close(); finish(); };"
            + "    tx.objectStore('devices').put(bytes.slice().buffer, username);"
            + "  };"
            + "} catch (e) { finish(); }")
    public static native void save(String username, Int8Array bytes, Done callback);

    @JSBody(params = {"username", "callback"}, script = ""
            + "let done = false; const finish = () => { if (!done) { done = true; callback(); } };"
            + "try {" + OPEN
            + "  open.onerror = () => finish();"
            + "  open.onsuccess = () => {"
            + "    const tx = open.result.transaction('devices', 'readwrite');"
            + "    tx.oncomplete = () => { open.result.close(); finish(); };"
            + "    tx.onerror = tx.onabort = () => { open.result.close(); finish(); };"
            + "    tx.objectStore('devices').delete(username);"
            + "  };"
            + "} catch (e) { finish(); }")
    public static native void delete(String username, Done callback);
}
