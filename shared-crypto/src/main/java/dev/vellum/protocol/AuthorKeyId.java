package dev.vellum.protocol;

/** Names the signing key of the revision's author. Until identities exist, every author is {@link #ANONYMOUS}. */
public final class AuthorKeyId extends Id128 {
    /** The all-zero id: whoever holds the note's link. */
    public static final AuthorKeyId ANONYMOUS = new AuthorKeyId(new byte[LENGTH]);

    private AuthorKeyId(byte[] bytes) {
        super(bytes);
    }

    public static AuthorKeyId fromBytes(byte[] bytes) {
        return new AuthorKeyId(bytes);
    }
}
