package dev.vellum.crypto.hash;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 (RFC 5869). Application keys are derived with a {@link Label} as info, so keys for different
 * purposes never coincide; HPKE uses the raw extract and expand steps with its own labels.
 */
public final class Hkdf {
    public static final int MAX_LENGTH = 255 * Sha256.LENGTH;

    private Hkdf() {
    }

    /** HKDF-Extract: {@code PRK = HMAC-SHA256(salt, ikm)}; an empty salt means HashLen zero bytes. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return HmacSha256.mac(salt.length == 0 ? new byte[Sha256.LENGTH] : salt, ikm);
    }

    /** HKDF-Expand of a pseudorandom key. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        checkLength(length);
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    /** Extract then expand. */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        checkLength(length);
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    /** A key for one purpose: the label is the info, so two purposes never derive the same bytes. */
    public static byte[] derive(byte[] ikm, byte[] salt, Label purpose, int length) {
        return derive(ikm, salt, purpose.bytes(), length);
    }

    /** A key for one purpose from a secret key: as {@link #derive(byte[], byte[], Label, int)}. */
    public static byte[] derive(SymmetricKey ikm, byte[] salt, Label purpose, int length) {
        return derive(ikm.bytesForUse(KeyAccess.get()), salt, purpose, length);
    }

    private static void checkLength(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 output must be 0 to " + MAX_LENGTH + " bytes");
        }
    }
}
