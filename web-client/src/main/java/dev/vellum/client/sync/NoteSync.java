package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDiff;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.bouncycastle.util.encoders.Hex;

/**
 * Keeps one note in step with its relay. The note is a {@link TextDocument} (a text CRDT): every edit the person
 * makes becomes ops at once, and batches of ops travel as note items: updates encrypted, signed by this tab's author
 * key and chained to its previous item. The server numbers and stores them in order; everyone merges them in that
 * order, and concurrent typing merges instead of one text winning.
 *
 * <p>Every item received is checked before it is applied: the author's signature, the encryption, and the author's
 * chain (replays, gaps, forks). A failure is shown as a {@link SyncWarning} and the item is skipped (a gap, being
 * authentic, is applied). Now and then a client seals the whole note as a snapshot, so that opening it costs the
 * latest snapshot plus what came after, and the snapshots are the versions the history lists.
 *
 * <p>Pure Java with no browser types, so every rule here is tested on the JVM.
 */
public final class NoteSync {
    /**
     * Text per update: well under the server's default 1 MiB frame limit even at 4 bytes a character once encoded
     * and sealed, so a large paste goes out as several updates instead of being refused.
     */
    static final int MAX_BATCH_CHARS = 100_000;

    /** A person whose presence has not been heard for this long has left (presence is re-sent every 10 s). */
    public static final long PRESENCE_TIMEOUT_MILLIS = 30_000;

    /**
     * Revisions past the last snapshot after which the client whose update crosses the mark makes one. Opening a note
     * checks every item after its latest snapshot, about 1 ms each in the browser while its code is still cold: 100
     * keeps that near 100 ms, with room on a busy machine.
     */
    static final int SNAPSHOT_EVERY = 100;

    /** Versions listed per history page. */
    static final int HISTORY_PAGE = 20;



    private final NoteId noteId;
    private NoteItemCipher cipher;
    private IdentityKeyId self;
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

    /** Every author's last item, as far as this reader knows. */
    private AuthorChains chains = new AuthorChains();
    /** Every revision up to this one is applied (or covered by a loaded snapshot); what to ask for on reconnecting. */
    private long appliedThrough;
    /** Revisions above {@link #appliedThrough} already dealt with (this tab's own, stored out of turn). */
    private final Set<Long> applied = new HashSet<>();
    /**
     * Items that arrived before an earlier revision: applied in the server's order once the ones before are here,
     * so each author's chain is checked in order. What the server never sends is given up at "caught up".
     */
    private final TreeMap<Long, NoteItem> ahead = new TreeMap<>();
    private long latestRevision;
    private long lastSnapshotCovers;
    /**
     * The last revision number given up on as never sent (0: none). Until this reader loads a snapshot that covers
     * it, its text may lack what that item held, so it makes no snapshot of its own: that would make the loss
     * everyone's. Kept with the local copy.
     */
    private long skippedThrough;
    /** Whether this person edited since their last snapshot: an idle pause then leaves a version in the history. */
    private boolean editedSinceSnapshot;

    private FrameSender connection;
    /** The revision this connection asked the history to follow; a server whose latest is lower lost items. */
    private long joinedSince;
    /** The server has sent this connection's history: this reader knows where every author stands. */
    private boolean caughtUp;
    private boolean loaded;
    /** The note's base snapshot failed its checks: the text cannot be known, so nobody may write on top of it. */
    private boolean unreadable;
    /** Local ops not yet sent. */
    private List<TextOp> unsent = new ArrayList<>();
    /** The item sent and not yet answered, and its ops (none for a snapshot); null when nothing is on its way. */
    private NoteItem inFlight;
    private List<TextOp> inFlightOps;
    /** Set when the server refused an item for a reason a resend cannot fix; cleared by the next edit. */
    private boolean refusedUntilEdit;
    /**
     * The person's selection as the characters it follows, taken before a remote change is applied, so that it
     * stays on the same text wherever others type, however many places one change touches. Null: not known.
     */
    private CharId selectionStartAnchor;
    private CharId selectionEndAnchor;
    /** Versions of the history page being received, or null when no page is asked for. */
    private List<HistoryVersion> historyPage;

    /**
     * @param cipher seals as this tab's author and opens anyone's items
     * @param replica this tab's identity as a writer of the text, unique to it
     * @param displayName how others see this person next to their caret and in the history
     * @param color an index into the editor's palette
     * @param clockMillis the time, for forgetting people who left and dating snapshots
     */
    public NoteSync(NoteId noteId, NoteItemCipher cipher, NoteView view, ReplicaId replica, String displayName,
                    int color, LongSupplier clockMillis) {
        this.noteId = noteId;
        this.cipher = cipher;
        this.self = cipher.authorKeyId();
        this.view = view;
        this.doc = new TextDocument(replica);
        this.replica = replica;
        this.displayName = displayName;
        this.color = color;
        this.clockMillis = clockMillis;
        view.setEditable(false);
        view.showStatus(SyncStatus.CONNECTING, "");
    }

    /** The revision to resume from when (re)connecting: the server sends only what comes after it. */
    public long since() {
        return appliedThrough;
    }

    public void onConnected(FrameSender sender) {
        connection = sender;
        joinedSince = appliedThrough; // what the connection asked to follow (since()): the server has at least this
        caughtUp = false;
        requeueInFlight();
        refusedUntilEdit = false; // a new connection is a new chance: refusals about the last one do not carry over
        historyPage = null;
        if (!unreadable) {
            view.showStatus(SyncStatus.LOADING, "");
        }
    }

    public void onDisconnected() {
        connection = null;
        caughtUp = false;
        requeueInFlight();
        historyPage = null;
        if (!unreadable) {
            view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        }
    }

    // --- Kept in the browser between visits --------------------------------------------------------------

    /**
     * The note as this browser last knew it, and the edits the server has not stored ({@link LocalCopy}), sealed
     * with the note's key: what the UI keeps in IndexedDB so offline edits survive a reload.
     */
    public byte[] exportLocalState() {
        List<TextOp> pendingOps = new ArrayList<>();
        if (inFlightOps != null) {
            pendingOps.addAll(inFlightOps);
        }
        pendingOps.addAll(unsent);
        return cipher.sealLocalState(new LocalCopy(appliedThrough, lastSnapshotCovers, skippedThrough, chains,
                doc.encodeState(), pendingOps).encode());
    }

    /**
     * Shows the note as this browser last kept it, editable at once even offline; what the server has since merges
     * in when it arrives, and the kept edits are sent. Returns false (and changes nothing) if the kept bytes do not
     * open or parse, which only a damaged store, another note's data or an older format could cause.
     */
    public boolean restoreLocalState(byte[] sealed) {
        try {
            LocalCopy kept = LocalCopy.decode(cipher.openLocalState(sealed));
            // This visit's replica id: two tabs restoring the same copy must never write the same ids.
            doc = TextDocument.decodeState(kept.state(), replica);
            unsent = new ArrayList<>(kept.unsent());
            chains = kept.chains();
            appliedThrough = kept.appliedThrough();
            latestRevision = Math.max(latestRevision, kept.appliedThrough());
            lastSnapshotCovers = kept.lastSnapshotCovers();
            skippedThrough = kept.skippedThrough();
        } catch (InvalidMessageException | AuthenticationFailedException | IllegalArgumentException e) {
            return false;
        }
        markLoaded();
        if (connection == null) {
            view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        }
        return true;
    }

    /**
     * The note was made in this tab a moment ago: it is empty everywhere, so the person may type at once, before the
     * server has answered; what they type goes out once it has (only then is this author's place in the chain known).
     */
    public void startEmpty() {
        markLoaded();
    }

    /** Whether the person has typed something that the server has not stored yet. */
    public boolean hasUnsavedChanges() {
        return !unsent.isEmpty() || inFlightOps != null;
    }

    /** The person changed the text: it becomes ops at once; the UI then calls {@link #flush()} after a pause. */
    public void onLocalEdit() {
        if (!loaded || unreadable) {
            return; // the editor is read-only then; nothing to record
        }
        TextDiff diff = TextDiff.between(doc.text(), view.text(), view.selectionEnd());
        if (diff.isEmpty()) {
            return;
        }
        unsent.addAll(doc.replace(diff.position(), diff.deleteCount(), diff.insert()));
        editedSinceSnapshot = true;
        refusedUntilEdit = false;
        showPeers();
        if (connection == null) {
            view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        } else if (inFlight == null) {
            view.showStatus(SyncStatus.SAVING, "");
        }
    }

    /**
     * Sends the unsent ops as this author's next update if nothing is already on its way and this connection's
     * history has arrived (only then is this author's place in their chain known). Returns whether it sent: while
     * an item is in flight, new ops gather and go together when it is stored, one batch per round trip.
     */
    public boolean flush() {
        if (!canSend() || unsent.isEmpty()) {
            return false;
        }
        List<TextOp> batch = takeBatch();
        send(NoteItemKind.UPDATE, 0, TextOpCodec.encode(batch), batch);
        view.showStatus(SyncStatus.SAVING, "");
        return true;
    }

    private boolean canSend() {
        return connection != null && caughtUp && loaded && !unreadable && !refusedUntilEdit && inFlight == null;
    }

    private void send(NoteItemKind kind, long covers, byte[] body, List<TextOp> ops) {
        AuthorChains.Head head = chains.head(self);
        inFlight = cipher.seal(kind, covers, head == null ? 1 : head.sequence() + 1,
                head == null ? UpdateHash.NONE : head.hash(), body);
        inFlightOps = ops;
        connection.send(FrameCodec.encode(new Frame.Publish(inFlight)));
    }

    /** An update's worth of ops, at most {@link #MAX_BATCH_CHARS} characters of text, long inserts cut in order. */
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

    // --- Snapshots and history -------------------------------------------------------------------------------

    /**
     * The person paused (the UI calls this after 10 s without typing): if they edited since their last snapshot,
     * one is made now, so each editing session leaves a version in the history.
     */
    public void onIdle() {
        if (editedSinceSnapshot) {
            snapshotIfPossible();
        }
    }

    /**
     * Seals the whole note as a snapshot covering every revision so far, if that is exactly what this client holds:
     * connected and caught up, nothing unsent or in flight, and every revision up to the latest applied with none
     * given up on. Ops still waiting in the CRDT then wait for characters no stored item holds (a hostile or broken
     * writer's); they are left out rather than let one such op stop snapshots for good.
     */
    private boolean snapshotIfPossible() {
        if (!canSend() || !unsent.isEmpty() || appliedThrough != latestRevision
                || latestRevision <= lastSnapshotCovers || skippedThrough > 0) {
            return false;
        }
        SnapshotBody body = new SnapshotBody(clockMillis.getAsLong(), displayName, chains.copy(),
                doc.encodeState());
        send(NoteItemKind.SNAPSHOT, latestRevision, body.encode(), null);
        return true;
    }

    /** Asks the server for the newest versions; they arrive through {@link NoteView#showHistory}. */
    public void requestHistory() {
        requestHistoryBefore(latestRevision + 1);
    }

    /** Asks for the versions older than {@code revision}, the oldest one listed so far. */
    public void requestHistoryBefore(long revision) {
        if (connection == null || revision < 1 || historyPage != null) {
            return; // offline, nothing older, or a page is on its way
        }
        historyPage = new ArrayList<>();
        connection.send(FrameCodec.encode(new Frame.HistoryRequest(revision, HISTORY_PAGE)));
    }

    private void onHistoryEntry(Frame.HistoryEntry entry) {
        if (historyPage == null) {
            return; // not asked for on this connection
        }
        NoteItem item = entry.snapshot();
        if (item.kind() != NoteItemKind.SNAPSHOT) {
            return;
        }
        SnapshotBody body = openSnapshot(item);
        if (body == null) {
            return;
        }
        TextDocument version;
        try {
            version = TextDocument.decodeState(body.state(), replica);
        } catch (InvalidMessageException | IllegalArgumentException e) {
            view.showWarning(SyncWarning.badVersion(keyLabel(item.header())));
            return;
        }
        historyPage.add(new HistoryVersion(entry.revision(), body.authorName(), keyLabel(item.header()),
                body.createdAtMillis(), version.text()));
    }

    /**
     * Puts an earlier version's text back as a new change by this person, on top of the note as it is now: others'
     * later edits are replaced like any text the person would retype, and the history keeps both.
     */
    public void restoreVersion(String text) {
        if (!loaded || unreadable) {
            return;
        }
        rememberSelection();
        TextDiff diff = TextDiff.between(doc.text(), text, text.length());
        if (diff.isEmpty()) {
            return;
        }
        unsent.addAll(doc.replace(diff.position(), diff.deleteCount(), diff.insert()));
        editedSinceSnapshot = true;
        refusedUntilEdit = false;
        showText();
        view.showStatus(connection == null ? SyncStatus.OFFLINE : SyncStatus.SAVING, pendingDetail());
    }

    // --- Receiving -------------------------------------------------------------------------------------------

    /** Handles one frame from the relay; the caller then calls {@link #flush()}, which sends whatever waits. */
    public void onFrame(byte[] bytes) {
        rememberSelection();
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (InvalidMessageException e) {
            view.showStatus(SyncStatus.REFUSED, "Unreadable message from the server: " + e.getMessage());
            return;
        }
        if (frame instanceof Frame.Revision revision) {
            onRevision(revision.revision(), revision.item());
        } else if (frame instanceof Frame.History history) {
            for (Frame.Revision revision : history.revisions()) {
                onRevision(revision.revision(), revision.item());
            }
        } else if (frame instanceof Frame.Snapshot snapshot) {
            onBaseSnapshot(snapshot.revision(), snapshot.item());
        } else if (frame instanceof Frame.CaughtUp caughtUpFrame) {
            onCaughtUp(caughtUpFrame.latestRevision());
        } else if (frame instanceof Frame.Accepted accepted) {
            onAccepted(accepted.revision());
        } else if (frame instanceof Frame.Error error) {
            onError(error);
        } else if (frame instanceof Frame.Presence presence) {
            onPresence(presence);
        } else if (frame instanceof Frame.HistoryEntry entry) {
            onHistoryEntry(entry);
        } else if (frame instanceof Frame.ServerHello) {
            // The server's frame size and rate limits. Not used yet: pacing sends to them is the timing policy's
            // job. Known, so not an "unexpected message".
            return;
        } else if (frame instanceof Frame.HistoryEnd end) {
            if (historyPage != null) {
                view.showHistory(historyPage, end.more());
                historyPage = null;
            }
        } else {
            view.showStatus(SyncStatus.REFUSED, "Unexpected message from the server");
        }
    }

    private void onRevision(long revision, NoteItem item) {
        if (revision <= appliedThrough || applied.contains(revision) || ahead.containsKey(revision)) {
            return; // applied already, covered by a snapshot this reader loaded, or already waiting its turn
        }
        latestRevision = Math.max(latestRevision, revision);
        ahead.put(revision, item);
        applyInOrder();
    }

    /**
     * The server has sent this connection's history: every revision up to {@code latest} should be here. Any still
     * missing was withheld; the items after it are applied anyway, and the chain checks say whose items are missing.
     */
    private void onCaughtUp(long latest) {
        if (latest < joinedSince) {
            startOverFrom(latest);
        }
        latestRevision = Math.max(latestRevision, latest);
        applyInOrder();
        while (appliedThrough < latest) {
            // A number never sent: step over every missing one at once, to the next item that is here.
            long nextHere = Math.min(ahead.isEmpty() ? latest + 1 : ahead.firstKey(),
                    applied.isEmpty() ? latest + 1 : Collections.min(applied));
            appliedThrough = Math.min(latest, nextHere - 1);
            skippedThrough = appliedThrough;
            applyInOrder();
        }
        caughtUp = true;
        markLoaded();
        if (loaded) {
            showText();
        }
    }

    /**
     * The server has fewer items than this reader applied: it lost some, or was restored from an older backup.
     * Whatever this copy holds goes back to it (every character and deletion, as this tab's next update; the others
     * already have most of it and merging changes nothing for them), numbering starts again from the server's, and
     * authors' chains are forgotten, since the server's now end earlier than the ones this reader saw.
     */
    private void startOverFrom(long latest) {
        view.showWarning(SyncWarning.serverBehind(joinedSince, latest));
        appliedThrough = latest;
        latestRevision = latest;
        lastSnapshotCovers = Math.min(lastSnapshotCovers, latest);
        skippedThrough = 0;
        applied.clear();
        ahead.clear();
        AuthorChains.Head own = chains.head(self);
        chains = new AuthorChains();
        if (own != null) {
            // This tab's chain is ahead of the server's too: a fresh author key starts a new one.
            cipher = cipher.withFreshAuthor();
            self = cipher.authorKeyId();
        }
        List<TextOp> everything = doc.opsBeyond(new TextDocument(ReplicaId.of(new byte[] {0})));
        everything.addAll(unsent);
        unsent = everything;
    }

    private void applyInOrder() {
        boolean changed = false;
        while (true) {
            long next = appliedThrough + 1;
            if (applied.remove(next)) {
                appliedThrough = next;
                continue;
            }
            NoteItem item = ahead.remove(next);
            if (item == null) {
                break;
            }
            appliedThrough = next;
            changed |= applyItem(item);
        }
        if (changed && loaded) {
            showText(); // while the history loads, the text is shown once, at the end
        }
    }

    /** Checks and applies one item in its turn; returns whether the text may have changed. */
    private boolean applyItem(NoteItem item) {
        byte[] body = openChecked(item);
        if (body == null) {
            return false;
        }
        if (item.kind() == NoteItemKind.SNAPSHOT) {
            // Its text is what this reader already has from the updates it covers; it only moves the chain on.
            lastSnapshotCovers = Math.max(lastSnapshotCovers, item.covers());
            return false;
        }
        List<TextOp> ops;
        try {
            ops = TextOpCodec.decode(body);
        } catch (InvalidMessageException e) {
            // Signed and intact, but not a text update this version can read (a newer client's, or a broken one's):
            // skipped, and said, rather than locking the note for everyone.
            view.showStatus(SyncStatus.REFUSED, "A change from another version of Vellum could not be read and was "
                    + "skipped.");
            return false;
        }
        doc.apply(ops);
        return true;
    }

    /**
     * Opens an item and checks it against its author's chain. Returns its body, or null after warning if it must
     * not be applied; a gap is warned about and the (authentic) item still returned.
     */
    private byte[] openChecked(NoteItem item) {
        UpdateHeader header = item.header();
        String who = keyLabel(header);
        byte[] body;
        try {
            body = cipher.open(item);
        } catch (InvalidSignatureException e) {
            view.showWarning(SyncWarning.badSignature(who));
            return null;
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            view.showWarning(SyncWarning.unreadable(who));
            return null;
        }
        switch (chains.check(header)) {
            case REPLAY:
                view.showWarning(SyncWarning.replay(header.sequence(), who));
                return null;
            case BROKEN:
                view.showWarning(SyncWarning.brokenChain(header.sequence(), who));
                return null;
            case GAP:
                AuthorChains.Head head = chains.head(header.authorKeyId());
                long missing = header.sequence() - 1 - (head == null ? 0 : head.sequence());
                view.showWarning(SyncWarning.gap(missing, who));
                break;
            case NEXT:
                break;
        }
        chains.advance(header.authorKeyId(), header.sequence(), item.hash());
        return body;
    }

    /**
     * The snapshot the server starts this connection's history with, as it covers more than this reader has: its
     * state replaces the replay of everything it covers. Whatever this reader holds beyond it (kept offline edits,
     * items that raced ahead) is merged on top, so nothing is lost.
     */
    private void onBaseSnapshot(long revision, NoteItem item) {
        if (item.kind() != NoteItemKind.SNAPSHOT || item.covers() <= appliedThrough) {
            return; // nothing this reader lacks: what follows comes item by item
        }
        SnapshotBody body = openSnapshot(item);
        TextDocument base = null;
        if (body != null) {
            try {
                base = TextDocument.decodeState(body.state(), replica);
            } catch (InvalidMessageException | IllegalArgumentException e) {
                view.showWarning(SyncWarning.badVersion(keyLabel(item.header())));
            }
        }
        if (base == null) {
            unreadable = true;
            view.setEditable(false);
            view.showStatus(SyncStatus.UNREADABLE, "Its latest version failed its checks, so the note is not shown "
                    + "and editing is off. Nothing was changed.");
            return;
        }
        base.apply(doc.opsBeyond(base));
        base.apply(doc.pendingOps());
        doc = base;
        // Where every author stood at the snapshot, unless this reader knows a later item of theirs.
        AuthorChains merged = body.chains().copy();
        merged.keepLaterOf(chains);
        chains = merged;
        // The snapshot itself is its author's next item after what it covers.
        if (chains.check(item.header()) == AuthorChains.Verdict.NEXT) {
            chains.advance(item.header().authorKeyId(), item.header().sequence(), item.hash());
        }
        appliedThrough = item.covers();
        if (skippedThrough <= item.covers()) {
            skippedThrough = 0;
        }
        applied.removeIf(number -> number <= item.covers());
        ahead.headMap(item.covers(), true).clear();
        ahead.remove(revision);
        latestRevision = Math.max(latestRevision, revision);
        applied.add(revision);
        lastSnapshotCovers = Math.max(lastSnapshotCovers, item.covers());
        if (loaded) {
            showText();
        }
        applyInOrder();
    }

    /** Opens a snapshot and checks its author's signature; null after warning if it fails. */
    private SnapshotBody openSnapshot(NoteItem item) {
        try {
            return SnapshotBody.decode(cipher.open(item));
        } catch (InvalidSignatureException | AuthenticationFailedException | InvalidMessageException e) {
            view.showWarning(SyncWarning.badVersion(keyLabel(item.header())));
        }
        return null;
    }

    /** The first 8 hex digits of an author's key id: enough to tell authors apart in a warning. */
    private static String keyLabel(UpdateHeader header) {
        return Hex.toHexString(header.authorKeyId().toBytes()).substring(0, 8);
    }

    private void rememberSelection() {
        boolean inStep = loaded && view.text().length() == doc.length();
        selectionStartAnchor = inStep ? doc.charBefore(view.selectionStart()) : null;
        selectionEndAnchor = inStep ? doc.charBefore(view.selectionEnd()) : null;
    }

    private void showText() {
        String text = doc.text();
        if (!text.equals(view.text())) {
            int start = selectionStartAnchor == null ? Math.min(view.selectionStart(), text.length())
                    : doc.positionAfter(selectionStartAnchor);
            int end = selectionEndAnchor == null ? Math.min(view.selectionEnd(), text.length())
                    : doc.positionAfter(selectionEndAnchor);
            view.replaceText(text, start, Math.max(start, end));
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
        if (inFlight == null) {
            return;
        }
        UpdateHeader header = inFlight.header();
        chains.advance(self, header.sequence(), inFlight.hash());
        latestRevision = Math.max(latestRevision, revision);
        applied.add(revision);
        applyInOrder();
        boolean wasSnapshot = inFlight.kind() == NoteItemKind.SNAPSHOT;
        if (wasSnapshot) {
            lastSnapshotCovers = Math.max(lastSnapshotCovers, inFlight.covers());
            editedSinceSnapshot = false;
        }
        inFlight = null;
        inFlightOps = null;
        view.showStatus(hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
        if (!wasSnapshot && revision - lastSnapshotCovers >= SNAPSHOT_EVERY) {
            snapshotIfPossible(); // this update crossed the mark: its author compacts the note for everyone
        }
    }

    private void onError(Frame.Error error) {
        if (error.code() == ErrorCode.HISTORY_UNAVAILABLE) {
            historyPage = null;
            view.showWarning(SyncWarning.versionsUnavailable());
            view.showHistory(List.of(), false);
            return; // about the version list only: whatever is in flight is still on its way
        }
        requeueInFlight();
        if (error.code() == ErrorCode.CHAIN_CONFLICT) {
            // The server will not continue this tab's chain (it lost items, or was restored from a backup): the
            // edits go out again under a fresh author key, whose chain starts anew. Readers see a new author.
            cipher = cipher.withFreshAuthor();
            self = cipher.authorKeyId();
            return;
        }
        // Not again on this connection (the same item would be refused the same way, or the server needs a pause);
        // a new connection or a new edit tries again. Nothing is dropped.
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
        return unsent.size() + (inFlightOps == null ? 0 : inFlightOps.size());
    }

    /**
     * Puts the ops of an unanswered update back in front of the unsent ones; they are sealed afresh when sent
     * (after the history, which shows whether the first one was stored). An unanswered snapshot is simply dropped.
     */
    private void requeueInFlight() {
        if (inFlightOps != null) {
            inFlightOps.addAll(unsent);
            unsent = inFlightOps;
        }
        inFlight = null;
        inFlightOps = null;
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
