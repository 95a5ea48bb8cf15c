package dev.vellum.encoding;

import dev.vellum.error.InvalidMessageException;

/**
 * Unpadded base64url (RFC 4648 section 5), the alphabet used in Vellum links.
 *
 * <p>Written out rather than using {@code java.util.Base64} so that the exact same strict decoder runs on the JVM
 * and under TeaVM: non-canonical encodings (stray bits in the last character, padding, other alphabets) are
 * rejected, so every value has exactly one textual form.
 */
public final class Base64Url {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final int[] DECODE = new int[128];

    static {
        java.util.Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = i;
        }
    }

    private Base64Url() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 4 + 2) / 3);
        int i = 0;
        for (; i + 3 <= data.length; i += 3) {
            int n = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            out.append(ALPHABET[n >>> 18]).append(ALPHABET[(n >>> 12) & 63])
                    .append(ALPHABET[(n >>> 6) & 63]).append(ALPHABET[n & 63]);
        }
        int rest = data.length - i;
        if (rest == 1) {
            int n = (data[i] & 0xff) << 16;
            out.append(ALPHABET[n >>> 18]).append(ALPHABET[(n >>> 12) & 63]);
        } else if (rest == 2) {
            int n = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8;
            out.append(ALPHABET[n >>> 18]).append(ALPHABET[(n >>> 12) & 63]).append(ALPHABET[(n >>> 6) & 63]);
        }
        return out.toString();
    }

    /** Decodes exactly {@code expectedLength} bytes, or throws. */
    public static byte[] decode(String text, int expectedLength) throws InvalidMessageException {
        int expectedChars = (expectedLength * 4 + 2) / 3;
        if (text == null || text.length() != expectedChars) {
            throw new InvalidMessageException("expected " + expectedChars + " base64url characters");
        }
        byte[] out = new byte[expectedLength];
        int bits = 0;
        int bitCount = 0;
        int o = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                throw new InvalidMessageException("not a base64url character at position " + i);
            }
            bits = (bits << 6) | v;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[o++] = (byte) (bits >>> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        if (bits != 0) {
            throw new InvalidMessageException("non-canonical base64url: trailing bits are set");
        }
        return out;
    }
}
