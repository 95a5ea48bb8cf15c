package dev.vellum.client.sync;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that a snapshot holds what it says: the text of the merge of exactly the items its signed author chains
 * name (every author's items up to the sequence listed). A snapshot's author signs whatever state it likes; a
 * reader who holds the covered updates can replay them and compare, and so catches a link holder who publishes a
 * text the updates never made.
 *
 * <p>The cheapest sound way in this CRDT: the reader keeps a second document, the <em>shadow</em>, holding exactly
 * the items named by {@link #shadowChains} (for each author, a prefix of their chain), and the ops of every item it
 * applied since, by author and sequence. Checking a snapshot applies the logged items up to the snapshot's chains to
 * the shadow and compares texts; the shadow then stands at the snapshot's chains and those items are forgotten. So
 * each item is applied twice in all (once to the note, once to the shadow), and a check costs decoding the
 * snapshot's state and two texts, never a replay of the whole history. The shadow starts empty for a note read from
 * its first item, or as the base snapshot this reader opened from (which it must trust: it holds nothing older).
 *
 * <p>A snapshot that names less of some author than the shadow holds (one made by someone a little behind), or more
 * than this reader has received, or one this reader cannot replay exactly, is not judged: {@link Verdict#UNCHECKED}.
 * It also keeps the hash of each item by author and sequence, which is how a reader tells whether an author's
 * statement about their own chain matches what it was served.
 *
 * <p>Comments are checked the same way: beside the shadow text it keeps the comment records the shadow's items add
 * up to ({@link CommentHeads}); every record of the items a snapshot covers must be in the snapshot, or superseded
 * there by a later one, else it dropped or rolled back a comment ({@link Verdict#COMMENTS_DIFFER}). A snapshot may
 * hold more records than its items (records are signed by their own authors, and merging them again changes
 * nothing), never fewer.
 */
final class SnapshotAudit {
    /** What a check found. */
    enum Verdict {
        /** The snapshot's text is the merge of the items it covers. */
        MATCHES,
        /** It is not: the snapshot's text, or the items it names, differ from what this reader holds. */
        DIFFERS,
        /** Its text matches, but it lacks a comment record of the items it covers, or holds an older one. */
        COMMENTS_DIFFER,
        /** This reader cannot replay exactly what the snapshot covers, so it says nothing. */
        UNCHECKED
    }

    /** Items logged at most; past it the oldest are applied to the shadow, which stays exact. */
    static final int MAX_LOGGED = 4_096;
    private static final ReplicaId SHADOW = ReplicaId.of(new byte[] {0});

    private record Logged(UpdateHash hash, List<TextOp> ops, List<CommentRecord> comments) {
    }

    private final Map<IdentityKeyId, TreeMap<Long, Logged>> log = new HashMap<>();
    private int logged;
    /** The merge of exactly the items {@link #shadowChains} names; null while not decoded or unknown. */
    private TextDocument shadow = new TextDocument(SHADOW);
    /** A base snapshot's state, decoded into the shadow only when a check first needs it. */
    private byte[] shadowState;
    /** Where each author's chain stands in the shadow; null when this reader does not know (a restored copy). */
    private AuthorChains shadowChains = new AuthorChains();
    /** The comment records of exactly the items the shadow holds, merged; null when the shadow is unknown. */
    private CommentHeads shadowComments = new CommentHeads();
    /**
     * Whether the shadow was built from the note's first item, so it holds only what authors signed; otherwise it
     * started from a base snapshot this reader had to trust, and a later snapshot that differs may be the honest one.
     */
    private boolean fromFirstItem = true;

    /** This reader reads the note from its first item (a new note, or the whole history fetched again). */
    void startEmpty() {
        shadow = new TextDocument(SHADOW);
        shadowState = null;
        shadowChains = new AuthorChains();
        shadowComments = new CommentHeads();
        fromFirstItem = true;
        clearLog();
    }

    /**
     * This reader opened from a base snapshot: it trusts it, and checks later snapshots against it.
     *
     * @param comments the snapshot's comment records that verified
     */
    void startFromSnapshot(byte[] state, AuthorChains chains, List<CommentRecord> comments) {
        shadow = null;
        shadowState = state;
        shadowChains = chains.copy();
        shadowComments = new CommentHeads(comments);
        fromFirstItem = false;
        for (Map.Entry<IdentityKeyId, TreeMap<Long, Logged>> entry : log.entrySet()) {
            AuthorChains.Head head = shadowChains.head(entry.getKey());
            if (head != null) {
                logged -= entry.getValue().headMap(head.sequence(), true).size();
                entry.getValue().headMap(head.sequence(), true).clear();
            }
        }
    }

    /** This reader's text came from a copy kept in the browser, whose history it no longer has: no checks. */
    void forgetBase() {
        shadow = null;
        shadowState = null;
        shadowChains = null;
        shadowComments = null;
        clearLog();
    }

    /** An item of {@code author}'s chain was applied (or, for this tab's own, stored); {@code ops} is empty for a snapshot. */
    void record(IdentityKeyId author, long sequence, UpdateHash hash, List<TextOp> ops) {
        record(author, sequence, hash, ops, List.of());
    }

    /** As above, for an item that also brought comment records (a comment item: no ops). */
    void record(IdentityKeyId author, long sequence, UpdateHash hash, List<TextOp> ops,
                List<CommentRecord> comments) {
        log.computeIfAbsent(author, key -> new TreeMap<>())
                .put(sequence, new Logged(hash, List.copyOf(ops), List.copyOf(comments)));
        logged++;
        while (logged > MAX_LOGGED) {
            applyOldestToShadow();
        }
    }

    /**
     * Whether what this reader checks against was built from the note's first item: a snapshot it finds different
     * is then surely not the merge of what its authors signed. A reader that opened from a snapshot only knows that
     * one of the two is not.
     */
    boolean fromFirstItem() {
        return fromFirstItem;
    }

    /** The hash of {@code author}'s item {@code sequence} as this reader got it, or null if it does not know it. */
    UpdateHash hashOf(IdentityKeyId author, long sequence) {
        TreeMap<Long, Logged> theirs = log.get(author);
        Logged item = theirs == null ? null : theirs.get(sequence);
        if (item != null) {
            return item.hash();
        }
        AuthorChains.Head head = shadowChains == null ? null : shadowChains.head(author);
        return head != null && head.sequence() == sequence ? head.hash() : null;
    }

    /** As below, for a body whose comment records are known to verify (made here, or by a test). */
    Verdict check(SnapshotBody body) {
        return check(body, body.comments());
    }

    /**
     * Checks a snapshot's text against the merge of the items its chains name, and its comment records against the
     * records of those items; and moves the shadow there.
     *
     * @param comments the snapshot's comment records that verified (one that did not supersedes nothing)
     */
    Verdict check(SnapshotBody body, List<CommentRecord> comments) {
        if (shadowChains == null || !coversAtLeastTheShadow(body.chains())) {
            return Verdict.UNCHECKED;
        }
        Map<IdentityKeyId, AuthorChains.Head> named = body.chains().heads();
        for (Map.Entry<IdentityKeyId, AuthorChains.Head> entry : named.entrySet()) {
            Verdict verdict = holdsChainUpTo(entry.getKey(), entry.getValue());
            if (verdict != Verdict.MATCHES) {
                return verdict;
            }
        }
        String claimed;
        try {
            claimed = TextDocument.textOfState(body.state());
        } catch (InvalidMessageException | IllegalArgumentException e) {
            return Verdict.UNCHECKED; // unreadable: the checks that open snapshots say so
        }
        TextDocument replay = shadow();
        if (replay == null) {
            return Verdict.UNCHECKED;
        }
        for (Map.Entry<IdentityKeyId, AuthorChains.Head> entry : named.entrySet()) {
            TreeMap<Long, Logged> theirs = log.get(entry.getKey());
            if (theirs == null) {
                continue;
            }
            Map<Long, Logged> covered = theirs.headMap(entry.getValue().sequence(), true);
            for (Logged item : covered.values()) {
                replay.apply(item.ops());
                if (shadowComments != null) {
                    shadowComments.addAll(item.comments());
                }
            }
            logged -= covered.size();
            covered.clear();
        }
        replay.takeConflictingWriters(); // the reader's own document says these, once
        AuthorChains moved = body.chains().copy();
        moved.keepLaterOf(shadowChains);
        shadowChains = moved;
        if (!replay.text().equals(claimed)) {
            return Verdict.DIFFERS;
        }
        if (shadowComments == null) {
            return Verdict.MATCHES; // the text is all this reader can judge (see below)
        }
        boolean allKept = shadowComments.allHeldOrSupersededIn(comments);
        shadowComments.addAll(comments);
        return allKept ? Verdict.MATCHES : Verdict.COMMENTS_DIFFER;
    }

    /** Whether the snapshot names, for every author the shadow holds, at least as much as the shadow. */
    private boolean coversAtLeastTheShadow(AuthorChains snapshot) {
        for (Map.Entry<IdentityKeyId, AuthorChains.Head> entry : shadowChains.heads().entrySet()) {
            AuthorChains.Head theirs = snapshot.head(entry.getKey());
            if (theirs == null || theirs.sequence() < entry.getValue().sequence()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this reader holds every item of {@code author} from the shadow's head up to {@code head}, the last
     * one being the item the snapshot names (MATCHES); DIFFERS if it names another item than this reader got for
     * that number; UNCHECKED if this reader lacks some of them.
     */
    private Verdict holdsChainUpTo(IdentityKeyId author, AuthorChains.Head head) {
        AuthorChains.Head base = shadowChains.head(author);
        long from = base == null ? 0 : base.sequence();
        if (head.sequence() == from) {
            return base.hash().equals(head.hash()) ? Verdict.MATCHES : Verdict.DIFFERS;
        }
        TreeMap<Long, Logged> theirs = log.get(author);
        if (theirs == null || theirs.subMap(from, false, head.sequence(), true).size() != head.sequence() - from) {
            return Verdict.UNCHECKED;
        }
        return theirs.get(head.sequence()).hash().equals(head.hash()) ? Verdict.MATCHES : Verdict.DIFFERS;
    }

    /** The shadow, decoding a base snapshot's state the first time; null if it does not decode. */
    private TextDocument shadow() {
        if (shadow == null && shadowState != null) {
            try {
                shadow = TextDocument.decodeState(shadowState, SHADOW);
            } catch (InvalidMessageException | IllegalArgumentException e) {
                shadowChains = null; // the base did not open; the note is read-only then, and nothing is checked
                shadowComments = null;
                return null;
            }
            shadowState = null;
        }
        return shadow;
    }

    /**
     * Moves the shadow on by the oldest logged item of the author with the most, keeping it exact (each author's
     * part of it stays a prefix of their chain); a snapshot naming less of that author is then not checked.
     */
    private void applyOldestToShadow() {
        IdentityKeyId most = null;
        for (Map.Entry<IdentityKeyId, TreeMap<Long, Logged>> entry : log.entrySet()) {
            if (most == null || entry.getValue().size() > log.get(most).size()) {
                most = entry.getKey();
            }
        }
        TreeMap<Long, Logged> theirs = log.get(most);
        Map.Entry<Long, Logged> oldest = theirs.pollFirstEntry();
        logged--;
        AuthorChains.Head base = shadowChains == null ? null : shadowChains.head(most);
        long from = base == null ? 0 : base.sequence();
        TextDocument replay = shadowChains == null ? null : shadow();
        if (replay == null || oldest.getKey() != from + 1) {
            shadowChains = null; // a hole in what this reader holds: the shadow can no longer be kept exact
            shadowComments = null;
            shadow = null;
            shadowState = null;
            return;
        }
        replay.apply(oldest.getValue().ops());
        replay.takeConflictingWriters();
        if (shadowComments != null) {
            shadowComments.addAll(oldest.getValue().comments());
        }
        shadowChains.advance(most, oldest.getKey(), oldest.getValue().hash());
    }

    private void clearLog() {
        log.clear();
        logged = 0;
    }

    /** For tests: how many items wait to be replayed. */
    int loggedCount() {
        return logged;
    }
}
