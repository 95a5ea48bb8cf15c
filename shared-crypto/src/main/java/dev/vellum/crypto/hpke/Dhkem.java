package dev.vellum.crypto.hpke;

import static dev.vellum.crypto.hpke.HpkeSuite.KEM_SUITE_ID;
import static dev.vellum.crypto.hpke.HpkeSuite.SECRET_LENGTH;
import static dev.vellum.crypto.hpke.HpkeSuite.labeledExpand;
import static dev.vellum.crypto.hpke.HpkeSuite.labeledExtract;
import static dev.vellum.encoding.Bytes.concat;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;

/** DHKEM(X25519, HKDF-SHA256) (RFC 9180, section 4.1), with the ephemeral key chosen by the caller. */
final class Dhkem {
    private Dhkem() {
    }

    /** The encapsulated key and the KEM shared secret. */
    record Encapsulation(byte[] enc, byte[] sharedSecret) {
    }

    /** DeriveKeyPair(ikm) for X25519 (section 7.1.3): no rejection sampling needed. */
    static X25519PrivateKey deriveKeyPair(byte[] ikm) {
        byte[] dkpPrk = labeledExtract(KEM_SUITE_ID, new byte[0], "dkp_prk", ikm);
        return X25519PrivateKey.fromBytes(labeledExpand(KEM_SUITE_ID, dkpPrk, "sk", new byte[0], 32));
    }

    static Encapsulation encap(X25519PrivateKey ephemeral, X25519PublicKey recipient)
            throws InvalidPublicKeyException {
        byte[] enc = ephemeral.publicKey().toBytes();
        byte[] dh = ephemeral.agree(recipient);
        return new Encapsulation(enc, extractAndExpand(dh, concat(enc, recipient.toBytes())));
    }

    static byte[] decap(byte[] enc, X25519PrivateKey recipient) throws InvalidPublicKeyException {
        byte[] dh = recipient.agree(X25519PublicKey.fromBytes(enc));
        return extractAndExpand(dh, concat(enc, recipient.publicKey().toBytes()));
    }

    static Encapsulation authEncap(X25519PrivateKey ephemeral, X25519PublicKey recipient, X25519PrivateKey sender)
            throws InvalidPublicKeyException {
        byte[] enc = ephemeral.publicKey().toBytes();
        byte[] dh = concat(ephemeral.agree(recipient), sender.agree(recipient));
        byte[] kemContext = concat(enc, recipient.toBytes(), sender.publicKey().toBytes());
        return new Encapsulation(enc, extractAndExpand(dh, kemContext));
    }

    static byte[] authDecap(byte[] enc, X25519PrivateKey recipient, X25519PublicKey sender)
            throws InvalidPublicKeyException {
        byte[] dh = concat(recipient.agree(X25519PublicKey.fromBytes(enc)), recipient.agree(sender));
        byte[] kemContext = concat(enc, recipient.publicKey().toBytes(), sender.toBytes());
        return extractAndExpand(dh, kemContext);
    }

    private static byte[] extractAndExpand(byte[] dh, byte[] kemContext) {
        byte[] eaePrk = labeledExtract(KEM_SUITE_ID, new byte[0], "eae_prk", dh);
        return labeledExpand(KEM_SUITE_ID, eaePrk, "shared_secret", kemContext, SECRET_LENGTH);
    }
}
