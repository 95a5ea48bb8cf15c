package dev.vellum.client.sync;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;

/**
 * What this reader learns from the others' signed {@link LatestPosition}s, and what it tells them in its own. The
 * server numbers and relays everything, so it could keep an author's newest items, or the newest revisions, from one
 * reader and nobody would know; but it cannot change what a present author states about where the note stands for
 * them. A reader that, for longer than {@link SyncTunables#WITHHELD_GRACE_MILLIS} while caught up, lacks what a
 * present author says exists (that author's later items, or a later revision) warns, and takes the warning back once
 * the items arrive. An author's stated chain hash for an item this reader applied that is not that item's, or another
 * item under a revision number both applied, means different people were shown different versions: said at once.
 * A reader opened from a snapshot that a present reader, who holds the updates, reports as forged is told so.
 *
 * <p>Statements are as trustworthy as their authors: a link holder can state what it likes about its own chain (and
 * cause a false warning), but never about another author's, since the stated chain is the signer's own.
 */
final class PositionWatch {
    /** At most this many authors' statements are kept; a note has few writers present at once. */
    private static final int MAX_AUTHORS = 256;

    /** The latest statement of one author, and what this reader has shown about it. */
    private static final class Claim {
        String person;
        long sequence;
        long revision;
        /** When this reader first lacked what the claim states, or -1 while it lacks nothing. */
        long chainMissingSince = -1;
        long revisionMissingSince = -1;
        SyncWarning chainShown;
        SyncWarning revisionShown;
    }

    private final SyncState state;
    private final SyncClock clock;
    private final Map<IdentityKeyId, Claim> claims = new LinkedHashMap<>();
    /** Authors and revisions already warned about as equivocating, so each is said once. */
    private final Set<IdentityKeyId> equivocators = new HashSet<>();
    private final Set<Long> forkedRevisions = new HashSet<>();
    private final Set<Long> heldBackRevisions = new HashSet<>();
    private boolean baseReportedForged;
    /** When this connection's history was caught up; a reader still loading lacks things honestly. */
    private long caughtUpAt = Long.MAX_VALUE;
    private SyncClock.Cancellable due;

    PositionWatch(SyncState state, SyncClock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Where the note stands for this tab, for its next presence. */
    LatestPosition own() {
        AuthorChains.Head head = state.chains.head(state.self());
        long applied = state.served.knows(state.appliedThrough) ? state.appliedThrough : 0;
        return new LatestPosition(state.cipher.authorIdentity().agreementKey().toBytes(),
                head == null ? 0 : head.sequence(), head == null ? UpdateHash.NONE : head.hash(),
                state.latestRevision, applied, applied == 0 ? UpdateHash.NONE : state.served.hashAt(applied),
                state.forgedSnapshots);
    }

    void onCaughtUp() {
        caughtUpAt = clock.nowMillis();
        evaluate();
    }

    void onDisconnected() {
        caughtUpAt = Long.MAX_VALUE;
    }

    /**
     * A fresh, authentic presence from another tab stated {@code position}; {@code signer} signed it and
     * {@code name} is what that person calls themselves.
     */
    void onStatement(Ed25519PublicKey signer, String name, LatestPosition position) {
        IdentityKeyId author;
        try {
            author = position.authorKeyId(signer);
        } catch (InvalidMessageException e) {
            return; // no author has that key: the statement says nothing
        }
        if (author.equals(state.self())) {
            return;
        }
        String person = name + " (author " + Hex.toHexString(author.toBytes()).substring(0, 8) + ")";
        checkSameItems(author, person, position);
        if (!baseReportedForged && state.baseSnapshot != null
                && position.forgedSnapshots().contains(state.baseSnapshot)) {
            baseReportedForged = true;
            state.view.showWarning(SyncWarning.openedFromForged(person, state.baseSnapshotAuthor));
        }
        Claim claim = claims.get(author);
        if (claim == null) {
            if (claims.size() >= MAX_AUTHORS) {
                forgetOldestClaim();
            }
            claim = new Claim();
            claims.put(author, claim);
        }
        claim.person = person;
        claim.sequence = position.chainSequence();
        claim.revision = position.latestRevision();
        evaluate();
    }

    /** A frame was handled: what was missing may have arrived. */
    void afterFrame() {
        if (!claims.isEmpty()) {
            evaluate();
        }
    }

    /** Different items where the author says theirs, or the server's numbering, are one and the same: said once. */
    private void checkSameItems(IdentityKeyId author, String person, LatestPosition position) {
        if (position.chainSequence() > 0 && !equivocators.contains(author)) {
            UpdateHash got = state.audit.hashOf(author, position.chainSequence());
            AuthorChains.Head head = state.chains.head(author);
            if (got == null && head != null && head.sequence() == position.chainSequence()) {
                got = head.hash();
            }
            if (got != null && !got.equals(position.chainHash())) {
                equivocators.add(author);
                state.view.showWarning(SyncWarning.equivocatingAuthor(person, position.chainSequence()));
            }
        }
        long revision = position.appliedRevision();
        if (revision > 0 && state.served.differs(revision, position.servedHash()) && forkedRevisions.add(revision)) {
            state.view.showWarning(SyncWarning.differentHistories(person, revision));
        }
        if (revision > 0 && state.skipped.contains(revision) && heldBackRevisions.add(revision)) {
            // The server said it had sent everything up to a later number, without this one: it held it back.
            state.view.showWarning(SyncWarning.skippedButServed(person, revision));
        }
    }

    /** Takes back warnings whose items arrived, shows those overdue, and wakes up when the next falls due. */
    private void evaluate() {
        long now = clock.nowMillis();
        long nextDue = Long.MAX_VALUE;
        for (Map.Entry<IdentityKeyId, Claim> entry : claims.entrySet()) {
            Claim claim = entry.getValue();
            AuthorChains.Head head = state.chains.head(entry.getKey());
            long have = head == null ? 0 : head.sequence();
            boolean chainMissing = claim.sequence > have;
            boolean revisionMissing = claim.revision > state.appliedThrough;
            claim.chainMissingSince = missingSince(chainMissing, claim.chainMissingSince, now);
            claim.revisionMissingSince = missingSince(revisionMissing, claim.revisionMissingSince, now);
            if (!chainMissing && claim.chainShown != null) {
                state.view.withdrawWarning(claim.chainShown);
                claim.chainShown = null;
            }
            if ((!revisionMissing || claim.chainShown != null) && claim.revisionShown != null) {
                state.view.withdrawWarning(claim.revisionShown);
                claim.revisionShown = null;
            }
            if (chainMissing && claim.chainShown == null) {
                long dueAt = dueAt(claim.chainMissingSince);
                if (dueAt <= now) {
                    claim.chainShown = SyncWarning.withheldChanges(claim.person, claim.sequence, have);
                    state.view.showWarning(claim.chainShown);
                } else {
                    nextDue = Math.min(nextDue, dueAt);
                }
            }
            // One warning per author is enough: the one that names them says more.
            if (revisionMissing && claim.chainShown == null && claim.revisionShown == null) {
                long dueAt = dueAt(claim.revisionMissingSince);
                if (dueAt <= now) {
                    claim.revisionShown = SyncWarning.notSentLatest(claim.person, claim.revision,
                            state.appliedThrough);
                    state.view.showWarning(claim.revisionShown);
                } else {
                    nextDue = Math.min(nextDue, dueAt);
                }
            }
        }
        schedule(nextDue, now);
    }

    private static long missingSince(boolean missing, long since, long now) {
        if (!missing) {
            return -1;
        }
        return since < 0 ? now : since;
    }

    /** When a lack noticed at {@code since} becomes a warning: the grace after it, and after the history loaded. */
    private long dueAt(long since) {
        if (!state.caughtUp || caughtUpAt == Long.MAX_VALUE) {
            return Long.MAX_VALUE; // still loading, or offline: not the server's silence yet
        }
        return Math.max(since, caughtUpAt) + SyncTunables.WITHHELD_GRACE_MILLIS;
    }

    private void schedule(long nextDue, long now) {
        if (due != null) {
            due.cancel();
            due = null;
        }
        if (nextDue != Long.MAX_VALUE) {
            due = clock.schedule(nextDue - now, () -> {
                due = null;
                evaluate();
            });
        }
    }

    private void forgetOldestClaim() {
        // A warning it led to stays until dismissed: what it said may still be so.
        claims.remove(claims.keySet().iterator().next());
    }
}
