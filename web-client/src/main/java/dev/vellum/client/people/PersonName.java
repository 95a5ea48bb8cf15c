package dev.vellum.client.people;

/**
 * How a reader may name someone in the note (beside their caret, on a version, in a warning), and how far the name
 * is proven. The view must show the three apart, so that nobody can pass for a user by choosing their name.
 *
 * @param text the username, or the self-chosen name
 * @param proof what stands behind the name
 */
public record PersonName(String text, Proof proof) {
    /** What stands behind a name. */
    public enum Proof {
        /**
         * A username from a device certificate this reader verified, for the very key that signed what is shown,
         * of an account the server vouched for: it stored an item of that account (identity key and username) in
         * this note after checking it against its records, or it is this reader's own.
         */
        ACCOUNT,
        /**
         * A username from a device certificate that verifies and names the sender's key, but whose account this
         * reader has not yet seen vouched for: anyone can make an identity key and certify a device under any name,
         * so until that person writes in the note (or a history shows their items) the name is only a claim.
         */
        CLAIMED,
        /** A name an anonymous visitor chose for themselves, with no account behind it. */
        ANONYMOUS
    }

    /** A username proven by a verified device certificate of an account the server vouched for. */
    public static PersonName account(String username) {
        return new PersonName(username, Proof.ACCOUNT);
    }

    /** A username carried by a certificate that verifies, of an account nobody has vouched for yet. */
    public static PersonName claimed(String username) {
        return new PersonName(username, Proof.CLAIMED);
    }

    /** A name someone chose for themselves, with no account behind it. */
    public static PersonName anonymous(String chosen) {
        return new PersonName(chosen, Proof.ANONYMOUS);
    }

    /**
     * The name as a person reads it, wherever it appears (a caret, a warning): a username as it is; a username
     * only claimed so far marked "(unverified)"; an anonymous name marked "(no account)", so that nobody passes for a
     * user by choosing their name.
     */
    public String label() {
        switch (proof) {
            case ACCOUNT:
                return text;
            case CLAIMED:
                return text + " (unverified)";
            default:
                return (text.isEmpty() ? "Someone" : text) + " (no account)";
        }
    }

    /** Whether the name is a username proven as far as a reader can: see {@link Proof#ACCOUNT}. */
    public boolean hasAccount() {
        return proof == Proof.ACCOUNT;
    }
}
