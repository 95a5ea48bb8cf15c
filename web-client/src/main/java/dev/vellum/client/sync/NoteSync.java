package dev.vellum.client.sync;

import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.InvalidSignatureException;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;

/**
 * Keeps one note in step with its relay, with "the last complete text wins" as the merge rule.
 *
 * <p>Each local change is sent as the whole text in revision {@code latest + 1}. The server stores revisions
 * in order and refuses a number that is already taken, so when two people send at once one of them is told
 * "stale" and resends on top; the later complete text wins. A remote revision replaces the local text only
 * when the person has nothing unsent, so typing is never overwritten mid-word.
 *
 * <p>Pure Java with no browser types, so every rule here is tested on the JVM.
 */
public final class NoteSync {
    private final NoteId noteId;
    private final NoteRevisionCipher cipher;
    private final NoteView view;

    private FrameSender connection;
    private boolean loaded;
    private boolean unreadable;
    private long latestRevision;
    /** The text as of the latest revision this client knows is stored (its own or a peer's). */
    private String storedText = "";
    private long inFlightRevision;
    private String inFlightText;
    /** Set when the server refused a change for a reason a resend cannot fix; cleared by the next edit. */
    private boolean refusedUntilEdit;

    public NoteSync(NoteId noteId, NoteRevisionCipher cipher, NoteView view) {
        this.noteId = noteId;
        this.cipher = cipher;
        this.view = view;
        view.setEditable(false);
        view.showStatus(SyncStatus.CONNECTING, "");
    }

    public void onConnected(FrameSender sender) {
        connection = sender;
        inFlightRevision = 0;
        if (!unreadable) {
            view.showStatus(SyncStatus.LOADING, "");
        }
    }

    public void onDisconnected() {
        connection = null;
        inFlightRevision = 0;
        if (!unreadable) {
            view.showStatus(SyncStatus.OFFLINE, "");
        }
    }

    /** Whether the person has typed something that no stored revision holds yet. */
    public boolean hasUnsavedChanges() {
        return !view.text().equals(storedText);
    }

    /** The person changed the text; the UI then calls {@link #flush()} after a short pause. */
    public void onLocalEdit() {
        refusedUntilEdit = false;
        if (loaded && !unreadable && inFlightRevision == 0) {
            view.showStatus(SyncStatus.SAVING, "");
        }
    }

    /** Sends the current text if it changed and nothing is already on its way; the UI calls this, debounced. */
    public void flush() {
        if (connection == null || !loaded || unreadable || refusedUntilEdit || inFlightRevision != 0
                || !hasUnsavedChanges()) {
            return;
        }
        inFlightText = view.text();
        inFlightRevision = latestRevision + 1;
        EncryptedRevision revision = cipher.seal(RevisionHeader.linkShared(noteId, inFlightRevision), inFlightText);
        view.showStatus(SyncStatus.SAVING, "");
        connection.send(FrameCodec.encode(new Frame.Publish(revision)));
    }

    /** Handles one frame from the relay. Returns whether the caller should flush again (local text waits). */
    public boolean onFrame(byte[] bytes) {
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (InvalidMessageException e) {
            view.showStatus(SyncStatus.REFUSED, "Unreadable message from the server: " + e.getMessage());
            return false;
        }
        if (frame instanceof Frame.NoteEmpty) {
            markLoaded();
        } else if (frame instanceof Frame.Revision revision) {
            onRemoteRevision(revision.revision());
        } else if (frame instanceof Frame.Accepted accepted) {
            onAccepted(accepted.revision());
        } else if (frame instanceof Frame.Error error) {
            onError(error);
        } else {
            view.showStatus(SyncStatus.REFUSED, "Unexpected message from the server");
        }
        return hasUnsavedChanges() && !unreadable && !refusedUntilEdit;
    }

    private void onRemoteRevision(EncryptedRevision revision) {
        RevisionHeader header = revision.header();
        if (!header.noteId().equals(noteId)) {
            view.showStatus(SyncStatus.REFUSED, "The server sent a revision of another note; it was ignored.");
            return;
        }
        if (header.revision() <= latestRevision) {
            markLoaded(); // a duplicate or older revision, e.g. the join frame after a reconnect: nothing new
            return;
        }
        String text;
        try {
            text = cipher.open(revision);
        } catch (AuthenticationFailedException | InvalidMessageException | InvalidSignatureException e) {
            if (!loaded) {
                // The link is known to be whole (its id matches its secret), so the server sent something that is
                // not this note's. Never let anyone type over a note they cannot read.
                unreadable = true;
                view.setEditable(false);
                view.showStatus(SyncStatus.UNREADABLE, "Its latest version failed its integrity check, so it is "
                        + "not shown and editing is off. Nothing was changed.");
            } else {
                view.showStatus(SyncStatus.REFUSED, "A change failed its integrity check and was ignored.");
            }
            return;
        }
        boolean localEditsPending = hasUnsavedChanges() || inFlightRevision != 0;
        latestRevision = header.revision();
        if (!localEditsPending) {
            view.replaceText(text);
            storedText = text;
        } else {
            storedText = text; // the local text is newer and will be sent on top as latest + 1
        }
        markLoaded();
    }

    private void onAccepted(long revision) {
        if (revision != inFlightRevision) {
            return;
        }
        latestRevision = Math.max(latestRevision, revision);
        storedText = inFlightText;
        inFlightRevision = 0;
        inFlightText = null;
        view.showStatus(hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
    }

    private void onError(Frame.Error error) {
        if (error.code() == ErrorCode.STALE_REVISION && inFlightRevision != 0) {
            // Someone stored this number first; at least that revision exists, so go above it.
            latestRevision = Math.max(latestRevision, inFlightRevision);
            inFlightRevision = 0;
            inFlightText = null;
            return;
        }
        inFlightRevision = 0;
        refusedUntilEdit = true;
        view.showStatus(SyncStatus.REFUSED, error.code().description() + " " + error.message());
    }

    private void markLoaded() {
        if (unreadable) {
            return; // stays read-only: nothing may be written on top of what could not be read
        }
        if (!loaded) {
            loaded = true;
            view.setEditable(true);
        }
        if (inFlightRevision == 0) {
            view.showStatus(hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
        }
    }
}
