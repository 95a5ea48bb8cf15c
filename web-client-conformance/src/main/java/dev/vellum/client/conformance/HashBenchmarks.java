package dev.vellum.client.conformance;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * SHA-512 inside WebAssembly for the benchmark: the browser build's {@code SHA512Digest} (Vellum's {@code Sha512},
 * through the TeaVM substitution) against BouncyCastle's own compression function, which this build still holds as
 * SHA-384 ({@code SHA384Digest} shares {@code LongDigest}'s block function with the former SHA-512, only the initial
 * values and the output length differ), so the two are compared in one page.
 */
final class HashBenchmarks {
    private HashBenchmarks() {
    }

    static int sha512Repeatedly(int size, int iterations) {
        return repeatedly(new SHA512Digest(), size, iterations);
    }

    static int bouncyCastleCompressionRepeatedly(int size, int iterations) {
        return repeatedly(new SHA384Digest(), size, iterations);
    }

    static byte[] sha512(byte[] data) {
        Digest digest = new SHA512Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** Returns a byte of the last digest so the work cannot be optimized away. */
    private static int repeatedly(Digest digest, int size, int iterations) {
        byte[] message = new byte[size];
        byte[] out = new byte[digest.getDigestSize()];
        for (int i = 0; i < iterations; i++) {
            message[0] = out[0];
            digest.update(message, 0, size);
            digest.doFinal(out, 0);
        }
        return out[0];
    }
}
