package dev.vellum.client.conformance;

import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.crypto.sign.internal.Ed25519BasePoint;
import dev.vellum.crypto.sign.internal.Ed25519Scalars;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The crypto benchmark's work inside WebAssembly, behind {@link ConformanceExports}' entry points: operations
 * repeated without crossing into JavaScript (so the cipher's or the curve's own speed is told from the boundary's),
 * signing keys held in the module as the app holds its own, and the former code each change is compared with in the
 * same page: BouncyCastle's XChaCha20-Poly1305, its signing from the seed's hash, and its SHA-512 block function,
 * which the browser build still holds as SHA-384 ({@code SHA384Digest} shares {@code LongDigest}'s block function
 * with the former SHA-512; only the initial values and the output length differ) since {@code SHA512Digest} itself
 * is Vellum's there (a TeaVM substitution).
 */
final class CryptoBenchmarks {
    private static final List<Ed25519PrivateKey> SIGNING_KEYS = new ArrayList<>();
    /** The seeds' SHA-512 of {@link #SIGNING_KEYS}, for {@link #signBouncyCastle}. */
    private static final List<byte[]> EXPANDED_SIGNING_KEYS = new ArrayList<>();

    /** The kept copy's plaintext: made once per size, as the state exists before it is sealed, and not timed. */
    private static byte[] keptCopyPlaintext = new byte[0];

    private CryptoBenchmarks() {
    }

    /** Seals {@code size} zero bytes made inside WebAssembly, as the editor's kept copy is sealed. */
    static <A> A sealKeptCopy(XChaCha20Poly1305Arrays<A> arrays, SymmetricKey key, int size) {
        if (keptCopyPlaintext.length != size) {
            keptCopyPlaintext = new byte[size];
        }
        return arrays.seal(key, new byte[0], keptCopyPlaintext, new byte[0]);
    }

    /** Opens a kept copy into WebAssembly, where the plaintext stays: its length, or -1 if it does not open. */
    static <A> int openedLength(XChaCha20Poly1305Arrays<A> arrays, SymmetricKey key, A sealed) {
        try {
            return arrays.open(key, sealed, 0, new byte[0]).length;
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            return -1;
        }
    }

    /** Runs {@code work} {@code iterations} times and returns its last answer, so the work cannot be optimized away. */
    private static int repeatedly(int iterations, IntSupplier work) {
        int last = 0;
        for (int i = 0; i < iterations; i++) {
            last = work.getAsInt();
        }
        return last;
    }

    static int sealRepeatedly(SymmetricKey key, RandomSource random, int size, int iterations) {
        XChaCha20Poly1305 aead = new XChaCha20Poly1305(key, random);
        byte[] plaintext = new byte[size];
        byte[] ad = new byte[0];
        return repeatedly(iterations, () -> aead.encrypt(plaintext, ad)[size]);
    }

    static int bouncyCastleSealRepeatedly(byte[] key, RandomSource random, int size, int iterations) {
        byte[] plaintext = new byte[size];
        byte[] ad = new byte[0];
        return repeatedly(iterations,
                () -> BouncyCastleXChaCha20Poly1305.seal(key, random.randomBytes(24), plaintext, ad)[size]);
    }

    /** Keeps a signing key in the module and returns its handle, as the app holds its keys for a session. */
    static int addSigningKey(byte[] seed) {
        SIGNING_KEYS.add(Ed25519PrivateKey.fromSeed(seed));
        byte[] expanded = new byte[64];
        Ed25519.ExpandedKey.expandPrivateKey(seed, 0, expanded, 0);
        EXPANDED_SIGNING_KEYS.add(expanded);
        return SIGNING_KEYS.size() - 1;
    }

    static byte[] sign(int key, byte[] message) {
        return SIGNING_KEYS.get(key).sign(message);
    }

    /** BouncyCastle's RFC 8032 signing from the seed's hash: {@link #sign} with its nonce multiplication and scalars. */
    static byte[] signBouncyCastle(int key, byte[] message) {
        byte[] signature = new byte[64];
        Ed25519.ExpandedKey.sign(EXPANDED_SIGNING_KEYS.get(key), 0, SIGNING_KEYS.get(key).publicKey().toBytes(), 0,
                message, 0, message.length, signature, 0);
        return signature;
    }

    /** Verifies with a key parsed once, as the app checks a known author's items; returns how many verified. */
    static int verifyRepeatedly(byte[] publicKey, byte[] message, byte[] signature, int iterations)
            throws InvalidPublicKeyException {
        Ed25519PublicKey key = Ed25519PublicKey.fromBytes(publicKey);
        int verified = 0;
        for (int i = 0; i < iterations; i++) {
            try {
                key.verify(message, signature);
                verified++;
            } catch (InvalidSignatureException e) {
                // counted as not verified
            }
        }
        return verified;
    }

    static int x25519Repeatedly(byte[] privateKey, byte[] publicKey, int iterations) throws InvalidPublicKeyException {
        X25519PrivateKey key = X25519PrivateKey.fromBytes(privateKey);
        X25519PublicKey peer = X25519PublicKey.fromBytes(publicKey);
        int last = 0;
        for (int i = 0; i < iterations; i++) {
            last = key.agree(peer)[0]; // throws only for a low-order peer key, which the benchmark never passes
        }
        return last;
    }

    /** Signing's nonce multiplication, for the timing check: its time must not depend on the scalar. */
    static int baseMultiplyRepeatedly(byte[] scalar, int iterations) {
        return repeatedly(iterations, () -> Ed25519BasePoint.multiplyEncoded(scalar)[0]);
    }

    /** Reduction of a 64-byte number modulo L, for the same timing check. */
    static int scalarReduceRepeatedly(byte[] wide, int iterations) {
        return repeatedly(iterations, () -> Ed25519Scalars.reduce(wide)[0]);
    }

    static byte[] sha512(byte[] data) {
        Digest digest = new SHA512Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    static int sha512Repeatedly(int size, int iterations) {
        return hashRepeatedly(new SHA512Digest(), size, iterations);
    }

    static int bouncyCastleCompressionRepeatedly(int size, int iterations) {
        return hashRepeatedly(new SHA384Digest(), size, iterations);
    }

    /** Each message starts with a byte of the last digest, so no two hashes can be folded into one. */
    private static int hashRepeatedly(Digest digest, int size, int iterations) {
        byte[] message = new byte[size];
        byte[] out = new byte[digest.getDigestSize()];
        return repeatedly(iterations, () -> {
            message[0] = out[0];
            digest.update(message, 0, size);
            digest.doFinal(out, 0);
            return out[0];
        });
    }
}
