package dev.vellum.protocol.account;

import dev.vellum.error.InvalidMessageException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device certificates parsed once per process instead of once per item: every item, comment and snapshot
 * confirmation of an account's device carries the same certificate, and parsing one decodes its four public keys
 * (BouncyCastle decompresses each Ed25519 point twice), about 35 µs on the JVM, on the relay's event loop for every
 * item, and more in the browser for every item read.
 *
 * <p>Remembered by their exact bytes, the least recently used going past {@link #CAPACITY}; bytes that do not parse
 * are never remembered, so they are refused the same way every time. Parsing is a function of the bytes and a
 * certificate is immutable, so a shared one changes nothing a caller sees. Thread-safe: the server parses on several
 * event loops.
 */
public final class ParsedCertificates {
    /** A parsed certificate is about a kilobyte: a megabyte at most. */
    static final int CAPACITY = 1_024;

    private static final Map<ByteBuffer, DeviceCertificate> KNOWN = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, DeviceCertificate> eldest) {
            return size() > CAPACITY;
        }
    };

    private ParsedCertificates() {
    }

    /** {@link DeviceCertificate#parse}, remembered; parses outside the lock, so threads wait only on the map. */
    public static DeviceCertificate parse(byte[] encoded) throws InvalidMessageException {
        ByteBuffer key = ByteBuffer.wrap(encoded.clone());
        synchronized (KNOWN) {
            DeviceCertificate known = KNOWN.get(key);
            if (known != null) {
                return known;
            }
        }
        DeviceCertificate parsed = DeviceCertificate.parse(encoded);
        synchronized (KNOWN) {
            KNOWN.put(key, parsed);
        }
        return parsed;
    }
}
