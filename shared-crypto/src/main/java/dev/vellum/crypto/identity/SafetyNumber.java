package dev.vellum.crypto.identity;

import dev.vellum.crypto.hash.Label;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * A 60-digit number two people compare (aloud, or by QR code) to be sure each holds the other's real keys, in the
 * manner of Signal's safety numbers. Each identity gives 30 digits; the two halves are put in sorted order, so both
 * people see the same number whoever computes it.
 *
 * <p>Each half comes from {@value #ITERATIONS} rounds of SHA-512 over the identity's fingerprint, which makes
 * searching for a different key with a matching half slower by that factor.
 */
public final class SafetyNumber {
    static final int ITERATIONS = 5200;
    private static final int DIGITS_PER_IDENTITY = 30;

    private final String digits;

    private SafetyNumber(String digits) {
        this.digits = digits;
    }

    public static SafetyNumber of(PublicIdentity first, PublicIdentity second) {
        String a = digitsFor(first);
        String b = digitsFor(second);
        return new SafetyNumber(a.compareTo(b) <= 0 ? a + b : b + a);
    }

    /** All 60 digits, without spaces. */
    public String digits() {
        return digits;
    }

    /** Twelve groups of five digits, as shown to people. */
    public String displayText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 5) {
            if (i > 0) {
                out.append(i % 20 == 0 ? '\n' : ' ');
            }
            out.append(digits, i, i + 5);
        }
        return out.toString();
    }

    static String digitsFor(PublicIdentity identity) {
        byte[] fingerprint = identity.fingerprint();
        byte[] hash = Label.SAFETY_NUMBER.prefix(fingerprint);
        SHA512Digest digest = new SHA512Digest();
        byte[] out = new byte[digest.getDigestSize()];
        for (int i = 0; i < ITERATIONS; i++) {
            digest.update(hash, 0, hash.length);
            digest.update(fingerprint, 0, fingerprint.length);
            digest.doFinal(out, 0);
            hash = out.clone();
        }
        StringBuilder digits = new StringBuilder(DIGITS_PER_IDENTITY);
        for (int chunk = 0; chunk < DIGITS_PER_IDENTITY / 5; chunk++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                value = (value << 8) | (hash[chunk * 5 + i] & 0xff);
            }
            String five = Long.toString(value % 100_000);
            digits.append("00000", 0, 5 - five.length()).append(five);
        }
        return digits.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafetyNumber number && digits.equals(number.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return digits;
    }
}
