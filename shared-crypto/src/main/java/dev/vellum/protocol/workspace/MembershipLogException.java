package dev.vellum.protocol.workspace;

import dev.vellum.error.InvalidMessageException;

/**
 * A membership log that must not be trusted: the entry at {@link #sequence()} breaks a rule, and why is in
 * {@link #reason()} and in a message written for people ("entry 5 is signed by bob, who may not invite").
 */
public class MembershipLogException extends InvalidMessageException {
    /** What is wrong with the log. */
    public enum Reason {
        /** An entry does not parse. */
        MALFORMED,
        /** An entry names another workspace. */
        WRONG_WORKSPACE,
        /** An entry does not follow the one before (sequence or hash). */
        BROKEN_CHAIN,
        /** An entry's signature does not verify with its signer's identity as the log records it. */
        BAD_SIGNATURE,
        /** The signer may not make this change (not a member, a role without the right, an invalid change). */
        NOT_ALLOWED,
        /** The log is shorter than one this browser verified before. */
        ROLLBACK,
        /** The log differs from one this browser (or another member) verified at the same position. */
        FORK
    }

    private final Reason reason;
    private final long sequence;

    public MembershipLogException(Reason reason, long sequence, String message) {
        super(message);
        this.reason = reason;
        this.sequence = sequence;
    }

    public Reason reason() {
        return reason;
    }

    /** The sequence of the offending entry (for a rollback, the pinned one that is missing). */
    public long sequence() {
        return sequence;
    }
}
