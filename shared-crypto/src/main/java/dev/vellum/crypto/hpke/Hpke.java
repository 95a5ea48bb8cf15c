package dev.vellum.crypto.hpke;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;

/**
 * Single-shot HPKE (RFC 9180) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and ChaCha20-Poly1305, in base mode
 * (anyone can seal to a public key) and auth mode (the recipient also learns the sender's key sealed it).
 *
 * <p>Written on BouncyCastle's X25519, HKDF and ChaCha20-Poly1305 rather than its {@code hpke} package, which
 * draws ephemeral keys from its own global {@code SecureRandom} (under TeaVM that one silently degrades when the
 * browser lacks {@code crypto}), cannot fix the ephemeral key of an auth-mode sender for RFC 9180's test vectors,
 * and would compile every KEM it knows (NIST curves, ML-KEM) into the browser build.
 *
 * <h2>Security guarantees</h2>
 * Base mode: IND-CCA2 confidentiality to the holder of the recipient's private key. Auth mode: additionally, the
 * message was sealed by the holder of the sender's private key (not non-repudiable: the recipient could have made
 * it too). The info and aad bind context; a message opens only with the same ones.
 */
public final class Hpke {
    public static final int ENC_LENGTH = X25519PublicKey.LENGTH;
    public static final int TAG_LENGTH = 16;

    private final RandomSource random;

    public Hpke(RandomSource random) {
        this.random = random;
    }

    /** Seals to {@code recipient}; anyone could have sent it. */
    public HpkeCiphertext sealBase(X25519PublicKey recipient, byte[] info, byte[] aad, byte[] plaintext)
            throws InvalidPublicKeyException {
        return sealBase(X25519PrivateKey.generate(random), recipient, info, aad, plaintext);
    }

    /** Seals to {@code recipient}, authenticated as coming from {@code sender}. */
    public HpkeCiphertext sealAuth(X25519PublicKey recipient, X25519PrivateKey sender, byte[] info, byte[] aad,
                                   byte[] plaintext) throws InvalidPublicKeyException {
        return sealAuth(X25519PrivateKey.generate(random), recipient, sender, info, aad, plaintext);
    }

    public static byte[] openBase(HpkeCiphertext message, X25519PrivateKey recipient, byte[] info, byte[] aad)
            throws InvalidMessageException, AuthenticationFailedException {
        checkEnc(message);
        try {
            byte[] sharedSecret = Dhkem.decap(message.enc(), recipient);
            return HpkeContext.keySchedule(HpkeContext.MODE_BASE, sharedSecret, info).open(aad, message.ciphertext());
        } catch (InvalidPublicKeyException e) {
            throw new AuthenticationFailedException("HPKE encapsulated key is of small order");
        }
    }

    /**
     * @throws AuthenticationFailedException if the message was not sealed to this recipient by {@code sender}
     */
    public static byte[] openAuth(HpkeCiphertext message, X25519PrivateKey recipient, X25519PublicKey sender,
                                  byte[] info, byte[] aad)
            throws InvalidMessageException, AuthenticationFailedException {
        checkEnc(message);
        try {
            byte[] sharedSecret = Dhkem.authDecap(message.enc(), recipient, sender);
            return HpkeContext.keySchedule(HpkeContext.MODE_AUTH, sharedSecret, info).open(aad, message.ciphertext());
        } catch (InvalidPublicKeyException e) {
            throw new AuthenticationFailedException("HPKE encapsulated or sender key is of small order");
        }
    }

    /** With a fixed ephemeral key, for RFC 9180's known-answer tests. */
    static HpkeCiphertext sealBase(X25519PrivateKey ephemeral, X25519PublicKey recipient, byte[] info, byte[] aad,
                                   byte[] plaintext) throws InvalidPublicKeyException {
        Dhkem.Encapsulation encapsulation = Dhkem.encap(ephemeral, recipient);
        HpkeContext context = HpkeContext.keySchedule(HpkeContext.MODE_BASE, encapsulation.sharedSecret(), info);
        return new HpkeCiphertext(encapsulation.enc(), context.seal(aad, plaintext));
    }

    static HpkeCiphertext sealAuth(X25519PrivateKey ephemeral, X25519PublicKey recipient, X25519PrivateKey sender,
                                   byte[] info, byte[] aad, byte[] plaintext) throws InvalidPublicKeyException {
        Dhkem.Encapsulation encapsulation = Dhkem.authEncap(ephemeral, recipient, sender);
        HpkeContext context = HpkeContext.keySchedule(HpkeContext.MODE_AUTH, encapsulation.sharedSecret(), info);
        return new HpkeCiphertext(encapsulation.enc(), context.seal(aad, plaintext));
    }

    private static void checkEnc(HpkeCiphertext message) throws InvalidMessageException {
        if (message.enc().length != ENC_LENGTH) {
            throw new InvalidMessageException("HPKE encapsulated key must be " + ENC_LENGTH + " bytes");
        }
        if (message.ciphertext().length < TAG_LENGTH) {
            throw new InvalidMessageException("HPKE ciphertext shorter than its tag");
        }
    }
}
