package dev.vellum.crypto.padding;

import dev.vellum.error.InvalidMessageException;

/**
 * Padmé padding (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with PURBs",
 * PETS 2019): a length L is rounded up so that only its top bits vary, leaking O(log log L) bits of it while
 * wasting at most 12% of space.
 *
 * <p>Encoding: {@code data || 0x80 || 0x00...}, padded to {@code padmeLength(data.length + 1)} bytes.
 */
public final class Padme {
    private static final int MARKER = 0x80;

    private Padme() {
    }

    /** Padmé's padded length for a content of {@code length} bytes. */
    public static int padmeLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        if (length < 2) {
            return length;
        }
        int e = 31 - Integer.numberOfLeadingZeros(length); // floor(log2 L)
        int s = 32 - Integer.numberOfLeadingZeros(e);      // floor(log2 e) + 1
        int lastBits = e - s;
        int mask = (1 << lastBits) - 1;
        return (length + mask) & ~mask;
    }

    public static byte[] pad(byte[] data) {
        byte[] out = new byte[padmeLength(data.length + 1)];
        System.arraycopy(data, 0, out, 0, data.length);
        out[data.length] = (byte) MARKER;
        return out;
    }

    /**
     * Removed only from authenticated plaintext, so how long the scan takes tells nothing to anyone who could not
     * already read the message.
     *
     * @throws InvalidMessageException if there is no marker followed only by zeros
     */
    public static byte[] unpad(byte[] padded) throws InvalidMessageException {
        int marker = padded.length - 1;
        while (marker >= 0 && padded[marker] == 0) {
            marker--;
        }
        if (marker < 0 || (padded[marker] & 0xff) != MARKER) {
            throw new InvalidMessageException("padding marker missing or malformed");
        }
        byte[] out = new byte[marker];
        System.arraycopy(padded, 0, out, 0, marker);
        return out;
    }
}
