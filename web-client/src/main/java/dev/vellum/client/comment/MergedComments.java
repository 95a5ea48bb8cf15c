package dev.vellum.client.comment;

import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.comment.CommentType;
import dev.vellum.protocol.id.CommentId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge rules for comment records, and what they keep: per comment its current version, per thread its
 * current state. Every reader applies the same rules, so readers holding the same records show the same threads,
 * whatever order the records came in, and a record applied twice changes nothing:
 * <ul>
 *   <li>the first record held for a comment id fixes its author, thread and parent; a later record for that id
 *       counts only if it has the same author by {@link CommentOwner}'s rule (the same account, on any of its
 *       devices, or for an anonymous visitor the same key), in the same thread under the same parent, with a higher
 *       edit;</li>
 *   <li>a record for a held comment by another author is a forged edit, refused;</li>
 *   <li>two different records of one edit by the same author: the encoding that sorts first bytewise is kept (with a
 *       warning if one key signed both; two devices of one account editing at once is no lie);</li>
 *   <li>a reply waits until the comment it answers is held, and must be in that comment's thread;</li>
 *   <li>a thread's state is that of the state record with the greatest (clock, author key bytes, record id): the
 *       signing key's bytes, which every reader reads alike, also when two devices of one account resolve at once.</li>
 * </ul>
 * Honest writers never make "first held" depend on order: a comment id is fresh and random, and only its author
 * (on any device of their account) signs records for it. Against a forger, readers agree because they read the
 * note's items in the server's one order, where the forgery comes after the comment it copies. It never checks
 * signatures: the sync layer applies only records it verified (a certificate counts for {@link CommentOwner} only
 * then).
 */
final class MergedComments {
    /** What applying one record did. */
    enum Outcome { APPLIED, UNCHANGED, WAITS, REFUSED }

    /**
     * @param outcome what happened to the record
     * @param awaited the comment it waits for, if it waits
     * @param problem what to warn about, or null
     * @param holder the record in force that the refused or settled record met, or null
     */
    record Verdict(Outcome outcome, CommentId awaited, CommentWarning.Kind problem, CommentRecord holder) {
    }

    /** A comment's earliest version held: when and at which clock it was posted, as far as this reader knows. */
    record Posted(int edit, long clock, long atMillis) {
    }

    private static final Verdict APPLIED = new Verdict(Outcome.APPLIED, null, null, null);
    private static final Verdict UNCHANGED = new Verdict(Outcome.UNCHANGED, null, null, null);

    private final Map<CommentId, CommentRecord> comments = new HashMap<>();
    private final Map<CommentId, CommentRecord> states = new HashMap<>();
    private final Map<CommentId, Posted> posted = new HashMap<>();
    private long maxClock;

    Verdict putComment(CommentRecord record) {
        CommentRecord held = comments.get(record.recordId());
        if (held == null) {
            if (!record.startsThread()) {
                CommentRecord parent = comments.get(record.parentId());
                if (parent == null) {
                    return new Verdict(Outcome.WAITS, record.parentId(), null, null);
                }
                if (!parent.threadId().equals(record.threadId())) {
                    return new Verdict(Outcome.REFUSED, null, CommentWarning.Kind.WRONG_THREAD, parent);
                }
            }
            install(record);
            return APPLIED;
        }
        if (!CommentOwner.sameAuthor(held, record)) {
            return new Verdict(Outcome.REFUSED, null, CommentWarning.Kind.FORGED_EDIT, held);
        }
        if (!held.threadId().equals(record.threadId()) || !held.parentId().equals(record.parentId())) {
            return new Verdict(Outcome.REFUSED, null, CommentWarning.Kind.EQUIVOCATION, held);
        }
        notePosted(record);
        if (record.edit() > held.edit()) {
            install(record);
            return APPLIED;
        }
        if (record.edit() < held.edit() || record.equals(held)) {
            return UNCHANGED;
        }
        boolean replaces = RecordOrder.firstEncoding(record, held) == record;
        if (replaces) {
            install(record);
        }
        // Two devices of one account may each edit the comment before seeing the other's edit: settled alike, but
        // no lie. One key signing two versions of one edit is.
        Outcome outcome = replaces ? Outcome.APPLIED : Outcome.UNCHANGED;
        if (!held.authorKeyId().equals(record.authorKeyId())) {
            return new Verdict(outcome, null, null, null);
        }
        return new Verdict(outcome, null, CommentWarning.Kind.EQUIVOCATION, held);
    }

    Verdict putState(CommentRecord record) {
        CommentRecord start = comments.get(record.threadId());
        if (start == null) {
            return new Verdict(Outcome.WAITS, record.threadId(), null, null);
        }
        if (!start.startsThread()) {
            return new Verdict(Outcome.REFUSED, null, CommentWarning.Kind.WRONG_THREAD, start);
        }
        CommentRecord held = states.get(record.threadId());
        if (held == null) {
            installState(record);
            return APPLIED;
        }
        int order = RecordOrder.compareStates(record, held);
        if (order < 0 || record.equals(held)) {
            return UNCHANGED;
        }
        if (order > 0) {
            installState(record);
            return APPLIED;
        }
        boolean replaces = RecordOrder.firstEncoding(record, held) == record;
        if (replaces) {
            installState(record);
        }
        return new Verdict(replaces ? Outcome.APPLIED : Outcome.UNCHANGED, null, CommentWarning.Kind.EQUIVOCATION,
                held);
    }

    /**
     * Whether {@code record} is held, or superseded by a record held: a later edit of the same comment by the same
     * author ({@link CommentOwner}), or a thread state that counts over it. What a reader checks of a snapshot:
     * every record it applied must still be there, or lose to one that is.
     */
    boolean holdsOrSupersedes(CommentRecord record) {
        if (record.type() == CommentType.THREAD_STATE) {
            CommentRecord state = states.get(record.threadId());
            if (state == null) {
                return false;
            }
            int order = RecordOrder.compareStates(state, record);
            return order > 0 || order == 0 && RecordOrder.firstEncoding(state, record) == state;
        }
        CommentRecord held = comments.get(record.recordId());
        if (held == null || !CommentOwner.sameAuthor(held, record)
                || !held.threadId().equals(record.threadId()) || !held.parentId().equals(record.parentId())) {
            return false;
        }
        return held.edit() > record.edit()
                || held.edit() == record.edit() && RecordOrder.firstEncoding(held, record) == held;
    }

    /** Counts a record's clock among those held (for {@link #maxClock}) without applying it: one that waits. */
    void noteClock(CommentRecord record) {
        maxClock = Math.max(maxClock, record.clock());
    }

    long maxClock() {
        return maxClock;
    }

    /** The current version of comment {@code id}, or null if none is held. */
    CommentRecord comment(CommentId id) {
        return comments.get(id);
    }

    Collection<CommentRecord> comments() {
        return comments.values();
    }

    /** The state record in force for thread {@code threadId}, or null if nobody resolved or reopened it. */
    CommentRecord state(CommentId threadId) {
        return states.get(threadId);
    }

    boolean resolved(CommentId threadId) {
        CommentRecord state = states.get(threadId);
        return state != null && state.resolved();
    }

    Posted posted(CommentId id) {
        return posted.get(id);
    }

    /** Every record in force: each comment's current version and each thread's current state. */
    List<CommentRecord> current() {
        List<CommentRecord> current = new ArrayList<>(comments.size() + states.size());
        current.addAll(comments.values());
        current.addAll(states.values());
        return current;
    }

    private void install(CommentRecord record) {
        comments.put(record.recordId(), record);
        notePosted(record);
        noteClock(record);
    }

    private void installState(CommentRecord record) {
        states.put(record.threadId(), record);
        noteClock(record);
    }

    private void notePosted(CommentRecord record) {
        Posted earliest = posted.get(record.recordId());
        if (earliest == null || record.edit() < earliest.edit()) {
            posted.put(record.recordId(), new Posted(record.edit(), record.clock(), record.createdAtMillis()));
        }
    }
}
