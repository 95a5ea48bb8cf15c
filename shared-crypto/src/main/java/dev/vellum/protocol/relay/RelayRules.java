package dev.vellum.protocol.relay;

import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.SnapshotConfirmation;
import java.util.Comparator;

/**
 * The relay's admission rules, written once for every {@link NoteItemRepository}: whether an item continues its
 * author's chain, the number it gets, what a snapshot may cover, when it is safe to let its updates go and who may
 * confirm it, and which stored
 * items are versions. Pure decisions over values the repository looked up; they never touch storage or keys.
 */
public final class RelayRules {
    /**
     * Orders snapshots by how much they cover, the latest first among equals: the first <em>safe</em> one (see
     * {@link #isSafe}) is a joiner's base. Every update it covers may be gone, and every item after what it covers is
     * still there, since deletion never goes past a safe snapshot's coverage.
     */
    public static final Comparator<StoredItem> WIDEST_FIRST = Comparator
            .comparingLong((StoredItem stored) -> stored.item().covers())
            .thenComparingLong(StoredItem::revision)
            .reversed();

    /**
     * A note's stored items may hold this many bytes by default: far more than any text typed by hand, small enough
     * that one note cannot fill the disk or make each join long.
     */
    public static final long DEFAULT_MAX_NOTE_BYTES = 64L * 1024 * 1024;

    /**
     * An unconfirmed snapshot lets the updates it covers go after this long by default (a week): a note with one
     * writer, whom nobody else confirms, must not grow forever, and a week gives its other readers time to come back,
     * check it and warn.
     */
    public static final long DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_MILLIS = 168L * 60 * 60 * 1000;

    private RelayRules() {
    }

    /**
     * Whether the note may grow from {@code sizeBefore} to {@code sizeAfter} bytes (its stored items, counted after
     * a snapshot's deletions) under a limit of {@code maxNoteBytes}: within the limit, or smaller than before (a
     * snapshot that makes room must be stored, or a full note could never shrink). Null if it may, else the refusal.
     */
    public static AppendResult.NoteTooLarge checkSize(long sizeBefore, long sizeAfter, long maxNoteBytes) {
        if (sizeAfter <= maxNoteBytes || sizeAfter < sizeBefore) {
            return null;
        }
        return new AppendResult.NoteTooLarge(sizeAfter, maxNoteBytes);
    }

    /**
     * As {@link #checkSize(long, long, long)}, for an item that frees {@code freedOnceSafe} bytes once it is safe
     * (a snapshot's covered updates, kept until it is confirmed; 0 for an update): such a snapshot is stored even
     * past the limit, if the note would then be smaller than before, but never past twice the limit, so that a full
     * note can always be made to shrink and yet a stream of unconfirmed snapshots cannot grow it without bound.
     */
    public static AppendResult.NoteTooLarge checkSize(long sizeBefore, long sizeAfter, long freedOnceSafe,
                                                      long maxNoteBytes) {
        AppendResult.NoteTooLarge refusal = checkSize(sizeBefore, sizeAfter, maxNoteBytes);
        if (refusal == null) {
            return null;
        }
        boolean makesRoom = sizeAfter - freedOnceSafe < sizeBefore;
        return makesRoom && sizeAfter <= 2 * maxNoteBytes ? null : refusal;
    }

    /**
     * Decides what becomes of {@code item}, offered to a note whose latest revision is {@code latestRevision}, from
     * an author whose chain stands at {@code head}: a conflict if it is not the author's next, refused if a snapshot
     * claims revisions not stored yet, else stored as the next revision.
     */
    public static AppendResult admit(NoteItem item, ChainHead head, long latestRevision) {
        if (!head.isContinuedBy(item)) {
            return new AppendResult.ChainConflict(head.expectedSequence());
        }
        if (item.kind() == NoteItemKind.SNAPSHOT && item.covers() > latestRevision) {
            return new AppendResult.SnapshotBeyondHistory(latestRevision);
        }
        return new AppendResult.Stored(latestRevision + 1);
    }

    /**
     * Whether a stored snapshot may let the updates (and comment items) it covers go: once a reader other than its
     * author confirmed it (see {@link #confirmationRefusal}), or once it has been stored for {@code retentionMillis}.
     * Until then its covered updates stay, so that a reader who comes later replays them and checks it; joins start
     * from the widest safe snapshot and send the unsafe ones in their turn. Only updates and comment items ever go
     * ({@link #isDeleted}); snapshots stay as the note's versions.
     */
    public static boolean isSafe(StoredItem snapshot, boolean confirmed, long nowMillis, long retentionMillis) {
        return snapshot.item().kind() == NoteItemKind.SNAPSHOT
                && (confirmed || nowMillis - snapshot.storedAtMillis() >= retentionMillis);
    }

    /**
     * Why {@code confirmation} does not count for {@code snapshot}, stored in note {@code noteId}; null if it counts.
     * It must be signed over this note, revision and item; come from another author key than the snapshot's; and,
     * for a snapshot by an account's device, from a device of another account (a person cannot vouch for their own
     * text by opening a second tab). The caller also checks a carried certificate against its directory, as for
     * items, and, in a workspace note, that the confirmer is a member. For a note shared by link, any other author
     * key counts: a link holder can make as many as they like, so there this only stops the forger's own key.
     */
    public static String confirmationRefusal(NoteId noteId, StoredItem snapshot, SnapshotConfirmation confirmation) {
        if (snapshot == null || snapshot.item().kind() != NoteItemKind.SNAPSHOT
                || snapshot.revision() != confirmation.revision()) {
            return "revision " + confirmation.revision() + " is not a stored snapshot of this note";
        }
        try {
            confirmation.verify(noteId, snapshot.item());
        } catch (InvalidSignatureException e) {
            return "the confirmation's signature does not verify: " + e.getMessage();
        }
        if (confirmation.confirmerKeyId().equals(snapshot.item().header().authorKeyId())) {
            return "a snapshot's own author cannot confirm it";
        }
        DeviceCertificate authorAccount = snapshot.item().credential();
        if (authorAccount != null) {
            DeviceCertificate confirmerAccount = confirmation.credential();
            if (confirmerAccount == null) {
                return "a snapshot by an account is confirmed only by another account";
            }
            if (confirmerAccount.accountId().equals(authorAccount.accountId())) {
                return "a snapshot's own account cannot confirm it";
            }
        }
        return null;
    }

    /**
     * Whether a safe snapshot lets stored items of {@code kind} that it covers go: updates (the snapshot holds their
     * text) and comment items (it carries every current comment record); never snapshots, which stay as versions.
     */
    public static boolean isCoveredBySnapshot(NoteItemKind kind) {
        return kind == NoteItemKind.UPDATE || kind == NoteItemKind.COMMENT;
    }

    /**
     * The stored item is an update or comment item ({@link #isCoveredBySnapshot}) that a safe snapshot covering up
     * to {@code deletesUpTo} lets go.
     */
    public static boolean isDeleted(StoredItem stored, long deletesUpTo) {
        return isCoveredBySnapshot(stored.item().kind()) && stored.revision() <= deletesUpTo;
    }

    /** The stored item is one of the note's versions listed before revision {@code before}. */
    public static boolean isVersionBefore(StoredItem stored, long before) {
        return stored.item().kind() == NoteItemKind.SNAPSHOT && stored.revision() < before;
    }
}
