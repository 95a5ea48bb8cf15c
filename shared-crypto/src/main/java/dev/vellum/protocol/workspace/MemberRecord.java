package dev.vellum.protocol.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.nio.charset.StandardCharsets;

/**
 * A person as a membership entry names them: account, username, identity public keys and role. The identity in the
 * log is the one every member seals keys to and checks signatures with, whatever the server's directory says later.
 *
 * <p>Encoded {@code account id (16) || username length (1) || username (ASCII, normal form) || identity (64) ||
 * role (1)}.
 */
public record MemberRecord(AccountId accountId, Username username, PublicIdentity identity, Role role) {
    public MemberRecord {
        if (accountId == null || username == null || identity == null || role == null) {
            throw new NullPointerException("a member has an account, a username, an identity and a role");
        }
    }

    public MemberRecord withRole(Role newRole) {
        return new MemberRecord(accountId, username, identity, newRole);
    }

    void writeTo(ByteWriter out) {
        out.writeBytes(accountId.toBytes())
                .writeBytesWithByteLength(username.toBytes(), Username.MAX_LENGTH)
                .writeBytes(identity.toBytes())
                .writeByte(role.code());
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(18 + Username.MAX_LENGTH + PublicIdentity.ENCODED_LENGTH);
        writeTo(out);
        return out.toByteArray();
    }

    static MemberRecord readFrom(ByteReader in) throws InvalidMessageException {
        AccountId accountId = AccountId.fromBytes(in.readBytes(AccountId.LENGTH, "account id"));
        String name = new String(in.readBytesWithByteLength(Username.MAX_LENGTH, "username"),
                StandardCharsets.US_ASCII);
        Username username = Username.parse(name);
        if (!username.value().equals(name)) {
            throw new InvalidMessageException("a member record carries its username in normal form");
        }
        PublicIdentity identity;
        try {
            identity = PublicIdentity.fromBytes(in.readBytes(PublicIdentity.ENCODED_LENGTH, "identity"));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("a member record carries an invalid key: " + e.getMessage());
        }
        Role role = Role.fromCode(in.readUnsignedByte("role"));
        return new MemberRecord(accountId, username, identity, role);
    }

    public static MemberRecord parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "member record");
        MemberRecord record = readFrom(in);
        in.expectEnd();
        return record;
    }
}
