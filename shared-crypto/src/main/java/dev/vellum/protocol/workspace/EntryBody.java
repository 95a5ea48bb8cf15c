package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;

/**
 * What a membership entry says, one record per {@link EntryKind}. Who may sign which is {@link MembershipLog}'s
 * rule; here is only the layout (docs/protocol.md, "Membership log").
 */
public sealed interface EntryBody {
    EntryKind kind();

    void writeTo(ByteWriter out);

    default byte[] encode() {
        ByteWriter out = new ByteWriter(256);
        writeTo(out);
        return out.toByteArray();
    }

    /** Parses a body of {@code kind}; every byte must be used. */
    static EntryBody parse(EntryKind kind, byte[] body) throws InvalidMessageException {
        ByteReader in = new ByteReader(body, "membership entry body");
        EntryBody parsed = switch (kind) {
            case CREATE -> new Create(MemberRecord.readFrom(in), sealedName(in), commitment(in));
            case INVITE -> new Invite(MemberRecord.readFrom(in));
            case ACCEPT -> new Accept(in.readBytes(Sha256.LENGTH, "invitation hash"));
            case DECLINE -> new Decline(account(in));
            case REMOVE -> new Remove(account(in));
            case CHANGE_ROLE -> new ChangeRole(account(in), Role.fromCode(in.readUnsignedByte("role")));
            case ROTATE -> new Rotate(epoch(in), commitment(in));
            case LINK_INVITE -> new LinkInvite(invitation(in), linkKey(in),
                    Role.fromCode(in.readUnsignedByte("role")), in.readLong("expires at"), flag(in));
            case LINK_REVOKE -> new LinkRevoke(invitation(in));
            case LINK_CONFIRM -> new LinkConfirm(invitation(in), MemberRecord.readFrom(in),
                    in.readBytes(Sha256.LENGTH, "join request hash"));
            case RENAME -> new Rename(sealedName(in));
        };
        in.expectEnd();
        return parsed;
    }

    private static AccountId account(ByteReader in) throws InvalidMessageException {
        return AccountId.fromBytes(in.readBytes(AccountId.LENGTH, "account id"));
    }

    private static InvitationId invitation(ByteReader in) throws InvalidMessageException {
        return InvitationId.fromBytes(in.readBytes(InvitationId.LENGTH, "invitation id"));
    }

    private static int epoch(ByteReader in) throws InvalidMessageException {
        int epoch = in.readInt("epoch");
        if (epoch < 0) {
            throw new InvalidMessageException("an epoch must not be negative");
        }
        return epoch;
    }

    private static byte[] commitment(ByteReader in) throws InvalidMessageException {
        return in.readBytes(EpochKey.COMMITMENT_LENGTH, "epoch commitment");
    }

    private static SealedName sealedName(ByteReader in) throws InvalidMessageException {
        return SealedName.parse(in.readBytes(in.readUnsignedShort("name length"), "sealed name"));
    }

    private static Ed25519PublicKey linkKey(ByteReader in) throws InvalidMessageException {
        try {
            return Ed25519PublicKey.fromBytes(in.readBytes(Ed25519PublicKey.LENGTH, "link key"));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("an invite link's key is invalid: " + e.getMessage());
        }
    }

    private static boolean flag(ByteReader in) throws InvalidMessageException {
        int value = in.readUnsignedByte("auto confirm");
        if (value > 1) {
            throw new InvalidMessageException("a flag is 0 or 1");
        }
        return value == 1;
    }

    private static void writeName(ByteWriter out, SealedName name) {
        byte[] encoded = name.encode();
        out.writeShort(encoded.length).writeBytes(encoded);
    }

    private static void checkLength(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " is " + length + " bytes");
        }
    }

    /** The genesis entry: the creator, as the first owner; the name; epoch 0's key commitment. */
    record Create(MemberRecord creator, SealedName name, byte[] epochCommitment) implements EntryBody {
        public Create {
            checkLength(epochCommitment, EpochKey.COMMITMENT_LENGTH, "an epoch commitment");
            epochCommitment = epochCommitment.clone();
        }

        public EntryKind kind() {
            return EntryKind.CREATE;
        }

        public void writeTo(ByteWriter out) {
            creator.writeTo(out);
            writeName(out, name);
            out.writeBytes(epochCommitment);
        }

        @Override
        public byte[] epochCommitment() {
            return epochCommitment.clone();
        }
    }

    /** An owner invites an account (by username) with a role; the invitee accepts or declines. */
    record Invite(MemberRecord invitee) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.INVITE;
        }

        public void writeTo(ByteWriter out) {
            invitee.writeTo(out);
        }
    }

    /** The invitee accepts the invitation whose entry has this hash. */
    record Accept(byte[] invitationHash) implements EntryBody {
        public Accept {
            checkLength(invitationHash, Sha256.LENGTH, "an invitation hash");
            invitationHash = invitationHash.clone();
        }

        public EntryKind kind() {
            return EntryKind.ACCEPT;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(invitationHash);
        }

        @Override
        public byte[] invitationHash() {
            return invitationHash.clone();
        }
    }

    /** The invitee declines, or an owner cancels the invitation. */
    record Decline(AccountId invitee) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.DECLINE;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(invitee.toBytes());
        }
    }

    /** An owner removes a member, or a member leaves. */
    record Remove(AccountId member) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.REMOVE;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(member.toBytes());
        }
    }

    record ChangeRole(AccountId member, Role role) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.CHANGE_ROLE;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(member.toBytes()).writeByte(role.code());
        }
    }

    /** A new key epoch, with the commitment to its key. */
    record Rotate(int epoch, byte[] epochCommitment) implements EntryBody {
        public Rotate {
            checkLength(epochCommitment, EpochKey.COMMITMENT_LENGTH, "an epoch commitment");
            epochCommitment = epochCommitment.clone();
        }

        public EntryKind kind() {
            return EntryKind.ROTATE;
        }

        public void writeTo(ByteWriter out) {
            out.writeInt(epoch).writeBytes(epochCommitment);
        }

        @Override
        public byte[] epochCommitment() {
            return epochCommitment.clone();
        }
    }

    /** An invite link: whoever proves the link's key may ask to join with this role until it expires. */
    record LinkInvite(InvitationId invitation, Ed25519PublicKey linkKey, Role role, long expiresAtMillis,
                      boolean autoConfirm) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.LINK_INVITE;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(invitation.toBytes()).writeBytes(linkKey.toBytes()).writeByte(role.code())
                    .writeLong(expiresAtMillis).writeByte(autoConfirm ? 1 : 0);
        }
    }

    record LinkRevoke(InvitationId invitation) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.LINK_REVOKE;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(invitation.toBytes());
        }
    }

    /** An owner lets in the person who proved the link, with the keys their join request carried. */
    record LinkConfirm(InvitationId invitation, MemberRecord joiner, byte[] joinRequestHash) implements EntryBody {
        public LinkConfirm {
            checkLength(joinRequestHash, Sha256.LENGTH, "a join request hash");
            joinRequestHash = joinRequestHash.clone();
        }

        public EntryKind kind() {
            return EntryKind.LINK_CONFIRM;
        }

        public void writeTo(ByteWriter out) {
            out.writeBytes(invitation.toBytes());
            joiner.writeTo(out);
            out.writeBytes(joinRequestHash);
        }

        @Override
        public byte[] joinRequestHash() {
            return joinRequestHash.clone();
        }
    }

    record Rename(SealedName name) implements EntryBody {
        public EntryKind kind() {
            return EntryKind.RENAME;
        }

        public void writeTo(ByteWriter out) {
            writeName(out, name);
        }
    }
}
