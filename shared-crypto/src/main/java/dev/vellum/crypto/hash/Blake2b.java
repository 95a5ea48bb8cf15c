package dev.vellum.crypto.hash;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/** BLAKE2b (RFC 7693), unkeyed or keyed, with a digest of 1 to 64 bytes. */
public final class Blake2b {
    private Blake2b() {
    }

    public static byte[] hash(byte[] data, int digestLength) {
        return keyed(null, data, digestLength);
    }

    /** @param key null or up to 64 bytes */
    public static byte[] keyed(byte[] key, byte[] data, int digestLength) {
        if (digestLength < 1 || digestLength > 64) {
            throw new IllegalArgumentException("BLAKE2b digests are 1 to 64 bytes");
        }
        if (key != null && key.length > 64) {
            throw new IllegalArgumentException("BLAKE2b keys are at most 64 bytes");
        }
        Blake2bDigest digest = new Blake2bDigest(key == null || key.length == 0 ? null : key, digestLength, null, null);
        digest.update(data, 0, data.length);
        byte[] out = new byte[digestLength];
        digest.doFinal(out, 0);
        return out;
    }
}
