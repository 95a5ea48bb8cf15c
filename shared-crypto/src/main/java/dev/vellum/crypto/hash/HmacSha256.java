package dev.vellum.crypto.hash;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/** HMAC-SHA256 (RFC 2104). Verification compares tags in constant time. */
public final class HmacSha256 {
    public static final int LENGTH = 32;

    private HmacSha256() {
    }

    public static byte[] mac(byte[] key, byte[] data) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        byte[] out = new byte[LENGTH];
        hmac.doFinal(out, 0);
        return out;
    }

    /** Whether {@code tag} is the MAC of {@code data}; takes the same time wherever the tags differ. */
    public static boolean verify(byte[] key, byte[] data, byte[] tag) {
        return Arrays.constantTimeAreEqual(mac(key, data), tag);
    }
}
