package dev.vellum.protocol.comment;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Utf8;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.ParsedCertificates;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import java.util.Arrays;

/**
 * One signed comment record: a comment (or a later edit or deletion of it), or a thread's state (resolved or
 * reopened). It authenticates itself: its author's identity key signs every byte, which binds the note, the thread
 * and the parent, so a record can travel in any item or snapshot and be checked alone. Records travel in COMMENT
 * items ({@link CommentBatch}), sealed there under the note's key; a record itself is plaintext and never reaches the
 * server unsealed.
 *
 * <pre>
 * length  field
 *  1      version = 1
 *  1      type: 1 comment, 2 thread state
 * 16      note id
 * 16      thread id (a thread's first comment's id)
 * 16      record id: for a comment its comment id; for a thread state a fresh id
 * 16      parent id: zero for a thread's first comment and for a thread state, else the comment replied to
 *  4      edit: 0 when posted, one more per edit or deletion; 0 for a thread state
 *  8      clock (Lamport, at least 1)
 *  8      created at, milliseconds since 1970 by the author's clock
 *  1      flags: bit 0 = deleted (comment) or resolved (thread state); other bits zero
 *  1      anchor present (1) or not (0): present exactly on a thread's first comment
 *  var    anchor (see {@link CommentAnchor})
 *  4+t    text length (at most 20,000; 0 when deleted and for a thread state), then UTF-8 text
 *  1+n    author name length (at most 60), then UTF-8 name: an anonymous visitor's chosen name, empty for accounts
 * 64      author's public identity: Ed25519, then X25519
 *  2+c    certificate length (0 for an anonymous author), then the author's DeviceCertificate (its device keys are
 *         the author's identity)
 * 64      the author's Ed25519 signature over "vellum/v1/comment" || every byte above
 * </pre>
 *
 * <p>{@link #parse} checks the layout and every rule of the format; {@link #verify} checks the signatures. Which
 * record wins among several for one comment or thread is the reader's merge rules' to say (docs/protocol.md).
 */
public final class CommentRecord {
    public static final int VERSION = 1;
    private static final int DELETED_OR_RESOLVED = 0x01;
    private static final int FIXED_LENGTH = 2 + NoteId.LENGTH + 3 * CommentId.LENGTH + 4 + 8 + 8 + 1 + 1;
    /** The smallest record: a thread state by an anonymous author with no name. */
    public static final int MIN_LENGTH = FIXED_LENGTH + 4 + 1 + PublicIdentity.ENCODED_LENGTH + 2
            + Ed25519PublicKey.SIGNATURE_LENGTH;
    /** The largest record: the longest anchor, text, name and certificate. */
    public static final int MAX_LENGTH = MIN_LENGTH + CommentAnchor.MAX_ENCODED_LENGTH + CommentDraft.MAX_TEXT_BYTES
            + CommentDraft.MAX_NAME_BYTES + DeviceCertificate.MAX_LENGTH;

    private final CommentDraft draft;
    private final PublicIdentity author;
    private final DeviceCertificate credential;
    private final byte[] signature;
    private final byte[] encoded;

    private CommentRecord(CommentDraft draft, PublicIdentity author, DeviceCertificate credential, byte[] signature,
                          byte[] encoded) {
        this.draft = draft;
        this.author = author;
        this.credential = credential;
        this.signature = signature;
        this.encoded = encoded;
    }

    /**
     * Signs {@code draft} with the author's identity key.
     *
     * @param credential the author device's certificate, or null for an anonymous author (a link note's visitor)
     * @throws IllegalArgumentException if the certificate is another device's, or an account's draft carries a chosen
     *     name (an account's name comes from its certificate)
     */
    public static CommentRecord sign(CommentDraft draft, IdentityKeyPair author, DeviceCertificate credential) {
        PublicIdentity identity = author.publicIdentity();
        if (credential != null && !credential.device().equals(identity)) {
            throw new IllegalArgumentException("the certificate is another device's");
        }
        if (credential != null && !draft.authorName().isEmpty()) {
            throw new IllegalArgumentException("an account's comment carries no chosen name; its certificate names it");
        }
        byte[] unsigned = encodeUnsigned(draft, identity, credential);
        byte[] signature = author.signingKey().sign(Label.COMMENT_SIGNATURE.prefix(unsigned));
        byte[] encoded = new ByteWriter(unsigned.length + signature.length).writeBytes(unsigned).writeBytes(signature)
                .toByteArray();
        return new CommentRecord(draft, identity, credential, signature, encoded);
    }

    private static byte[] encodeUnsigned(CommentDraft draft, PublicIdentity author, DeviceCertificate credential) {
        byte[] text = Utf8.encode(draft.text());
        byte[] certificate = credential == null ? new byte[0] : credential.encode();
        ByteWriter out = new ByteWriter(MIN_LENGTH + text.length + certificate.length + 128)
                .writeByte(VERSION)
                .writeByte(draft.type().code())
                .writeBytes(draft.noteId().toBytes())
                .writeBytes(draft.threadId().toBytes())
                .writeBytes(draft.recordId().toBytes())
                .writeBytes(draft.parentId().toBytes())
                .writeInt(draft.edit())
                .writeLong(draft.clock())
                .writeLong(draft.createdAtMillis())
                .writeByte(draft.deleted() || draft.resolved() ? DELETED_OR_RESOLVED : 0)
                .writeByte(draft.anchor() == null ? 0 : 1);
        if (draft.anchor() != null) {
            draft.anchor().writeTo(out);
        }
        return out.writeBytesWithIntLength(text, CommentDraft.MAX_TEXT_BYTES)
                .writeBytesWithByteLength(Utf8.encode(draft.authorName()), CommentDraft.MAX_NAME_BYTES)
                .writeBytes(author.toBytes())
                .writeShort(certificate.length)
                .writeBytes(certificate)
                .toByteArray();
    }

    /**
     * Checks the version, the layout and every rule of the format (lengths and limits, flags, which records carry an
     * anchor, ids, a carried certificate naming the author's keys); says nothing yet about the signatures: see
     * {@link #verify()}.
     */
    public static CommentRecord parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "comment record");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("comment record", version, VERSION);
        }
        if (encoded.length < MIN_LENGTH || encoded.length > MAX_LENGTH) {
            throw new InvalidMessageException("a comment record is " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " bytes, not " + encoded.length);
        }
        CommentType type = CommentType.fromCode(in.readUnsignedByte("type"));
        NoteId noteId = NoteId.fromBytes(in.readBytes(NoteId.LENGTH, "note id"));
        CommentId threadId = CommentId.fromBytes(in.readBytes(CommentId.LENGTH, "thread id"));
        CommentId recordId = CommentId.fromBytes(in.readBytes(CommentId.LENGTH, "record id"));
        CommentId parentId = CommentId.fromBytes(in.readBytes(CommentId.LENGTH, "parent id"));
        int edit = in.readInt("edit");
        long clock = in.readLong("clock");
        long createdAtMillis = in.readLong("created at");
        int flags = in.readUnsignedByte("flags");
        if ((flags & ~DELETED_OR_RESOLVED) != 0) {
            throw new InvalidMessageException("a comment record's unknown flags must be clear, not " + flags);
        }
        int anchorPresent = in.readUnsignedByte("anchor presence");
        if (anchorPresent > 1) {
            throw new InvalidMessageException("a comment record's anchor presence is 0 or 1, not " + anchorPresent);
        }
        CommentAnchor anchor = anchorPresent == 1 ? CommentAnchor.readFrom(in) : null;
        String text = CommentText.decode(in.readBytesWithIntLength(CommentDraft.MAX_TEXT_BYTES, "text"),
                "comment's text");
        String name = CommentText.decode(in.readBytesWithByteLength(CommentDraft.MAX_NAME_BYTES, "author name"),
                "author's name");
        PublicIdentity author = publicIdentity(in.readBytes(PublicIdentity.ENCODED_LENGTH, "author keys"));
        DeviceCertificate credential = readCredential(in, author);
        if (credential != null && !name.isEmpty()) {
            throw new InvalidMessageException("an account's comment carries no chosen name");
        }
        byte[] signature = in.readBytes(Ed25519PublicKey.SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        boolean flagged = flags == DELETED_OR_RESOLVED;
        CommentDraft draft;
        try {
            draft = new CommentDraft(type, noteId, threadId, recordId, parentId, edit, clock, createdAtMillis,
                    type == CommentType.COMMENT && flagged, type == CommentType.THREAD_STATE && flagged, anchor,
                    text, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("comment record breaks a rule: " + e.getMessage());
        }
        return new CommentRecord(draft, author, credential, signature, encoded.clone());
    }

    private static DeviceCertificate readCredential(ByteReader in, PublicIdentity author)
            throws InvalidMessageException {
        int length = in.readUnsignedShort("certificate length");
        if (length == 0) {
            return null;
        }
        if (length > DeviceCertificate.MAX_LENGTH) {
            throw new InvalidMessageException("a device certificate is at most " + DeviceCertificate.MAX_LENGTH
                    + " bytes, not " + length);
        }
        DeviceCertificate credential = ParsedCertificates.parse(in.readBytes(length, "certificate"));
        if (!credential.device().equals(author)) {
            throw new InvalidMessageException("a comment record's certificate names another device than its author");
        }
        return credential;
    }

    private static PublicIdentity publicIdentity(byte[] bytes) throws InvalidMessageException {
        try {
            return PublicIdentity.fromBytes(bytes);
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("a comment record carries an invalid author key: " + e.getMessage());
        }
    }

    /**
     * Checks the author's signature over every other byte, and that a carried certificate is signed by the identity
     * it names (whether that identity is the person's is for safety numbers, and a workspace's membership, to say).
     * Whether the record names the reader's note and was signed by the key of the item that carried it is the
     * reader's to check, with {@link #noteId()} and {@link #author()}.
     */
    public void verify() throws InvalidSignatureException {
        byte[] unsigned = Arrays.copyOf(encoded, encoded.length - signature.length);
        author.signingKey().verify(Label.COMMENT_SIGNATURE.prefix(unsigned), signature);
        if (credential != null) {
            credential.verify();
        }
    }

    /** Everything but the author's keys and signature, as signed. */
    public CommentDraft draft() {
        return draft;
    }

    public CommentType type() {
        return draft.type();
    }

    public NoteId noteId() {
        return draft.noteId();
    }

    public CommentId threadId() {
        return draft.threadId();
    }

    /** For a comment, its comment id (the same in all its edits); for a thread state, an id of its own. */
    public CommentId recordId() {
        return draft.recordId();
    }

    /** The comment replied to, or {@link CommentId#ZERO}. */
    public CommentId parentId() {
        return draft.parentId();
    }

    /** Whether this is a thread's first comment (or an edit of it): the one that carries the anchor. */
    public boolean startsThread() {
        return draft.type() == CommentType.COMMENT && draft.parentId().isZero();
    }

    public int edit() {
        return draft.edit();
    }

    public long clock() {
        return draft.clock();
    }

    public long createdAtMillis() {
        return draft.createdAtMillis();
    }

    public boolean deleted() {
        return draft.deleted();
    }

    public boolean resolved() {
        return draft.resolved();
    }

    /** The thread's anchor on its first comment; null otherwise. */
    public CommentAnchor anchor() {
        return draft.anchor();
    }

    public String text() {
        return draft.text();
    }

    /** An anonymous author's chosen name; empty for an account (whose name is its certificate's username). */
    public String authorName() {
        return draft.authorName();
    }

    /** The author's public identity: the key that signed the record. */
    public PublicIdentity author() {
        return author;
    }

    public IdentityKeyId authorKeyId() {
        return IdentityKeyId.of(author);
    }

    /** The author device's certificate, parsed but checked only by {@link #verify()}; null if anonymous. */
    public DeviceCertificate credential() {
        return credential;
    }

    public byte[] encode() {
        return encoded.clone();
    }

    public int length() {
        return encoded.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommentRecord that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** Ids and counters only: the text is note content, which never belongs in a log. */
    @Override
    public String toString() {
        return "CommentRecord[" + draft.type() + " " + draft.recordId() + " in thread " + draft.threadId() + ", edit "
                + draft.edit() + ", clock " + draft.clock() + ", by " + authorKeyId() + "]";
    }
}
