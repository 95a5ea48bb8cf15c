package dev.vellum.protocol;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.InvalidPublicKeyException;
import dev.vellum.crypto.InvalidSignatureException;
import dev.vellum.crypto.UnsupportedVersionException;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.encoding.Bytes;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import java.util.Arrays;

/**
 * One encrypted revision of a note, as relayed and stored:
 * {@code header (61) || nonce (24) || ciphertext || tag (16) || write public key (32) || signature (64)}.
 *
 * <p>The server parses the header to route and order revisions, and checks with {@link #verifyWriter()} that the
 * revision is signed by the note's write key, which the note id commits to (see {@link NoteKeys}). It never sees
 * anything it could decrypt.
 */
public final class EncryptedRevision {
    static final int WRITER_KEY_LENGTH = Ed25519PublicKey.LENGTH;
    static final int SIGNATURE_LENGTH = Ed25519PrivateKey.SIGNATURE_LENGTH;
    private static final int TRAILER_LENGTH = WRITER_KEY_LENGTH + SIGNATURE_LENGTH;
    /** Smallest valid encoding: a header, the AEAD's nonce and tag around an empty body, the key and signature. */
    public static final int MIN_LENGTH = RevisionHeader.LENGTH + XChaCha20Poly1305.OVERHEAD + TRAILER_LENGTH;

    private final RevisionHeader header;
    private final byte[] encoded;

    private EncryptedRevision(RevisionHeader header, byte[] encoded) {
        this.header = header;
        this.encoded = encoded;
    }

    static EncryptedRevision sign(RevisionHeader header, byte[] sealedBody, Ed25519PrivateKey writeKey) {
        byte[] signed = Bytes.concat(header.encode(), sealedBody, writeKey.publicKey().toBytes());
        byte[] signature = writeKey.sign(Label.REVISION_SIGNATURE.prefix(signed));
        return new EncryptedRevision(header, Bytes.concat(signed, signature));
    }

    /**
     * Checks the version, then the layout (not the ciphertext, which needs the key, nor the signature: see
     * {@link #verifyWriter()}), and parses the header.
     */
    public static EncryptedRevision parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length == 0) {
            throw new InvalidMessageException("empty revision");
        }
        int version = encoded[0] & 0xff;
        if (version != RevisionHeader.VERSION) {
            throw new UnsupportedVersionException("revision", version, RevisionHeader.VERSION);
        }
        if (encoded.length < MIN_LENGTH) {
            throw new InvalidMessageException(
                    "encrypted revision needs at least " + MIN_LENGTH + " bytes, got " + encoded.length);
        }
        return new EncryptedRevision(RevisionHeader.decode(encoded), encoded.clone());
    }

    /**
     * Checks that the revision was signed by the note's write key: the key's hash must be the header's note id and
     * the signature must cover every other byte. Needs no secret; the server runs it before storing anything.
     */
    public void verifyWriter() throws InvalidSignatureException {
        int signatureAt = encoded.length - SIGNATURE_LENGTH;
        Ed25519PublicKey writer;
        try {
            writer = Ed25519PublicKey.fromBytes(Arrays.copyOfRange(encoded, signatureAt - WRITER_KEY_LENGTH,
                    signatureAt));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidSignatureException("revision carries no valid write key");
        }
        if (!NoteKeys.noteIdOf(writer).equals(header.noteId())) {
            throw new InvalidSignatureException("revision is signed by a key that is not note " + header.noteId()
                    + "'s write key");
        }
        writer.verify(Label.REVISION_SIGNATURE.prefix(Arrays.copyOf(encoded, signatureAt)),
                Arrays.copyOfRange(encoded, signatureAt, encoded.length));
    }

    /**
     * Checks that the revision is signed by {@code writer}, the note's write key as its reader derived it from the
     * link: the key the revision carries must be that one, and the signature must verify. Cheaper than
     * {@link #verifyWriter()}, which must first derive the note id from the carried key.
     */
    public void verifySignedBy(Ed25519PublicKey writer) throws InvalidSignatureException {
        int signatureAt = encoded.length - SIGNATURE_LENGTH;
        byte[] carried = Arrays.copyOfRange(encoded, signatureAt - WRITER_KEY_LENGTH, signatureAt);
        if (!Arrays.equals(carried, writer.toBytes())) {
            throw new InvalidSignatureException("revision is not signed by this note's write key");
        }
        writer.verify(Label.REVISION_SIGNATURE.prefix(Arrays.copyOf(encoded, signatureAt)),
                Arrays.copyOfRange(encoded, signatureAt, encoded.length));
    }

    public RevisionHeader header() {
        return header;
    }

    /** The bytes the header covers, used as the AEAD's associated data. */
    byte[] associatedData() {
        return Arrays.copyOf(encoded, RevisionHeader.LENGTH);
    }

    int bodyOffset() {
        return RevisionHeader.LENGTH;
    }

    int bodyLength() {
        return encoded.length - RevisionHeader.LENGTH - TRAILER_LENGTH;
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
