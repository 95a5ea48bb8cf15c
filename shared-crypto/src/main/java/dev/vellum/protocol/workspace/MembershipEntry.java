package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.Arrays;

/**
 * One change to a workspace's membership, signed by the member who made it with their identity key and chained to
 * the entry before by its hash, so that the log is one tamper-evident history every member checks from its first
 * entry (docs/protocol.md, "Membership log").
 *
 * <pre>
 * offset  length  field
 *  0       1      version = 1
 *  1      16      workspace id
 * 17       8      sequence: 0 for the first entry, then +1 each
 * 25      32      hash of the entry before (all zero for sequence 0)
 * 57       1      kind
 * 58       8      created at, milliseconds since 1970 by the signer's clock
 * 66      16      signer's account id
 * 82       4      body length b, at most {@value #MAX_BODY_LENGTH}
 * 86       b      body (see EntryBody)
 * 86+b    64      Ed25519 signature by the signer's identity over "vellum/v1/membership-entry/signature" || 0..86+b
 * </pre>
 *
 * The entry's hash is {@code SHA-256("vellum/v1/membership-entry/hash" || whole entry)}.
 */
public final class MembershipEntry {
    public static final int VERSION = 1;
    private static final int HEADER_LENGTH = 86;
    public static final int MAX_BODY_LENGTH = 1024;
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_BODY_LENGTH + Ed25519PublicKey.SIGNATURE_LENGTH;

    private final WorkspaceId workspaceId;
    private final long sequence;
    private final byte[] previousHash;
    private final long createdAtMillis;
    private final AccountId signer;
    private final EntryBody body;
    private final byte[] encoded;
    private final byte[] hash;

    private MembershipEntry(WorkspaceId workspaceId, long sequence, byte[] previousHash, long createdAtMillis,
                            AccountId signer, EntryBody body, byte[] encoded) {
        this.workspaceId = workspaceId;
        this.sequence = sequence;
        this.previousHash = previousHash;
        this.createdAtMillis = createdAtMillis;
        this.signer = signer;
        this.body = body;
        this.encoded = encoded;
        this.hash = Sha256.labeled(Label.MEMBERSHIP_ENTRY_HASH, encoded);
    }

    /**
     * Signs {@code body} as the entry after {@code previous}, by {@code signer} with their identity key.
     *
     * @throws IllegalArgumentException if the body is larger than {@value #MAX_BODY_LENGTH} bytes
     */
    public static MembershipEntry sign(WorkspaceId workspaceId, LogHead previous, EntryBody body,
                                       long createdAtMillis, AccountId signer, IdentityKeyPair signerIdentity) {
        byte[] bodyBytes = body.encode();
        if (bodyBytes.length > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("a membership entry's body is at most " + MAX_BODY_LENGTH + " bytes");
        }
        byte[] unsigned = new ByteWriter(HEADER_LENGTH + bodyBytes.length)
                .writeByte(VERSION)
                .writeBytes(workspaceId.toBytes())
                .writeLong(previous.sequence() + 1)
                .writeBytes(previous.entryHash())
                .writeByte(body.kind().code())
                .writeLong(createdAtMillis)
                .writeBytes(signer.toBytes())
                .writeInt(bodyBytes.length)
                .writeBytes(bodyBytes)
                .toByteArray();
        byte[] signature = signerIdentity.signingKey().sign(Label.MEMBERSHIP_ENTRY_SIGNATURE.prefix(unsigned));
        byte[] encoded = new ByteWriter(unsigned.length + signature.length)
                .writeBytes(unsigned).writeBytes(signature).toByteArray();
        return new MembershipEntry(workspaceId, previous.sequence() + 1, previous.entryHash(), createdAtMillis,
                signer, body, encoded);
    }

    /** Checks the layout and the body's form; the signature and the rules are {@link MembershipLog}'s. */
    public static MembershipEntry parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length > MAX_LENGTH) {
            throw new InvalidMessageException("a membership entry is at most " + MAX_LENGTH + " bytes");
        }
        ByteReader in = new ByteReader(encoded, "membership entry");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("membership entry", version, VERSION);
        }
        WorkspaceId workspaceId = WorkspaceId.fromBytes(in.readBytes(WorkspaceId.LENGTH, "workspace id"));
        long sequence = in.readLong("sequence");
        if (sequence < 0) {
            throw new InvalidMessageException("a membership entry's sequence must not be negative");
        }
        byte[] previousHash = in.readBytes(Sha256.LENGTH, "previous hash");
        EntryKind kind = EntryKind.fromCode(in.readUnsignedByte("kind"));
        long createdAtMillis = in.readLong("created at");
        AccountId signer = AccountId.fromBytes(in.readBytes(AccountId.LENGTH, "signer"));
        byte[] bodyBytes = in.readBytesWithIntLength(MAX_BODY_LENGTH, "body");
        in.readBytes(Ed25519PublicKey.SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        EntryBody body = EntryBody.parse(kind, bodyBytes);
        return new MembershipEntry(workspaceId, sequence, previousHash, createdAtMillis, signer, body,
                encoded.clone());
    }

    /** Checks the signature over everything before it with {@code signerIdentity}. */
    public void verifySignature(PublicIdentity signerIdentity) throws InvalidSignatureException {
        int signatureStart = encoded.length - Ed25519PublicKey.SIGNATURE_LENGTH;
        byte[] unsigned = Arrays.copyOf(encoded, signatureStart);
        byte[] signature = Arrays.copyOfRange(encoded, signatureStart, encoded.length);
        signerIdentity.signingKey().verify(Label.MEMBERSHIP_ENTRY_SIGNATURE.prefix(unsigned), signature);
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public long sequence() {
        return sequence;
    }

    public byte[] previousHash() {
        return previousHash.clone();
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public AccountId signer() {
        return signer;
    }

    public EntryBody body() {
        return body;
    }

    public EntryKind kind() {
        return body.kind();
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** The log's head once this entry is its last. */
    public LogHead head() {
        return new LogHead(sequence, hash);
    }

    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MembershipEntry entry && Arrays.equals(entry.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "MembershipEntry[" + workspaceId + " #" + sequence + " " + body.kind() + " by " + signer + "]";
    }
}
