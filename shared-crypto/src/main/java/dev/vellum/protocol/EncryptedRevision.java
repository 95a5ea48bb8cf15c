package dev.vellum.protocol;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.aead.XChaCha20Poly1305;

/**
 * One encrypted revision of a note, as relayed and stored: {@code header || nonce (24) || ciphertext || tag (16)}.
 *
 * <p>The server parses the header to route and order revisions, and never sees anything it could decrypt.
 */
public final class EncryptedRevision {
    /** Smallest valid encoding: a header and the AEAD's nonce and tag around an empty body. */
    public static final int MIN_LENGTH = RevisionHeader.LENGTH + XChaCha20Poly1305.OVERHEAD;

    private final RevisionHeader header;
    private final byte[] encoded;

    private EncryptedRevision(RevisionHeader header, byte[] encoded) {
        this.header = header;
        this.encoded = encoded;
    }

    static EncryptedRevision of(RevisionHeader header, byte[] sealedBody) {
        byte[] headerBytes = header.encode();
        byte[] encoded = new byte[headerBytes.length + sealedBody.length];
        System.arraycopy(headerBytes, 0, encoded, 0, headerBytes.length);
        System.arraycopy(sealedBody, 0, encoded, headerBytes.length, sealedBody.length);
        return new EncryptedRevision(header, encoded);
    }

    /** Checks the layout (not the ciphertext, which needs the key) and parses the header. */
    public static EncryptedRevision parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length < MIN_LENGTH) {
            throw new InvalidMessageException(
                    "encrypted revision needs at least " + MIN_LENGTH + " bytes, got " + encoded.length);
        }
        return new EncryptedRevision(RevisionHeader.decode(encoded), encoded.clone());
    }

    public RevisionHeader header() {
        return header;
    }

    /** The bytes the header covers, used as the AEAD's associated data. */
    byte[] associatedData() {
        byte[] ad = new byte[RevisionHeader.LENGTH];
        System.arraycopy(encoded, 0, ad, 0, ad.length);
        return ad;
    }

    int bodyOffset() {
        return RevisionHeader.LENGTH;
    }

    byte[] encodedView() {
        return encoded;
    }

    public byte[] encode() {
        return encoded.clone();
    }

    public int length() {
        return encoded.length;
    }

    @Override
    public String toString() {
        return "EncryptedRevision[" + header + ", " + encoded.length + " bytes]";
    }
}
