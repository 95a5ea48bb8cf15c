package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * One tab at a time edits a note in this browser (a Web Lock per note id): two tabs would each keep their own
 * offline copy in IndexedDB, and the last one saved would drop the other's unsent edits. A second tab asks the
 * person, and may take the note over; the first then stops editing. Where the browser has no Web Locks, every tab
 * edits, as before.
 */
public final class NoteTabLock {
    private NoteTabLock() {
    }

    @JSFunctor
    public interface Callback extends JSObject {
        void run();
    }

    /**
     * Takes the note's lock if no other tab holds it ({@code granted}), else calls {@code busy}; with
     * {@code takeOver}, takes it from the other tab. {@code lost} runs if another tab takes it over later.
     */
    @JSBody(params = {"noteId", "takeOver", "granted", "busy", "lost"}, script = ""
            + "if (!navigator.locks) { granted(); return; }"
            + "navigator.locks.request('vellum-note-' + noteId, takeOver ? {steal: true} : {ifAvailable: true},"
            + "  lock => {"
            + "    if (!lock) { busy(); return; }"
            + "    granted();"
            + "    return new Promise(() => {});"
            + "  }).catch(e => { if (e && e.name === 'AbortError') { lost(); } else { console.error(e); } });")
    public static native void acquire(String noteId, boolean takeOver, Callback granted, Callback busy,
                                      Callback lost);
}
