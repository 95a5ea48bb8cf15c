package dev.vellum.crypto.identity;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import java.util.Arrays;

/**
 * What others know of a person's device: the key that signs their updates and the key others seal workspace keys
 * to. Both are bound together in the {@link #keyId()} and the {@link #fingerprint()}.
 */
public record PublicIdentity(Ed25519PublicKey signingKey, X25519PublicKey agreementKey) {
    public static final int KEY_ID_LENGTH = 16;
    /** Both keys, signing key first, as formats carry them. */
    public static final int ENCODED_LENGTH = Ed25519PublicKey.LENGTH + X25519PublicKey.LENGTH;

    public PublicIdentity {
        if (signingKey == null || agreementKey == null) {
            throw new NullPointerException("an identity has both keys");
        }
    }

    /** The 32-byte SHA-256 of both public keys under {@link Label#FINGERPRINT}: what safety numbers compare. */
    public byte[] fingerprint() {
        return Sha256.labeled(Label.FINGERPRINT, signingKey.toBytes(), agreementKey.toBytes());
    }

    /** A 16-byte name for the identity, as carried in envelopes: the first half of a separately labeled hash. */
    public byte[] keyId() {
        byte[] hash = Sha256.labeled(Label.KEY_ID, signingKey.toBytes(), agreementKey.toBytes());
        byte[] id = new byte[KEY_ID_LENGTH];
        System.arraycopy(hash, 0, id, 0, KEY_ID_LENGTH);
        return id;
    }

    /** The signing key's 32 bytes, then the agreement key's. */
    public byte[] toBytes() {
        byte[] out = new byte[ENCODED_LENGTH];
        System.arraycopy(signingKey.toBytes(), 0, out, 0, Ed25519PublicKey.LENGTH);
        System.arraycopy(agreementKey.toBytes(), 0, out, Ed25519PublicKey.LENGTH, X25519PublicKey.LENGTH);
        return out;
    }

    /** Parses {@link #toBytes()}. */
    public static PublicIdentity fromBytes(byte[] bytes) throws InvalidPublicKeyException {
        if (bytes.length != ENCODED_LENGTH) {
            throw new InvalidPublicKeyException("a public identity is " + ENCODED_LENGTH + " bytes");
        }
        return new PublicIdentity(
                Ed25519PublicKey.fromBytes(Arrays.copyOf(bytes, Ed25519PublicKey.LENGTH)),
                X25519PublicKey.fromBytes(Arrays.copyOfRange(bytes, Ed25519PublicKey.LENGTH, ENCODED_LENGTH)));
    }
}
