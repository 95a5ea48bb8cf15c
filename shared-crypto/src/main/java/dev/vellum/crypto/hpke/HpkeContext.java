package dev.vellum.crypto.hpke;

import static dev.vellum.crypto.hpke.HpkeSuite.HASH_LENGTH;
import static dev.vellum.crypto.hpke.HpkeSuite.HPKE_SUITE_ID;
import static dev.vellum.crypto.hpke.HpkeSuite.KEY_LENGTH;
import static dev.vellum.crypto.hpke.HpkeSuite.NONCE_LENGTH;
import static dev.vellum.crypto.hpke.HpkeSuite.labeledExpand;
import static dev.vellum.crypto.hpke.HpkeSuite.labeledExtract;
import static dev.vellum.encoding.Bytes.concat;

import dev.vellum.crypto.aead.internal.InsecureNonceChaCha20Poly1305;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;

/** The key schedule's output and the sequence-numbered AEAD context (RFC 9180, sections 5.1 and 5.2). */
final class HpkeContext {
    static final int MODE_BASE = 0x00;
    static final int MODE_AUTH = 0x02;

    final byte[] key;
    final byte[] baseNonce;
    final byte[] exporterSecret;
    private long sequence;

    private HpkeContext(byte[] key, byte[] baseNonce, byte[] exporterSecret) {
        this.key = key;
        this.baseNonce = baseNonce;
        this.exporterSecret = exporterSecret;
    }

    /** KeySchedule without a PSK: psk and psk_id are empty in base and auth modes. */
    static HpkeContext keySchedule(int mode, byte[] sharedSecret, byte[] info) {
        byte[] empty = new byte[0];
        byte[] pskIdHash = labeledExtract(HPKE_SUITE_ID, empty, "psk_id_hash", empty);
        byte[] infoHash = labeledExtract(HPKE_SUITE_ID, empty, "info_hash", info);
        byte[] context = concat(new byte[] {(byte) mode}, pskIdHash, infoHash);
        byte[] secret = labeledExtract(HPKE_SUITE_ID, sharedSecret, "secret", empty);
        return new HpkeContext(
                labeledExpand(HPKE_SUITE_ID, secret, "key", context, KEY_LENGTH),
                labeledExpand(HPKE_SUITE_ID, secret, "base_nonce", context, NONCE_LENGTH),
                labeledExpand(HPKE_SUITE_ID, secret, "exp", context, HASH_LENGTH));
    }

    byte[] seal(byte[] aad, byte[] plaintext) {
        byte[] out = new InsecureNonceChaCha20Poly1305(key).encrypt(nextNonce(), plaintext, aad);
        sequence++;
        return out;
    }

    byte[] open(byte[] aad, byte[] ciphertext) throws InvalidMessageException, AuthenticationFailedException {
        byte[] out = new InsecureNonceChaCha20Poly1305(key).decrypt(nextNonce(), ciphertext, 0, ciphertext.length,
                aad);
        sequence++;
        return out;
    }

    /** Export(exporter_context, L) (section 5.3). */
    byte[] export(byte[] exporterContext, int length) {
        return labeledExpand(HPKE_SUITE_ID, exporterSecret, "sec", exporterContext, length);
    }

    /** ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn) (section 5.2). */
    private byte[] nextNonce() {
        byte[] nonce = HpkeSuite.i2osp(sequence, NONCE_LENGTH);
        for (int i = 0; i < NONCE_LENGTH; i++) {
            nonce[i] ^= baseNonce[i];
        }
        return nonce;
    }
}
