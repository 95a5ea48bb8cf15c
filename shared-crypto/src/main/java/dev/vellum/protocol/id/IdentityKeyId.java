package dev.vellum.protocol.id;

/**
 * Names a person's device identity (its signing and agreement keys): the first 16 bytes of a labeled hash of both
 * public keys, see {@link dev.vellum.crypto.identity.PublicIdentity#keyId()}. A link-shared note's revisions are
 * written by {@link #ANONYMOUS}.
 */
public final class IdentityKeyId extends Id128 {
    /** The all-zero id: whoever holds the note's link. */
    public static final IdentityKeyId ANONYMOUS = new IdentityKeyId(new byte[LENGTH]);

    private IdentityKeyId(byte[] bytes) {
        super(bytes);
    }

    public static IdentityKeyId fromBytes(byte[] bytes) {
        return new IdentityKeyId(bytes);
    }

    public static IdentityKeyId of(dev.vellum.crypto.identity.PublicIdentity identity) {
        return new IdentityKeyId(identity.keyId());
    }
}
