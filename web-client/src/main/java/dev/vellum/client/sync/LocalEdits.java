package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextDiff;

/**
 * The person's own changes, as the editor tells them: each becomes ops at once, waits in the {@link Outbox}, leaves
 * a version after a pause, is kept in the browser shortly after, and is sent when the pacing allows.
 */
final class LocalEdits {
    private final SyncState state;
    private final EditorMirror editor;
    private final Outbox outbox;
    private final Versions versions;
    private final LocalKeeper local;
    private final Presence presence;
    private final StatusLine status;
    /** Asks for the waiting ops to be sent, paced. */
    private final Runnable send;

    LocalEdits(SyncState state, EditorMirror editor, Outbox outbox, Versions versions, LocalKeeper local,
               Presence presence, StatusLine status, Runnable send) {
        this.state = state;
        this.editor = editor;
        this.outbox = outbox;
        this.versions = versions;
        this.local = local;
        this.presence = presence;
        this.status = status;
        this.send = send;
    }

    /** The editor now shows {@code text}, typed by the person, with this selection. */
    void onEdited(String text, int selectionStart, int selectionEnd) {
        if (!state.writable()) {
            return; // the editor is read-only then; nothing to record
        }
        TextDiff diff = TextDiff.between(state.doc.text(), text, selectionEnd);
        editor.onEdited(text, selectionStart, selectionEnd);
        if (!diff.isEmpty()) {
            record(diff);
            presence.show();
            status.afterEdit();
        }
        send.run();
    }

    /** Puts {@code text} in the note as the person's change (a version they restore), and shows it. */
    void replaceAll(String text) {
        if (!state.writable()) {
            return;
        }
        editor.remember();
        TextDiff diff = TextDiff.between(state.doc.text(), text, text.length());
        if (diff.isEmpty()) {
            return;
        }
        record(diff);
        editor.show();
        presence.show();
        status.afterRestore();
        send.run();
    }

    private void record(TextDiff diff) {
        outbox.add(state.doc.replace(diff.position(), diff.deleteCount(), diff.insert()));
        versions.onEdited();
        local.afterOwnEdit();
    }
}
