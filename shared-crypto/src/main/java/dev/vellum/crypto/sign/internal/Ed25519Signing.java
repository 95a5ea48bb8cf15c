package dev.vellum.crypto.sign.internal;

import dev.vellum.crypto.hash.Sha512;
import java.util.Arrays;

/**
 * RFC 8032's Ed25519 signature (section 5.1.6) from the seed's SHA-512 and the encoded public key: the nonce's
 * base-point multiplication is {@link Ed25519BasePoint}'s and the scalar arithmetic {@link Ed25519Scalars}', both
 * faster in the browser than BouncyCastle's (README, crypto benchmark). Signatures are byte for byte those of
 * BouncyCastle's {@code Ed25519} ({@code Ed25519SigningTest}). The nonce and the pruned scalar are wiped before it
 * returns, whatever happens.
 */
public final class Ed25519Signing {
    private static final int SCALAR_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private Ed25519Signing() {
    }

    /** {@code expandedKey} is the seed's SHA-512 (64 bytes): the secret scalar before pruning, then the nonce prefix. */
    public static byte[] sign(byte[] expandedKey, byte[] encodedPublicKey, byte[] message) {
        Sha512 sha = new Sha512();
        byte[] hash = new byte[Sha512.DIGEST_LENGTH];
        byte[] nonce = null;
        byte[] secretScalar = Arrays.copyOf(expandedKey, SCALAR_LENGTH);
        byte[] commitment;
        byte[] response;
        try {
            sha.update(expandedKey, SCALAR_LENGTH, SCALAR_LENGTH);
            sha.update(message, 0, message.length);
            sha.doFinal(hash, 0);
            nonce = Ed25519Scalars.reduce(hash);
            commitment = Ed25519BasePoint.multiplyEncoded(nonce);
            sha.update(commitment, 0, commitment.length);
            sha.update(encodedPublicKey, 0, encodedPublicKey.length);
            sha.update(message, 0, message.length);
            sha.doFinal(hash, 0);
            byte[] challenge = Ed25519Scalars.reduce(hash);
            // RFC 8032's pruning: a multiple of the cofactor 8, below 2^255, with bit 254 set.
            secretScalar[0] &= (byte) 0xf8;
            secretScalar[SCALAR_LENGTH - 1] &= 0x7f;
            secretScalar[SCALAR_LENGTH - 1] |= 0x40;
            response = Ed25519Scalars.mulAdd(challenge, secretScalar, nonce);
        } finally {
            Arrays.fill(hash, (byte) 0);
            Arrays.fill(secretScalar, (byte) 0);
            if (nonce != null) {
                Arrays.fill(nonce, (byte) 0);
            }
            sha.reset();
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        System.arraycopy(commitment, 0, signature, 0, SCALAR_LENGTH);
        System.arraycopy(response, 0, signature, SCALAR_LENGTH, SCALAR_LENGTH);
        return signature;
    }
}
