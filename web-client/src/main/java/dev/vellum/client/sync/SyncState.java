package dev.vellum.client.sync;

import dev.vellum.client.comment.CommentBook;
import dev.vellum.client.comment.CommentOwner;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.seal.NoteItemCipher;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;

/**
 * What this tab knows of the note, shared by the parts of {@link NoteSync}: the text, the keys it writes with, where
 * every author's chain stands, how far the server's numbering has been applied, and the connection. The parts read
 * and move it in the browser's single thread; none of them keeps a copy.
 */
final class SyncState {
    final ReplicaId replica;
    final NoteView view;
    /**
     * For a workspace note, the workspace's verified membership log, by which every item's author is checked; null
     * for a note shared by link.
     */
    final WorkspaceMembership membership;
    /** This person may only read (a workspace's viewer): the editor stays read-only and nothing is sent. */
    final boolean readOnly;
    /** Who this tab writes as; for an anonymous visitor, {@link #cipher} may since have moved to a fresh key. */
    final Writer writer;
    /** The device certificates this reader verified, from which alone it names people. */
    final Credentials credentials;
    TextDocument doc;
    /**
     * The note's comment records, merged (each checked before it came in, see {@link CommentSync}); kept across a
     * fetch of the whole history (merging a record again changes nothing).
     */
    CommentBook book;
    /** Runs when this tab's anonymous author key was replaced by a fresh one (see {@link #startFreshAuthor}). */
    Runnable authorKeyChanged = () -> { };
    NoteItemCipher cipher;
    /** Every author's last item, as far as this reader knows. */
    AuthorChains chains = new AuthorChains();
    /** Every revision up to this one is applied (or covered by a loaded snapshot); what to ask for on reconnecting. */
    long appliedThrough;
    long latestRevision;
    long lastSnapshotCovers;
    /**
     * For a workspace note, the oldest key epoch among what this reader's text came from (the base snapshot, the items
     * it applied, the copy kept in the browser); {@link Integer#MAX_VALUE} when nothing. A writer whose text rests on
     * an epoch before the current one re-encrypts the note in a snapshot (see {@link Versions#reEncryptIfOlder}).
     */
    int oldestEpochRead = Integer.MAX_VALUE;
    /**
     * The last revision number given up on as never sent (0: none). Until this reader loads a snapshot that covers
     * it, its text may lack what that item held, so it makes no snapshot of its own: that would make the loss
     * everyone's. Kept with the local copy.
     */
    long skippedThrough;
    /** Every revision number given up on in this visit, for what present readers say they were served. */
    final SkippedRevisions skipped = new SkippedRevisions();
    /** The hashes of the items the server served at the last revisions this reader dealt with. */
    ServedItems served = new ServedItems();
    /**
     * The lowest revision whose item waits for an earlier item of its author (a pair the server swapped), 0 if none:
     * until it is applied the text lacks it, so this reader makes no snapshot, and its local copy resumes from
     * before it.
     */
    long firstHeld;
    /** This reader asked for a new connection, to fetch the whole history again; frames until then are ignored. */
    boolean rejoining;
    /** The text is shown and may be edited (from the local copy or once the history arrived). */
    boolean loaded;
    /** The note's base snapshot failed its checks: the text cannot be known, so nobody may write on top of it. */
    boolean unreadable;
    /** Checks snapshots against the updates they cover, and knows each item this reader got by author and number. */
    final SnapshotAudit audit = new SnapshotAudit();
    /**
     * Item hashes of the snapshots this reader checked and found forged, newest last (at most
     * {@link LatestPosition#MAX_FORGED}): stated in its presence, so a newcomer who opened from one learns it.
     */
    final List<UpdateHash> forgedSnapshots = new ArrayList<>();
    /** The snapshot this reader opened from in this visit, and its author's label; null if none. */
    UpdateHash baseSnapshot;
    String baseSnapshotAuthor;
    /**
     * The last item whose author's signature, and certificate if it carries one, {@link ItemChecks} verified: a
     * compact revision's item among them need not be checked again as the server checks it (see
     * {@link ServerFrames}). Set while a frame is routed, cleared before the next.
     */
    NoteItem lastVerifiedItem;
    /** The open connection, or null while offline. */
    FrameSender connection;
    /** The server has sent this connection's history: this reader knows where every author stands. */
    boolean caughtUp;
    /**
     * The logged-in person's session ended (logged out or revoked elsewhere): nothing more is sent, and the edits
     * not yet stored stay in the local copy until they log in again.
     */
    boolean sessionEnded;

    SyncState(Writer writer, ReplicaId replica, NoteView view, WorkspaceMembership membership) {
        this.membership = membership;
        this.readOnly = membership != null && !membership.canWrite();
        this.writer = writer;
        this.cipher = writer.cipher();
        this.credentials = new Credentials(writer.credential());
        this.replica = replica;
        this.view = view;
        this.doc = new TextDocument(replica);
        this.book = new CommentBook(cipher.noteId(), commentOwner());
    }

    /** The note: what comment records name. */
    NoteId noteId() {
        return cipher.noteId();
    }

    /** The platform CSPRNG, for the fresh ids of comment records. */
    RandomSource random() {
        return cipher.random();
    }

    /** The key this tab signs its items with now. */
    IdentityKeyId self() {
        return cipher.authorKeyId();
    }

    /**
     * Who this tab is as a comment's author: a logged-in person's account (so the comments they posted on another
     * device are theirs to edit here too), an anonymous visitor's key of now.
     */
    CommentOwner commentOwner() {
        return CommentOwner.writingWith(self(), writer.credential());
    }

    /**
     * Whether the text is known and may be written on, by a person whose session (if any) is still on and who is not
     * a viewer.
     */
    boolean writable() {
        return loaded && !unreadable && !sessionEnded && !readOnly;
    }

    /**
     * Whether the text is known and this person may comment on it: as {@link #writable}, but a workspace's viewer may
     * (comments do not change the text).
     */
    boolean mayComment() {
        return loaded && !unreadable && !sessionEnded;
    }

    /**
     * This tab's chain cannot go on at the server as this tab knows it. An anonymous visitor's later items start a
     * new chain under a fresh author key. A device key is the person's for good, so its chain is never restarted:
     * the caller fetches the history again, and the device's next item continues the chain where the server has it.
     */
    void startFreshAuthor() {
        if (!writer.hasAccount()) {
            cipher = cipher.withFreshAuthor();
            authorKeyChanged.run();
        }
    }

    /** This reader's text now also comes from something sealed under {@code epoch}. */
    void readEpoch(int epoch) {
        oldestEpochRead = Math.min(oldestEpochRead, epoch);
    }

    /**
     * This reader's text now rests on a snapshot sealed under {@code epoch} that holds the whole note before it (a
     * later snapshot that a join served after an older, confirmed one): what was read under older epochs is in it.
     */
    void restOnEpoch(int epoch) {
        oldestEpochRead = epoch;
    }

    /** Remembers a snapshot found forged, for this tab's presence to state. */
    void reportForged(UpdateHash snapshot) {
        if (!forgedSnapshots.contains(snapshot)) {
            forgedSnapshots.add(snapshot);
            if (forgedSnapshots.size() > LatestPosition.MAX_FORGED) {
                forgedSnapshots.remove(0);
            }
        }
    }

    /** The first 8 hex digits of an author's key id: enough to tell authors apart in a warning. */
    static String keyLabel(UpdateHeader header) {
        return Hex.toHexString(header.authorKeyId().toBytes()).substring(0, 8);
    }
}
