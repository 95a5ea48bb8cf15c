package dev.vellum.protocol.item;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.ParsedCertificates;
import dev.vellum.protocol.id.NoteId;
import java.util.Arrays;

/**
 * One item of a note's history as published, relayed and stored: an author's {@link UpdateEnvelope} (an update, a
 * snapshot or comments), the author's public identity so anyone can check the envelope's signature, and the note's
 * write signature, which only holders of the link can make.
 *
 * <pre>
 * offset  length  field
 *  0       1      version = 2 (an anonymous author) or 3 (an account's device)
 *  1       1      kind: 1 update, 2 snapshot, 3 comment
 *  2       8      covers: for a snapshot, the last stored revision it includes (>= 1); 0 for an update or a comment
 * 10      32      author's Ed25519 public key
 * 42      32      author's X25519 public key
 *                 version 3 only: credential length c (2 bytes, 1 or more), then c bytes of the author's
 *                 DeviceCertificate, whose device keys are the author keys above
 * 74(+2+c) n      update envelope v1 (n = 97 + its body length + 64)
 * ...     32      the note's write public key
 * ...     64      Ed25519 signature by the write key over "vellum/v1/note-item/write-signature" || every byte before
 * </pre>
 *
 * <p>The server checks both signatures with {@link #verifyForStorage()} (a workspace note's item:
 * {@link #verifyForWorkspaceStorage()}) and stores nothing else. Kind and coverage
 * are repeated inside the sealed body, so a reader who checks only the author's signature still notices a change.
 */
public final class NoteItem {
    /** An item whose author is an anonymous per-visit key. */
    public static final int VERSION = 2;
    /** An item whose author is an account's device, with its certificate. */
    public static final int VERSION_WITH_CREDENTIAL = 3;
    private static final int AUTHOR_LENGTH = Ed25519PublicKey.LENGTH + X25519PublicKey.LENGTH;
    private static final int ENVELOPE_OFFSET = 10 + AUTHOR_LENGTH;
    private static final int TRAILER_LENGTH = Ed25519PublicKey.LENGTH + Ed25519PublicKey.SIGNATURE_LENGTH;
    public static final int MIN_LENGTH = ENVELOPE_OFFSET + UpdateEnvelope.MIN_LENGTH + TRAILER_LENGTH;

    private final NoteItemKind kind;
    private final long covers;
    private final byte[] authorKeys;
    private final DeviceCertificate credential;
    private final UpdateEnvelope envelope;
    private final byte[] writeKey;
    private final byte[] writeSignature;
    private final byte[] encoded;

    private NoteItem(NoteItemKind kind, long covers, byte[] authorKeys, DeviceCertificate credential,
                     UpdateEnvelope envelope, byte[] writeKey, byte[] writeSignature, byte[] encoded) {
        this.kind = kind;
        this.covers = covers;
        this.authorKeys = authorKeys;
        this.credential = credential;
        this.envelope = envelope;
        this.writeKey = writeKey;
        this.writeSignature = writeSignature;
        this.encoded = encoded;
    }

    /**
     * Every byte of an item but the write signature at its end: what the note's write key signs (under
     * {@link #writeSignatureInput}). The sealing side signs this and parses the result.
     *
     * @param credential the author's device certificate, or null for an anonymous author
     * @throws IllegalArgumentException if {@code covers} does not fit {@code kind}, or the credential is another
     *     device's
     */
    public static byte[] encodeUnsigned(NoteItemKind kind, long covers, PublicIdentity author,
                                        DeviceCertificate credential, UpdateEnvelope envelope,
                                        Ed25519PublicKey writeKey) {
        checkCoverage(kind, covers);
        if (credential != null && !credential.device().equals(author)) {
            throw new IllegalArgumentException("the credential is another device's");
        }
        ByteWriter out = new ByteWriter(ENVELOPE_OFFSET + envelope.length() + Ed25519PublicKey.LENGTH
                + (credential == null ? 0 : 2 + credential.length()))
                .writeByte(credential == null ? VERSION : VERSION_WITH_CREDENTIAL)
                .writeByte(kind.code())
                .writeLong(covers)
                .writeBytes(author.toBytes());
        if (credential != null) {
            out.writeShort(credential.length()).writeBytes(credential.encode());
        }
        envelope.writeTo(out);
        return out.writeBytes(writeKey.toBytes()).toByteArray();
    }

    /** The message the write signature is made over: the unsigned item under its own label. */
    public static byte[] writeSignatureInput(byte[] unsigned) {
        return Label.NOTE_ITEM_WRITE_SIGNATURE.prefix(unsigned);
    }

    /**
     * Checks the version and the layout, and parses the envelope's header; says nothing yet about the signatures
     * (see {@link #verifyForStorage()}) or the body.
     */
    public static NoteItem parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "note item");
        int version = in.readUnsignedByte("version");
        if (version != VERSION && version != VERSION_WITH_CREDENTIAL) {
            throw new UnsupportedVersionException("note item", version, VERSION_WITH_CREDENTIAL);
        }
        if (encoded.length < MIN_LENGTH) {
            throw new InvalidMessageException("a note item needs at least " + MIN_LENGTH + " bytes, got "
                    + encoded.length);
        }
        NoteItemKind kind = NoteItemKind.fromCode(in.readUnsignedByte("kind"));
        long covers = in.readLong("covers");
        try {
            checkCoverage(kind, covers);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage());
        }
        byte[] authorKeys = in.readBytes(AUTHOR_LENGTH, "author keys");
        DeviceCertificate credential = null;
        if (version == VERSION_WITH_CREDENTIAL) {
            int length = in.readUnsignedShort("credential length");
            if (length == 0 || length > DeviceCertificate.MAX_LENGTH) {
                throw new InvalidMessageException("a note item's credential is 1 to " + DeviceCertificate.MAX_LENGTH
                        + " bytes, not " + length);
            }
            credential = ParsedCertificates.parse(in.readBytes(length, "credential"));
            if (!Arrays.equals(credential.device().toBytes(), authorKeys)) {
                throw new InvalidMessageException("a note item's credential names another device than its author");
            }
            if (in.remaining() < UpdateEnvelope.MIN_LENGTH + TRAILER_LENGTH) {
                throw new InvalidMessageException("a note item with a credential is too short for its envelope");
            }
        }
        UpdateEnvelope envelope = UpdateEnvelope.parseOwned(in.readBytes(in.remaining() - TRAILER_LENGTH,
                "envelope"));
        byte[] writeKey = in.readBytes(Ed25519PublicKey.LENGTH, "write key");
        byte[] writeSignature = in.readBytes(Ed25519PublicKey.SIGNATURE_LENGTH, "write signature");
        in.expectEnd();
        return new NoteItem(kind, covers, authorKeys, credential, envelope, writeKey, writeSignature,
                encoded.clone());
    }

    private static void checkCoverage(NoteItemKind kind, long covers) {
        boolean snapshot = kind == NoteItemKind.SNAPSHOT;
        if (snapshot ? covers < 1 : covers != 0) {
            throw new IllegalArgumentException(snapshot ? "a snapshot covers at least revision 1"
                    : (kind == NoteItemKind.UPDATE ? "an update" : "a comment item") + " covers no revisions");
        }
    }

    /**
     * What the server checks before storing an item of a note shared by link: the write key is the note's (its hash
     * is the note id), the write signature covers every other byte, the author's signature covers the envelope, and
     * a credential is signed by the identity it names. Needs no secret. Whether that identity's account holds the
     * device is the server's own records' to say.
     */
    public void verifyForStorage() throws InvalidSignatureException {
        verifyForStorage(PublicKeyDecoder.EACH_TIME);
    }

    /** As {@link #verifyForStorage()}, with the carried keys decoded by {@code keys}, which may remember them. */
    public void verifyForStorage(PublicKeyDecoder keys) throws InvalidSignatureException {
        Ed25519PublicKey writer = writer(keys);
        if (!NoteId.ofWriteKey(writer).equals(header().documentId())) {
            throw new InvalidSignatureException("note item is signed by a key that is not note "
                    + header().documentId() + "'s write key");
        }
        verifySignatures(writer, keys);
    }

    /**
     * What the server checks before storing an item of a workspace note, whose id does not commit to a write key
     * (each epoch has its own, which only members can derive): the item carries a credential (only an account's
     * device writes a workspace note), the write signature verifies under the carried write key, the author's
     * signature covers the envelope, and the credential is signed by the identity it names. Needs no secret. Who
     * may write is the membership's to say: the server checks that the session's account is a member with a
     * writing role, and that the envelope names the note's workspace and its current epoch.
     *
     * @throws InvalidSignatureException if the item carries no credential, or a signature does not verify
     */
    public void verifyForWorkspaceStorage() throws InvalidSignatureException {
        verifyForWorkspaceStorage(PublicKeyDecoder.EACH_TIME);
    }

    /** As {@link #verifyForWorkspaceStorage()}, with the carried keys decoded by {@code keys}. */
    public void verifyForWorkspaceStorage(PublicKeyDecoder keys) throws InvalidSignatureException {
        if (credential == null) {
            throw new InvalidSignatureException("a workspace note's item must be signed by an account's device");
        }
        verifySignatures(writer(keys), keys);
    }

    private Ed25519PublicKey writer(PublicKeyDecoder keys) throws InvalidSignatureException {
        try {
            return keys.signingKey(writeKey);
        } catch (InvalidPublicKeyException e) {
            throw new InvalidSignatureException("note item carries no valid write key");
        }
    }

    private void verifySignatures(Ed25519PublicKey writer, PublicKeyDecoder keys) throws InvalidSignatureException {
        writer.verify(writeSignatureInput(Arrays.copyOf(encoded, encoded.length - writeSignature.length)),
                writeSignature);
        envelope.verifySignature(author(keys));
        if (credential != null) {
            keys.verifyCertificate(credential);
        }
    }

    /** The author's device certificate, parsed but checked only by {@link #verifyForStorage()}; null if anonymous. */
    public DeviceCertificate credential() {
        return credential;
    }

    /**
     * The author's public identity as the item carries it.
     *
     * @throws InvalidSignatureException if the carried keys are not valid public keys, so nothing can be checked
     */
    public PublicIdentity author() throws InvalidSignatureException {
        return author(PublicKeyDecoder.EACH_TIME);
    }

    private PublicIdentity author(PublicKeyDecoder keys) throws InvalidSignatureException {
        try {
            return keys.identity(authorKeys);
        } catch (InvalidPublicKeyException e) {
            throw new InvalidSignatureException("note item carries no valid author identity");
        }
    }

    /** The author's two public keys as carried, unparsed: for telling authors apart without the cost of parsing. */
    public byte[] authorBytes() {
        return authorKeys.clone();
    }

    public NoteItemKind kind() {
        return kind;
    }

    /** For a snapshot, the last stored revision it includes; 0 for an update or a comment item. */
    public long covers() {
        return covers;
    }

    public UpdateHeader header() {
        return envelope.header();
    }

    /** The author's signed envelope inside; opening its body needs the note's key (see the seal package). */
    public UpdateEnvelope envelope() {
        return envelope;
    }

    /** The hash the author's next item names as its predecessor. */
    public UpdateHash hash() {
        return envelope.hash();
    }

    public byte[] encode() {
        return encoded.clone();
    }

    /** Writes the item's bytes into a frame being built, without the copy {@link #encode()} makes. */
    public void writeTo(ByteWriter out) {
        out.writeBytes(encoded);
    }

    public int length() {
        return encoded.length;
    }

    @Override
    public String toString() {
        return "NoteItem[" + kind + ", " + header() + ", " + encoded.length + " bytes]";
    }
}
