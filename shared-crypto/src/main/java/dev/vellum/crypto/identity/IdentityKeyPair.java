package dev.vellum.crypto.identity;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;

/**
 * A device's private identity: an Ed25519 key that signs, and an X25519 key that receives sealed keys. Made in
 * the browser and never sent anywhere unencrypted. Never printed.
 */
public final class IdentityKeyPair {
    private final Ed25519PrivateKey signingKey;
    private final X25519PrivateKey agreementKey;
    private final PublicIdentity publicIdentity;

    private IdentityKeyPair(Ed25519PrivateKey signingKey, X25519PrivateKey agreementKey) {
        this.signingKey = signingKey;
        this.agreementKey = agreementKey;
        this.publicIdentity = new PublicIdentity(signingKey.publicKey(), agreementKey.publicKey());
    }

    public static IdentityKeyPair generate(RandomSource random) {
        return new IdentityKeyPair(Ed25519PrivateKey.generate(random), X25519PrivateKey.generate(random));
    }

    public static IdentityKeyPair of(Ed25519PrivateKey signingKey, X25519PrivateKey agreementKey) {
        return new IdentityKeyPair(signingKey, agreementKey);
    }

    public Ed25519PrivateKey signingKey() {
        return signingKey;
    }

    public X25519PrivateKey agreementKey() {
        return agreementKey;
    }

    public PublicIdentity publicIdentity() {
        return publicIdentity;
    }

    public void destroy() {
        signingKey.destroy();
        agreementKey.destroy();
    }

    @Override
    public String toString() {
        return "IdentityKeyPair[redacted, public=" + publicIdentity + "]";
    }
}
