package dev.vellum.client.sync;

/**
 * How a reader may name someone in the note (beside their caret, on a version, in a warning): either the username of
 * an account, taken only from a device certificate this reader verified and that names the very key which signed
 * what is shown, or a name an anonymous visitor chose for themselves, which proves nothing. The view must show the
 * two apart, so that nobody without an account can pass for someone with one by choosing their username as a name.
 *
 * @param text the username, or the self-chosen name
 * @param hasAccount true only for a username proven by a verified certificate
 */
public record PersonName(String text, boolean hasAccount) {
    /** A name proven by a verified device certificate. */
    public static PersonName account(String username) {
        return new PersonName(username, true);
    }

    /** A name someone chose for themselves, with no account behind it. */
    public static PersonName anonymous(String chosen) {
        return new PersonName(chosen, false);
    }
}
