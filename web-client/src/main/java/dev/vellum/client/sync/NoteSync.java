package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDiff;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Keeps one note in step with its relay. The note is a {@link TextDocument} (a text CRDT): every edit the person
 * makes becomes ops at once, and batches of ops travel as encrypted, signed revisions. The server numbers and
 * stores revisions in order and refuses a number already taken; a refused batch is simply sent again under the
 * next number, since ops merge whatever order they arrive in. So concurrent typing merges instead of one text
 * winning, and a person's caret stays put when others type elsewhere.
 *
 * <p>On joining, the server sends the whole history, then "caught up"; the editor is read-only until then.
 * Pure Java with no browser types, so every rule here is tested on the JVM.
 */
public final class NoteSync {
    private final NoteId noteId;
    private final NoteRevisionCipher cipher;
    private final NoteView view;
    private TextDocument doc;
    private final ReplicaId replica;
    private final String displayName;
    private final int color;
    private final LongSupplier clockMillis;
    /** Other people's last presence, by tab, with when it arrived; forgotten after {@link #PRESENCE_TIMEOUT_MILLIS}. */
    private final Map<ReplicaId, PresenceMessage> peers = new LinkedHashMap<>();
    private final Map<ReplicaId, Long> peersSeenAt = new HashMap<>();
    private PresenceMessage lastPresenceSent;
    /** Revision numbers already merged: a history resent on reconnect, or a relay racing it, applies once. */
    private final Set<Long> applied = new HashSet<>();

    private FrameSender connection;
    private boolean loaded;
    private boolean unreadable;
    private long latestRevision;
    /** Local ops not yet sent, and those sent but not yet stored (null when nothing is on its way). */
    private List<TextOp> unsent = new ArrayList<>();
    private List<TextOp> inFlight;
    private long inFlightRevision;
    /** Set when the server refused a batch for a reason a resend cannot fix; cleared by the next edit. */
    private boolean refusedUntilEdit;

    /**
     * Text per revision: well under the server's default 1 MiB frame limit even at 4 bytes a character once
     * encoded and sealed, so a large paste goes out as several revisions instead of being refused.
     */
    static final int MAX_BATCH_CHARS = 100_000;

    /** A person whose presence has not been heard for this long has left (presence is re-sent every 10 s). */
    public static final long PRESENCE_TIMEOUT_MILLIS = 30_000;

    /**
     * @param replica this tab's identity as a writer of the text, unique to it
     * @param displayName how others see this person next to their caret
     * @param color an index into the editor's palette
     * @param clockMillis the time, for forgetting people who left
     */
    public NoteSync(NoteId noteId, NoteRevisionCipher cipher, NoteView view, ReplicaId replica, String displayName,
                    int color, LongSupplier clockMillis) {
        this.noteId = noteId;
        this.cipher = cipher;
        this.view = view;
        this.doc = new TextDocument(replica);
        this.replica = replica;
        this.displayName = displayName;
        this.color = color;
        this.clockMillis = clockMillis;
        view.setEditable(false);
        view.showStatus(SyncStatus.CONNECTING, "");
    }

    public void onConnected(FrameSender sender) {
        connection = sender;
        requeueInFlight();
        refusedUntilEdit = false; // a new connection is a new chance: refusals about the last one do not carry over
        if (!unreadable) {
            view.showStatus(SyncStatus.LOADING, "");
        }
    }

    public void onDisconnected() {
        connection = null;
        requeueInFlight();
        if (!unreadable) {
            view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        }
    }

    // --- Kept in the browser between visits --------------------------------------------------------------

    /**
     * The note as this browser last knew it, and the edits the server has not stored, sealed with the note's key:
     * what the UI keeps in IndexedDB so offline edits survive a reload. Layout: {@code state length (4) || CRDT
     * state || unsent ops (text update encoding)}.
     */
    public byte[] exportLocalState() {
        byte[] state = doc.encodeState();
        List<TextOp> pendingOps = new ArrayList<>();
        if (inFlight != null) {
            pendingOps.addAll(inFlight);
        }
        pendingOps.addAll(unsent);
        byte[] ops = TextOpCodec.encode(pendingOps);
        byte[] plain = new byte[4 + state.length + ops.length];
        for (int i = 0; i < 4; i++) {
            plain[i] = (byte) (state.length >>> (24 - 8 * i));
        }
        System.arraycopy(state, 0, plain, 4, state.length);
        System.arraycopy(ops, 0, plain, 4 + state.length, ops.length);
        return cipher.sealLocalState(plain);
    }

    /**
     * Shows the note as this browser last kept it, editable at once even offline; the history from the server
     * merges in when it arrives, and the kept edits are sent. Returns false (and changes nothing) if the kept bytes
     * do not open or parse, which only a damaged store or another note's data could cause.
     */
    public boolean restoreLocalState(byte[] sealed) {
        try {
            byte[] plain = cipher.openLocalState(sealed);
            if (plain.length < 4) {
                return false;
            }
            int stateLength = ((plain[0] & 0xff) << 24) | ((plain[1] & 0xff) << 16) | ((plain[2] & 0xff) << 8)
                    | (plain[3] & 0xff);
            if (stateLength < 0 || stateLength > plain.length - 4) {
                return false;
            }
            // A fresh replica id for this visit: two tabs restoring the same copy must never write the same ids.
            TextDocument restored = TextDocument.decodeState(Arrays.copyOfRange(plain, 4, 4 + stateLength),
                    replica);
            List<TextOp> ops = TextOpCodec.decode(Arrays.copyOfRange(plain, 4 + stateLength,
                    plain.length));
            doc = restored;
            unsent = new ArrayList<>(ops);
        } catch (InvalidMessageException | AuthenticationFailedException | IllegalArgumentException e) {
            return false;
        }
        markLoaded();
        if (connection == null) {
            view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        }
        return true;
    }

    /** Whether the person has typed something that the server has not stored yet. */
    public boolean hasUnsavedChanges() {
        return !unsent.isEmpty() || inFlight != null;
    }

    /** The person changed the text: it becomes ops at once; the UI then calls {@link #flush()} after a pause. */
    public void onLocalEdit() {
        if (!loaded || unreadable) {
            return; // the editor is read-only then; nothing to record
        }
        TextDiff diff = TextDiff.between(doc.text(), view.text(), view.caret());
        if (diff.isEmpty()) {
            return;
        }
        unsent.addAll(doc.replace(diff.position(), diff.deleteCount(), diff.insert()));
        refusedUntilEdit = false;
        showPeers();
        if (connection == null) {
            view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        } else if (inFlight == null) {
            view.showStatus(SyncStatus.SAVING, "");
        }
    }

    /**
     * Sends the unsent ops as the next revision if nothing is already on its way. Returns whether it sent: while a
     * revision is in flight, new ops gather and go together when it is stored, one batch per round trip.
     */
    public boolean flush() {
        if (connection == null || !loaded || unreadable || refusedUntilEdit || inFlight != null || unsent.isEmpty()) {
            return false;
        }
        inFlight = takeBatch();
        inFlightRevision = latestRevision + 1;
        EncryptedRevision revision = cipher.seal(RevisionHeader.linkShared(noteId, inFlightRevision),
                TextOpCodec.encode(inFlight));
        view.showStatus(SyncStatus.SAVING, "");
        connection.send(FrameCodec.encode(new Frame.Publish(revision)));
        return true;
    }

    /** A revision's worth of ops, at most {@link #MAX_BATCH_CHARS} characters of text, long inserts cut in order. */
    private List<TextOp> takeBatch() {
        List<TextOp> batch = new ArrayList<>();
        int chars = 0;
        while (!unsent.isEmpty() && chars < MAX_BATCH_CHARS) {
            TextOp op = unsent.get(0);
            if (op instanceof TextOp.Insert insert && chars + insert.text().length() > MAX_BATCH_CHARS) {
                // A run typed in order can be sent in pieces: each piece follows the previous one's last character.
                int take = Math.max(1, MAX_BATCH_CHARS - chars);
                if (take < insert.text().length()) {
                    batch.add(new TextOp.Insert(insert.replica(), insert.clock(), insert.left(), insert.right(),
                            insert.text().substring(0, take)));
                    unsent.set(0, new TextOp.Insert(insert.replica(), insert.clock() + take,
                            new CharId(insert.replica(), insert.clock() + take - 1), insert.right(),
                            insert.text().substring(take)));
                    break;
                }
            }
            batch.add(unsent.remove(0));
            chars += op instanceof TextOp.Insert insert ? insert.text().length() : 1;
        }
        return batch;
    }

    /** Handles one frame from the relay; the caller then calls {@link #flush()}, which sends whatever waits. */
    public void onFrame(byte[] bytes) {
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (InvalidMessageException e) {
            view.showStatus(SyncStatus.REFUSED, "Unreadable message from the server: " + e.getMessage());
            return;
        }
        if (frame instanceof Frame.Revision revision) {
            onRemoteRevision(revision.revision());
        } else if (frame instanceof Frame.CaughtUp caughtUp) {
            latestRevision = Math.max(latestRevision, caughtUp.latestRevision());
            markLoaded();
        } else if (frame instanceof Frame.Accepted accepted) {
            onAccepted(accepted.revision());
        } else if (frame instanceof Frame.Error error) {
            onError(error);
        } else if (frame instanceof Frame.Presence presence) {
            onPresence(presence);
        } else {
            view.showStatus(SyncStatus.REFUSED, "Unexpected message from the server");
        }
    }

    private void onRemoteRevision(EncryptedRevision revision) {
        RevisionHeader header = revision.header();
        if (!header.noteId().equals(noteId)) {
            view.showStatus(SyncStatus.REFUSED, "The server sent a revision of another note; it was ignored.");
            return;
        }
        latestRevision = Math.max(latestRevision, header.revision());
        if (unreadable || applied.contains(header.revision())) {
            return;
        }
        byte[] body;
        try {
            body = cipher.open(revision);
        } catch (AuthenticationFailedException | InvalidMessageException | InvalidSignatureException e) {
            // The link is known to be whole (its id matches its secret), so the server sent something that is
            // not this note's. Without it the text cannot be known for sure: nobody may type over it.
            unreadable = true;
            view.setEditable(false);
            view.showStatus(SyncStatus.UNREADABLE, "Part of its history failed its integrity check, so it is "
                    + "not shown and editing is off. Nothing was changed.");
            return;
        }
        applied.add(header.revision());
        List<TextOp> ops;
        try {
            ops = TextOpCodec.decode(body);
        } catch (InvalidMessageException e) {
            // Signed by a holder of the link and intact, but not a text update this version can read (a newer
            // client's, or a broken one's): skipped, and said, rather than locking the note for everyone.
            view.showStatus(SyncStatus.REFUSED, "A change from another version of Vellum could not be read and was "
                    + "skipped.");
            return;
        }
        doc.apply(ops);
        if (loaded) {
            showText(); // while the history loads, the text is shown once, at the end
        }
    }

    private void showText() {
        if (!doc.text().equals(view.text())) {
            view.replaceText(doc.text());
        }
        showPeers();
    }

    // --- Presence --------------------------------------------------------------------------------------------

    /**
     * Tells the others where this person's selection is, as the characters it follows, so it stays on the same text
     * while they type. Sent on every caret move (throttled by the UI) and every 10 s as a heartbeat.
     */
    public void sendPresence(int selectionStart, int selectionEnd) {
        sendPresence(selectionStart, selectionEnd, false);
    }

    /** Re-sends this person's presence even if it has not moved, and forgets people not heard from lately. */
    public void presenceHeartbeat(int selectionStart, int selectionEnd) {
        sendPresence(selectionStart, selectionEnd, true);
        showPeers();
    }

    private void sendPresence(int selectionStart, int selectionEnd, boolean evenIfUnmoved) {
        if (connection == null || !loaded || unreadable) {
            return;
        }
        PresenceMessage message = new PresenceMessage(replica, displayName, color, doc.charBefore(selectionStart),
                doc.charBefore(selectionEnd));
        // Others' edits move the caret's position but not the characters it follows: nothing to tell them then.
        if (!evenIfUnmoved && message.equals(lastPresenceSent)) {
            return;
        }
        lastPresenceSent = message;
        connection.send(FrameCodec.encode(new Frame.Presence(cipher.sealPresence(message.encode()))));
    }

    private void onPresence(Frame.Presence presence) {
        PresenceMessage message;
        try {
            message = PresenceMessage.decode(cipher.openPresence(presence.sealed()));
        } catch (InvalidMessageException | AuthenticationFailedException e) {
            return; // ephemeral and unsigned: a bad one is dropped, never shown
        }
        if (message.replica().equals(replica)) {
            return;
        }
        peers.put(message.replica(), message);
        peersSeenAt.put(message.replica(), clockMillis.getAsLong());
        showPeers();
    }

    private void showPeers() {
        long now = clockMillis.getAsLong();
        peers.keySet().removeIf(id -> now - peersSeenAt.get(id) > PRESENCE_TIMEOUT_MILLIS);
        peersSeenAt.keySet().retainAll(peers.keySet());
        List<PeerCursor> cursors = new ArrayList<>();
        for (PresenceMessage peer : peers.values()) {
            int anchor = doc.positionAfter(peer.anchor());
            int focus = doc.positionAfter(peer.focus());
            cursors.add(new PeerCursor(peer.name(), peer.color(), Math.min(anchor, focus), Math.max(anchor, focus)));
        }
        view.showPresence(cursors);
    }

    private void onAccepted(long revision) {
        if (inFlight == null || revision != inFlightRevision) {
            return;
        }
        applied.add(revision);
        latestRevision = Math.max(latestRevision, revision);
        inFlight = null;
        view.showStatus(hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
    }

    private void onError(Frame.Error error) {
        if (error.code() == ErrorCode.STALE_REVISION && inFlight != null) {
            // Someone stored this number first. Our ops are still good: send them again under a later number.
            latestRevision = Math.max(latestRevision, inFlightRevision);
            requeueInFlight();
            return;
        }
        requeueInFlight();
        // Not again on this connection (the same batch would be refused the same way, or the server needs a
        // pause); a new connection or a new edit tries again. Nothing is dropped.
        refusedUntilEdit = true;
        boolean temporary = error.code() == ErrorCode.RATE_LIMITED || error.code() == ErrorCode.STORAGE_FAILURE;
        view.showStatus(SyncStatus.REFUSED, error.code().description() + " " + error.message()
                + (temporary ? " Your changes are kept and will be sent again." : ""));
    }

    /** How many changes wait to be sent, said for the person ("3 changes waiting"), or nothing. */
    private String pendingDetail() {
        int waiting = pendingChanges();
        if (waiting == 0) {
            return "";
        }
        return waiting == 1 ? "1 change waiting, kept in this browser"
                : waiting + " changes waiting, kept in this browser";
    }

    /** Number of changes not yet stored by the server. */
    public int pendingChanges() {
        return unsent.size() + (inFlight == null ? 0 : inFlight.size());
    }

    private void requeueInFlight() {
        if (inFlight != null) {
            inFlight.addAll(unsent);
            unsent = inFlight;
            inFlight = null;
        }
    }

    private void markLoaded() {
        if (unreadable) {
            return; // stays read-only: nothing may be written on top of what could not be read
        }
        if (!loaded) {
            loaded = true;
            showText();
            view.setEditable(true);
        }
        if (inFlight == null) {
            view.showStatus(hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
        }
    }
}
