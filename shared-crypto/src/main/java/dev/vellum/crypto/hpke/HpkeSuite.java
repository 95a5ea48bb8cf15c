package dev.vellum.crypto.hpke;

import static dev.vellum.encoding.Bytes.concat;

import dev.vellum.crypto.hash.Hkdf;
import java.nio.charset.StandardCharsets;

/**
 * The one HPKE suite Vellum uses (RFC 9180): DHKEM(X25519, HKDF-SHA256) = 0x0020, HKDF-SHA256 = 0x0001,
 * ChaCha20-Poly1305 = 0x0003, and its labeled KDF steps (section 4).
 */
final class HpkeSuite {
    static final int KEM_ID = 0x0020;
    static final int KDF_ID = 0x0001;
    static final int AEAD_ID = 0x0003;
    /** Nsecret, Nk, Nn, Nh for this suite (RFC 9180, sections 7.1 to 7.3). */
    static final int SECRET_LENGTH = 32;
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int HASH_LENGTH = 32;

    private static final byte[] VERSION_LABEL = ascii("HPKE-v1");

    /** suite_id = "KEM" || I2OSP(kem_id, 2), used inside the KEM (section 4.1). */
    static final byte[] KEM_SUITE_ID = concat(ascii("KEM"), i2osp(KEM_ID, 2));
    /** suite_id = "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2) (section 5.1). */
    static final byte[] HPKE_SUITE_ID = concat(ascii("HPKE"), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2));

    private HpkeSuite() {
    }

    /** LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm). */
    static byte[] labeledExtract(byte[] suiteId, byte[] salt, String label, byte[] ikm) {
        return Hkdf.extract(salt, concat(VERSION_LABEL, suiteId, ascii(label), ikm));
    }

    /** LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L). */
    static byte[] labeledExpand(byte[] suiteId, byte[] prk, String label, byte[] info, int length) {
        return Hkdf.expand(prk, concat(i2osp(length, 2), VERSION_LABEL, suiteId, ascii(label), info), length);
    }

    static byte[] i2osp(long value, int length) {
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
