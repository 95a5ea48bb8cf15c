package dev.vellum.crypto.internal;

/**
 * The token a caller must show to reach the live bytes of a secret key: {@code SymmetricKey.bytesForUse},
 * {@code Ed25519PrivateKey.exportSeed} and {@code X25519PrivateKey.exportBytes} each take one.
 *
 * <p>Why a token: the primitives in {@code dev.vellum.crypto..} must hand raw key bytes to BouncyCastle, so those
 * methods are public; Java gives no "friend" access across packages, and this module is also compiled by TeaVM, so
 * JPMS cannot hide them. Requiring this class instead makes every use visible, and the architecture tests of every
 * module fail the build when a production class outside {@code dev.vellum.crypto..} names it. A reviewer who wants
 * to see where raw key bytes go reads {@code dev.vellum.crypto} and nothing else. Tests may use it, for known-answer
 * checks on key bytes. (The same idea as Tink's {@code SecretKeyAccess}.)
 *
 * <p>A key leaving on purpose, for its owner (a link's fragment, a copy to wrap for a member), uses
 * {@code SymmetricKey.exportBytes()} or {@code toBase64Url()}, which need no token.
 */
public final class KeyAccess {
    private static final KeyAccess INSTANCE = new KeyAccess();

    private KeyAccess() {
    }

    public static KeyAccess get() {
        return INSTANCE;
    }

    /** For the guarded methods: a missing token is a programming error, caught at the first call. */
    public static void check(KeyAccess access) {
        if (access != INSTANCE) {
            throw new NullPointerException("raw key bytes need a KeyAccess token");
        }
    }
}
