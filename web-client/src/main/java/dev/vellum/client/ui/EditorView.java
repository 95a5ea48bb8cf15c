package dev.vellum.client.ui;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.keys.MissingNoteKeyException;
import dev.vellum.client.keys.NoteLink;
import dev.vellum.client.net.NoteConnection;
import dev.vellum.client.sync.NoteSync;
import dev.vellum.client.sync.NoteView;
import dev.vellum.client.sync.SyncStatus;
import dev.vellum.client.text.CaretRebase;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.NoteRevisionCipher;
import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/** The note editor: a plain textarea, its sync status, and the note's share link. */
final class EditorView implements NoteView {
    /**
     * A keystroke after a pause is sent at once; while typing goes on, sends are at least this far apart, and what
     * is typed in between, or while a revision is on its way, goes in one batch. This keeps a fast typist (or a
     * held key) under the server's frame rate limit without delaying the first key.
     */
    private static final int MIN_SEND_INTERVAL_MILLIS = 35;

    private final Page page;
    private final NoteLink link;
    private final RandomSource random;
    private final HTMLTextAreaElement editor;
    private final HTMLElement status;
    private final HTMLElement alert;
    private NoteSync sync;
    private boolean flushScheduled;
    private double lastSendMillis = -MIN_SEND_INTERVAL_MILLIS;

    EditorView(Page page, NoteLink link, RandomSource random) {
        this.page = page;
        this.link = link;
        this.random = random;
        this.editor = page.element("note");
        this.status = page.element("sync-status");
        this.alert = page.element("alert");
    }

    void open() throws MissingNoteKeyException {
        page.show("editor-view");
        NoteRevisionCipher cipher = new NoteRevisionCipher(link.keysFor(link.noteId()), random);
        sync = new NoteSync(link.noteId(), cipher, this, ReplicaId.of(random.randomBytes(16)));
        wireShareLink();
        editor.addEventListener("input", event -> {
            sync.onLocalEdit();
            scheduleFlush();
        });
        warnBeforeLeavingWithUnsavedChanges();
        new NoteConnection(webSocketUrl(), sync, this::scheduleFlush).connect();
    }

    private void wireShareLink() {
        Location location = Window.current().getLocation();
        String shareUrl = location.getProtocol() + "//" + location.getHost() + link.pathWithKey();
        HTMLInputElement shareInput = page.element("share-link");
        shareInput.setValue(shareUrl);
        page.element("copy-link").addEventListener("click", event -> {
            copyToClipboard(shareUrl);
            showAlert(false, "Link copied. Anyone with this link can read and edit the note.");
        });
    }

    private String webSocketUrl() {
        Location location = Window.current().getLocation();
        String scheme = "https:".equals(location.getProtocol()) ? "wss://" : "ws://";
        return scheme + location.getHost() + "/ws/notes/" + link.noteId();
    }

    private void scheduleFlush() {
        if (flushScheduled) {
            return;
        }
        double wait = lastSendMillis + MIN_SEND_INTERVAL_MILLIS - now();
        if (wait <= 0) {
            flushNow();
            return;
        }
        flushScheduled = true;
        Window.setTimeout(() -> {
            flushScheduled = false;
            flushNow();
        }, wait);
    }

    private void flushNow() {
        if (sync.flush()) {
            lastSendMillis = now();
        }
    }

    @JSBody(script = "return performance.now();")
    private static native double now();

    private void warnBeforeLeavingWithUnsavedChanges() {
        Window.current().addEventListener("beforeunload", event -> {
            if (sync.hasUnsavedChanges()) {
                event.preventDefault();
            }
        });
    }

    @Override
    public String text() {
        return editor.getValue();
    }

    @Override
    public int caret() {
        return editor.getSelectionEnd();
    }

    @Override
    public void replaceText(String text) {
        String old = editor.getValue();
        int start = CaretRebase.rebase(old, text, editor.getSelectionStart());
        int end = CaretRebase.rebase(old, text, editor.getSelectionEnd());
        editor.setValue(text);
        editor.setSelectionRange(start, end);
        // Setting the value fires no event; this one lets tests (and assistive scripts) see remote changes land.
        dispatchRemoteChange(editor);
    }

    @JSBody(params = "element", script = "element.dispatchEvent(new Event('vellum-remote-change'));")
    private static native void dispatchRemoteChange(HTMLTextAreaElement element);

    @Override
    public void setEditable(boolean editable) {
        editor.setReadOnly(!editable);
        if (editable) {
            editor.focus();
        }
    }

    @Override
    public void showStatus(SyncStatus syncStatus, String detail) {
        boolean problem = syncStatus == SyncStatus.UNREADABLE || syncStatus == SyncStatus.REFUSED;
        status.setInnerText(problem || detail.isEmpty() ? syncStatus.label() : syncStatus.label() + " · " + detail);
        status.setAttribute("data-state", syncStatus.name().toLowerCase());
        if (syncStatus == SyncStatus.UNREADABLE) {
            // Nothing to share or type into: offering either would only spread the broken link.
            page.element("share-controls").setHidden(true);
            editor.setPlaceholder("");
        }
        if (problem) {
            showAlert(true, syncStatus.label() + ". " + detail);
        } else if ("true".equals(alert.getAttribute("data-problem"))) {
            alert.setHidden(true);
        }
    }

    private void showAlert(boolean problem, String message) {
        alert.setInnerText(message);
        alert.setAttribute("data-problem", problem ? "true" : "false");
        alert.setHidden(false);
    }

    @JSBody(params = "text", script = "if (navigator.clipboard) { navigator.clipboard.writeText(text); }")
    private static native void copyToClipboard(String text);
}
