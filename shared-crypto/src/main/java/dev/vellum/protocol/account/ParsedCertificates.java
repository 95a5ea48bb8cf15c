package dev.vellum.protocol.account;

import dev.vellum.encoding.ExactBytesCache;
import dev.vellum.error.InvalidMessageException;

/**
 * Device certificates parsed once per process instead of once per item: every item, comment and snapshot
 * confirmation of an account's device carries the same certificate, and parsing one decodes its four public keys
 * (BouncyCastle decompresses each Ed25519 point twice), about 31 µs on the JVM, on the relay's event loop for every
 * item, and more in the browser for every item read. Bytes that do not parse are never remembered. Parsing is a
 * function of the bytes and a certificate is immutable, so a shared one changes nothing a caller sees.
 */
public final class ParsedCertificates {
    /** A parsed certificate is about a kilobyte: a megabyte at most. */
    private static final int CAPACITY = 1_024;

    private static final ExactBytesCache<DeviceCertificate> KNOWN = new ExactBytesCache<>(CAPACITY);

    private ParsedCertificates() {
    }

    /** {@link DeviceCertificate#parse}, remembered by the exact bytes. */
    public static DeviceCertificate parse(byte[] encoded) throws InvalidMessageException {
        return KNOWN.get(encoded, DeviceCertificate::parse);
    }
}
