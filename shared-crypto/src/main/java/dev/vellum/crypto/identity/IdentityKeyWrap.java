package dev.vellum.crypto.identity;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encrypts private key pairs under a symmetric key, so they can rest where their owner cannot watch (a server, a
 * browser's disk). Lives beside the keys because it is the one place outside the primitives that reads their raw
 * bytes (see {@code KeyAccess}); the formats around it are the caller's.
 *
 * <p>Plaintext: each pair's Ed25519 seed (32) then X25519 scalar (32), in order; sealed with the key-committing
 * XChaCha20-Poly1305, so a ciphertext opens under at most one key, and every changed byte fails.
 */
public final class IdentityKeyWrap {
    public static final int PAIR_LENGTH = Ed25519PrivateKey.LENGTH + X25519PrivateKey.LENGTH;
    public static final int OVERHEAD = CommittingXChaCha20Poly1305.OVERHEAD;

    private IdentityKeyWrap() {
    }

    public static byte[] wrap(List<IdentityKeyPair> pairs, SymmetricKey key, byte[] associatedData,
                              RandomSource random) {
        byte[] plaintext = new byte[pairs.size() * PAIR_LENGTH];
        try {
            for (int i = 0; i < pairs.size(); i++) {
                byte[] seed = pairs.get(i).signingKey().exportSeed(KeyAccess.get());
                byte[] scalar = pairs.get(i).agreementKey().exportBytes(KeyAccess.get());
                System.arraycopy(seed, 0, plaintext, i * PAIR_LENGTH, seed.length);
                System.arraycopy(scalar, 0, plaintext, i * PAIR_LENGTH + seed.length, scalar.length);
                Arrays.fill(seed, (byte) 0);
                Arrays.fill(scalar, (byte) 0);
            }
            return new CommittingXChaCha20Poly1305(key, random).encrypt(plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens what {@link #wrap} sealed and checks that each pair's public keys are the expected ones, so nothing
     * unchecked is ever returned.
     *
     * @throws AuthenticationFailedException under a wrong key or associated data, or after any changed byte
     * @throws InvalidMessageException if the plaintext is not the expected pairs
     */
    public static List<IdentityKeyPair> unwrap(byte[] ciphertext, SymmetricKey key, byte[] associatedData,
                                               List<PublicIdentity> expected)
            throws AuthenticationFailedException, InvalidMessageException {
        byte[] plaintext = CommittingXChaCha20Poly1305.decryptOnly(key).decrypt(ciphertext, associatedData);
        try {
            if (plaintext.length != expected.size() * PAIR_LENGTH) {
                throw new InvalidMessageException("wrapped keys hold " + plaintext.length + " bytes, expected "
                        + expected.size() * PAIR_LENGTH);
            }
            List<IdentityKeyPair> pairs = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                int at = i * PAIR_LENGTH;
                IdentityKeyPair pair = IdentityKeyPair.of(
                        Ed25519PrivateKey.fromSeed(Arrays.copyOfRange(plaintext, at, at + Ed25519PrivateKey.LENGTH)),
                        X25519PrivateKey.fromBytes(Arrays.copyOfRange(plaintext, at + Ed25519PrivateKey.LENGTH,
                                at + PAIR_LENGTH)));
                if (!pair.publicIdentity().equals(expected.get(i))) {
                    pairs.forEach(IdentityKeyPair::destroy);
                    pair.destroy();
                    throw new InvalidMessageException("wrapped key " + i + " is not the key it claims to be");
                }
                pairs.add(pair);
            }
            return pairs;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
