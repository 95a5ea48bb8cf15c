package dev.vellum.protocol.item;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.padding.Padme;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.Arrays;

/**
 * Update envelope, version 1: one author's change to one document, encrypted with the workspace's content key and
 * signed by the author. Anyone with the author's public identity (the server included) can check the signature
 * and the form; only holders of the content key can read the body.
 *
 * <p>This class is the public half: parsing, the signature check and the hash, which need no secret. Sealing and
 * opening, which need the content key, live in {@code dev.vellum.protocol.seal.UpdateEnvelopeCipher}, where the
 * server cannot reach them.
 *
 * <pre>
 * offset  length  field
 *  0       1      version = 1
 *  1      16      workspace id
 * 17      16      document id
 * 33       4      key epoch (signed int, >= 0)
 * 37      16      author key id
 * 53       8      sequence (signed long, >= 1)
 * 61      32      previous hash
 * 93       4      body length n (<= MAX_BODY_LENGTH)
 * 97       n      body: CommittingXChaCha20Poly1305(content key, Padme(plaintext), ad = bytes 0..97)
 * 97+n    64      Ed25519 signature over "vellum/v1/update-envelope/signature" || bytes 0..97+n
 * </pre>
 */
public final class UpdateEnvelope {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 97;
    public static final int SIGNATURE_LENGTH = Ed25519PublicKey.SIGNATURE_LENGTH;
    public static final int MAX_BODY_LENGTH = 16 * 1024 * 1024;
    public static final int MIN_LENGTH = HEADER_LENGTH + CommittingXChaCha20Poly1305.OVERHEAD + SIGNATURE_LENGTH;

    private final UpdateHeader header;
    private final byte[] encoded;

    private UpdateEnvelope(UpdateHeader header, byte[] encoded) {
        this.header = header;
        this.encoded = encoded;
    }

    /**
     * Checks the layout and parses the header; says nothing yet about the signature or the body.
     *
     * @throws UnsupportedVersionException for any version but 1
     * @throws InvalidMessageException if the length, body length or a header field is out of range
     */
    public static UpdateEnvelope parse(byte[] encoded) throws InvalidMessageException {
        return parseOwned(encoded.clone());
    }

    /**
     * As {@link #parse}, keeping {@code encoded} itself rather than a copy: for a note item's parser, whose freshly
     * read envelope bytes nobody else holds (a copy of a large snapshot costs about a millisecond per MiB in the
     * browser).
     */
    static UpdateEnvelope parseOwned(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "update envelope");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("update envelope", version, VERSION);
        }
        if (encoded.length < MIN_LENGTH) {
            throw new InvalidMessageException("update envelope needs at least " + MIN_LENGTH + " bytes, got "
                    + encoded.length);
        }
        WorkspaceId workspace = WorkspaceId.fromBytes(in.readBytes(Id128.LENGTH, "workspace id"));
        NoteId document = NoteId.fromBytes(in.readBytes(Id128.LENGTH, "document id"));
        int keyEpoch = in.readInt("key epoch");
        IdentityKeyId author = IdentityKeyId.fromBytes(in.readBytes(Id128.LENGTH, "author key id"));
        long sequence = in.readLong("sequence");
        UpdateHash previous = UpdateHash.fromBytes(in.readBytes(UpdateHash.LENGTH, "previous hash"));
        int bodyLength = in.readInt("body length");
        if (bodyLength < CommittingXChaCha20Poly1305.OVERHEAD || bodyLength > MAX_BODY_LENGTH) {
            throw new InvalidMessageException("update body length " + bodyLength + " is out of range");
        }
        in.skip(bodyLength, "body");
        in.skip(SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        if (keyEpoch < 0 || sequence < 1 || (sequence == 1 && !previous.equals(UpdateHash.NONE))) {
            throw new InvalidMessageException("update header has an invalid epoch, sequence or predecessor");
        }
        UpdateHeader header = new UpdateHeader(workspace, document, keyEpoch, author, sequence, previous);
        return new UpdateEnvelope(header, encoded);
    }

    public UpdateHeader header() {
        return header;
    }

    /**
     * Checks that {@code author} is the identity the header names and that its signature covers every byte. Needs
     * no secret: the server runs this before storing anything.
     */
    public void verifySignature(PublicIdentity author) throws InvalidSignatureException {
        if (!header.authorKeyId().equals(IdentityKeyId.of(author))) {
            throw new InvalidSignatureException("update names author " + header.authorKeyId()
                    + ", not the identity given");
        }
        int signedLength = encoded.length - SIGNATURE_LENGTH;
        author.signingKey().verify(Label.UPDATE_SIGNATURE.prefix(Arrays.copyOf(encoded, signedLength)),
                Arrays.copyOfRange(encoded, signedLength, encoded.length));
    }

    /** SHA-256 of the whole envelope, signature included, under its own label: what the next update names. */
    public UpdateHash hash() {
        return UpdateHash.fromBytes(Sha256.labeled(Label.UPDATE_HASH, encoded));
    }

    public byte[] encode() {
        return encoded.clone();
    }

    /** Writes the envelope's bytes into a message being built, without the copy {@link #encode()} makes. */
    public void writeTo(ByteWriter out) {
        out.writeBytes(encoded);
    }

    public int length() {
        return encoded.length;
    }

    /**
     * The 97 header bytes for a body of {@code bodyLength} bytes: what the sealing side encrypts against (as
     * associated data) and signs, ahead of the body.
     */
    public static byte[] encodeHeader(UpdateHeader header, int bodyLength) {
        return new ByteWriter(HEADER_LENGTH)
                .writeByte(VERSION)
                .writeBytes(header.workspaceId().toBytes())
                .writeBytes(header.documentId().toBytes())
                .writeInt(header.keyEpoch())
                .writeBytes(header.authorKeyId().toBytes())
                .writeLong(header.sequence())
                .writeBytes(header.previousHash().toBytes())
                .writeInt(bodyLength)
                .toByteArray();
    }

    @Override
    public String toString() {
        return "UpdateEnvelope[" + header + ", " + encoded.length + " bytes]";
    }
}
