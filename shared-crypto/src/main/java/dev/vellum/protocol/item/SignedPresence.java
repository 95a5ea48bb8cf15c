package dev.vellum.protocol.item;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.NoteId;
import java.util.Arrays;

/**
 * One presence message as relayed (the body of a Presence frame): sealed for the note's readers, signed by the tab's
 * author key, and signed again by the note's write key, so the relay can refuse presence from anyone who does not
 * hold the link without being able to read it.
 *
 * <pre>
 * offset  length  field
 *  0       1      version = 2 (version 1 was the bare sealed bytes, unsigned)
 *  1      16      note id
 * 17      32      author's Ed25519 public key (the key that signs this tab's items)
 * 49       n      sealed: XChaCha20-Poly1305 under the note's presence key, nonce (24) || ciphertext || tag (16), of
 *                 counter (8) || sent at, milliseconds since 1970 (8) || presence message; associated data
 *                 "vellum/v1/presence/ad" || bytes 0..49
 * 49+n    64      author's Ed25519 signature over "vellum/v1/presence/author-signature" || bytes 0..49+n
 * 113+n   32      the note's write public key
 * 145+n   64      write key's Ed25519 signature over "vellum/v1/presence/write-signature" || bytes 0..145+n
 * </pre>
 *
 * <p>The relay checks both signatures with {@link #verifyForRelay()}; readers check them too, then open the sealed
 * part (see the seal package) and its freshness.
 */
public final class SignedPresence {
    public static final int VERSION = 2;
    static final int HEADER_LENGTH = 1 + NoteId.LENGTH + Ed25519PublicKey.LENGTH;
    /** The sealed part's smallest size: nonce, counter, time and tag around an empty message. */
    static final int MIN_SEALED_LENGTH = 24 + 8 + 8 + 16;
    private static final int TRAILER_LENGTH =
            Ed25519PublicKey.SIGNATURE_LENGTH + Ed25519PublicKey.LENGTH + Ed25519PublicKey.SIGNATURE_LENGTH;
    public static final int MIN_LENGTH = HEADER_LENGTH + MIN_SEALED_LENGTH + TRAILER_LENGTH;

    private final NoteId noteId;
    private final byte[] authorKey;
    private final byte[] sealed;
    private final byte[] writeKey;
    private final byte[] encoded;

    private SignedPresence(NoteId noteId, byte[] authorKey, byte[] sealed, byte[] writeKey, byte[] encoded) {
        this.noteId = noteId;
        this.authorKey = authorKey;
        this.sealed = sealed;
        this.writeKey = writeKey;
        this.encoded = encoded;
    }

    /** {@code version || note id || author key}: the sealed part's associated data follows from it. */
    public static byte[] encodeHeader(NoteId noteId, Ed25519PublicKey author) {
        return Bytes.concat(new byte[] {VERSION}, noteId.toBytes(), author.toBytes());
    }

    /** The associated data the sealed part is bound to: the label and the header. */
    public static byte[] associatedData(byte[] header) {
        return Label.PRESENCE_AD.prefix(header);
    }

    /** What the author signs: the header and the sealed part, under their label. */
    public static byte[] authorSignatureInput(byte[] headerAndSealed) {
        return Label.PRESENCE_AUTHOR_SIGNATURE.prefix(headerAndSealed);
    }

    /** What the note's write key signs: everything before the write signature, under its label. */
    public static byte[] writeSignatureInput(byte[] unsigned) {
        return Label.PRESENCE_WRITE_SIGNATURE.prefix(unsigned);
    }

    /** Checks the version and the layout; says nothing yet about the signatures (see {@link #verifyForRelay()}). */
    public static SignedPresence parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "presence");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("presence", version, VERSION);
        }
        if (encoded.length < MIN_LENGTH) {
            throw new InvalidMessageException("presence needs at least " + MIN_LENGTH + " bytes, got "
                    + encoded.length);
        }
        NoteId noteId = NoteId.fromBytes(in.readBytes(NoteId.LENGTH, "note id"));
        byte[] authorKey = in.readBytes(Ed25519PublicKey.LENGTH, "author key");
        byte[] sealed = in.readBytes(in.remaining() - TRAILER_LENGTH, "sealed presence");
        in.skip(Ed25519PublicKey.SIGNATURE_LENGTH, "author signature");
        byte[] writeKey = in.readBytes(Ed25519PublicKey.LENGTH, "write key");
        in.skip(Ed25519PublicKey.SIGNATURE_LENGTH, "write signature");
        in.expectEnd();
        return new SignedPresence(noteId, authorKey, sealed, writeKey, encoded.clone());
    }

    /**
     * What the relay checks before passing presence on for a note shared by link: the write key is the note's (its
     * hash is the note id), the write signature covers every other byte, and the author's signature covers the
     * header and the sealed part. Needs no secret. It cannot tell whether the sealed part opens, nor whether it is
     * fresh: readers check that.
     */
    public void verifyForRelay() throws InvalidSignatureException {
        Ed25519PublicKey writer = writer();
        if (!NoteId.ofWriteKey(writer).equals(noteId)) {
            throw new InvalidSignatureException("presence is signed by a key that is not note " + noteId
                    + "'s write key");
        }
        verifySignatures(writer);
    }

    /**
     * What the relay checks for a workspace note, whose id does not commit to a write key (each epoch has its own):
     * both signatures, with the carried write key. Who may send presence is the workspace's membership to say,
     * which the server checks against the connection's account; readers check the write key is the note's.
     */
    public void verifyForWorkspaceRelay() throws InvalidSignatureException {
        verifySignatures(writer());
    }

    private Ed25519PublicKey writer() throws InvalidSignatureException {
        try {
            return Ed25519PublicKey.fromBytes(writeKey);
        } catch (InvalidPublicKeyException e) {
            throw new InvalidSignatureException("presence carries no valid write key");
        }
    }

    private void verifySignatures(Ed25519PublicKey writer) throws InvalidSignatureException {
        int writeSignatureAt = encoded.length - Ed25519PublicKey.SIGNATURE_LENGTH;
        writer.verify(writeSignatureInput(Arrays.copyOf(encoded, writeSignatureAt)),
                Arrays.copyOfRange(encoded, writeSignatureAt, encoded.length));
        int authorSignatureAt = HEADER_LENGTH + sealed.length;
        author().verify(authorSignatureInput(Arrays.copyOf(encoded, authorSignatureAt)),
                Arrays.copyOfRange(encoded, authorSignatureAt, authorSignatureAt + Ed25519PublicKey.SIGNATURE_LENGTH));
    }

    /** The write public key as carried, unchecked: a workspace note's reader matches it with an epoch's. */
    public byte[] writeKey() {
        return writeKey.clone();
    }

    public NoteId noteId() {
        return noteId;
    }

    /**
     * The author's signing key as carried.
     *
     * @throws InvalidSignatureException if it is not a valid public key, so nothing can be checked
     */
    public Ed25519PublicKey author() throws InvalidSignatureException {
        try {
            return Ed25519PublicKey.fromBytes(authorKey);
        } catch (InvalidPublicKeyException e) {
            throw new InvalidSignatureException("presence carries no valid author key");
        }
    }

    /** The header, {@code version || note id || author key}, as carried. */
    public byte[] header() {
        return Arrays.copyOf(encoded, HEADER_LENGTH);
    }

    /** The sealed part; opening it needs the note's presence key. */
    public byte[] sealed() {
        return sealed.clone();
    }

    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public String toString() {
        return "SignedPresence[" + noteId + ", " + encoded.length + " bytes]";
    }
}
