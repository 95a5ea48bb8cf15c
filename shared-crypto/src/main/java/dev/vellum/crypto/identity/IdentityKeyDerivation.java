package dev.vellum.crypto.identity;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import java.util.Arrays;

/**
 * Secrets that only the holder of an identity's private keys can make, for keys the owner needs again wherever they
 * hold the identity: {@code HKDF-SHA256(ikm = Ed25519 seed || X25519 private key, salt = empty, info = label)}.
 *
 * <p>Why from the identity: an account's identity is what every login recovers (from the server's bundle, under
 * whatever passphrase or recovery key opens it now), so a key derived from it outlives passphrase changes, while
 * nobody without the identity's private keys can make it. Lives here because it reads the keys' raw bytes (see
 * {@code KeyAccess}); callers get only the derived bytes, never the private keys. Each use names its own
 * {@link Label}, so no two uses share a derived key, and none equals a key the identity signs or agrees with.
 */
public final class IdentityKeyDerivation {
    private IdentityKeyDerivation() {
    }

    /** {@code length} bytes for {@code purpose}, from {@code identity}'s private keys; the caller zeroes them. */
    public static byte[] derive(IdentityKeyPair identity, Label purpose, int length) {
        byte[] seed = identity.signingKey().exportSeed(KeyAccess.get());
        byte[] scalar = identity.agreementKey().exportBytes(KeyAccess.get());
        byte[] ikm = new byte[Ed25519PrivateKey.LENGTH + X25519PrivateKey.LENGTH];
        try {
            System.arraycopy(seed, 0, ikm, 0, seed.length);
            System.arraycopy(scalar, 0, ikm, Ed25519PrivateKey.LENGTH, scalar.length);
            return Hkdf.derive(ikm, new byte[0], purpose, length);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(scalar, (byte) 0);
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /**
     * {@code HKDF-SHA256(ikm = X25519 private key, salt, info = purpose)}, {@code length} bytes; the caller zeroes
     * them. For keys whose format fixes this derivation (the contact book's), salted by what they belong to.
     */
    public static byte[] deriveFromAgreementKey(IdentityKeyPair identity, byte[] salt, Label purpose, int length) {
        byte[] scalar = identity.agreementKey().exportBytes(KeyAccess.get());
        try {
            return Hkdf.derive(scalar, salt, purpose, length);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }
}
