package dev.vellum.crypto.hpke;

/**
 * A single-shot HPKE message: the encapsulated ephemeral public key and the AEAD ciphertext. Public data; both
 * arrays are defensive copies.
 */
public final class HpkeCiphertext {
    private final byte[] enc;
    private final byte[] ciphertext;

    public HpkeCiphertext(byte[] enc, byte[] ciphertext) {
        this.enc = enc.clone();
        this.ciphertext = ciphertext.clone();
    }

    public byte[] enc() {
        return enc.clone();
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }
}
