package dev.vellum.protocol.workspace;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Utf8;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;

/**
 * What an invite link's joiner reads before joining: which workspace, who invited them, the log as the inviter
 * saw it, and the workspace's name. Sealed by the inviter under the link's welcome key, so the server (which stores
 * it under the invitation id) cannot read it, and only a holder of the link's fragment can.
 *
 * <pre>
 * plaintext: version = 1 (1) || workspace id (16) || inviter's member record || log head at invite: sequence (8)
 *            || entry hash (32) || role offered (1) || name length (2, 1 to 100) || workspace name (UTF-8)
 * sealed:    CommittingXChaCha20Poly1305 under the link's welcome key, associated data
 *            "vellum/v1/invite-link/welcome-ad" || invitation id
 * </pre>
 *
 * <p>The joiner takes none of it on trust beyond showing it: once the log is fetched, it must extend the head given
 * here ({@link MembershipLog#checkExtends}), contain the LinkInvite of this invitation signed by the inviter as an
 * owner, and the inviter's record must be the log's.
 *
 * @param headAtInvite the log head the inviter had verified when making the link
 * @param role the role the link offers, as its LinkInvite entry says (which the joiner cannot read before joining)
 */
public record Welcome(WorkspaceId workspaceId, MemberRecord inviter, LogHead headAtInvite, Role role,
                      String workspaceName) {
    public static final int VERSION = 1;
    /** The server's cap on a stored welcome; a sealed one is far smaller. */
    public static final int MAX_SEALED_LENGTH = 1024;

    public Welcome {
        if (workspaceId == null || inviter == null || headAtInvite == null || role == null || workspaceName == null) {
            throw new NullPointerException("a welcome names a workspace, an inviter, a head, a role and a name");
        }
        int nameBytes = Utf8.encode(workspaceName).length;
        if (nameBytes < 1 || nameBytes > SealedName.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a workspace name is 1 to " + SealedName.MAX_NAME_BYTES
                    + " bytes of UTF-8");
        }
    }

    /** Seals this welcome for the holders of {@code link}. */
    public byte[] seal(InviteLinkSecret link, RandomSource random) {
        byte[] name = Utf8.encode(workspaceName);
        ByteWriter out = new ByteWriter(MAX_SEALED_LENGTH).writeByte(VERSION).writeBytes(workspaceId.toBytes());
        inviter.writeTo(out);
        byte[] plaintext = out.writeBytes(headAtInvite.encode())
                .writeByte(role.code())
                .writeShort(name.length)
                .writeBytes(name)
                .toByteArray();
        return new CommittingXChaCha20Poly1305(link.welcomeKey(), random).encrypt(plaintext,
                associatedData(link.invitationId()));
    }

    /**
     * Opens a welcome with the link's secret.
     *
     * @throws AuthenticationFailedException if it was not sealed under this link's welcome key for this invitation
     * @throws InvalidMessageException if it does not parse
     */
    public static Welcome open(byte[] sealed, InviteLinkSecret link)
            throws InvalidMessageException, AuthenticationFailedException {
        if (sealed.length > MAX_SEALED_LENGTH) {
            throw new InvalidMessageException("a welcome is at most " + MAX_SEALED_LENGTH + " bytes");
        }
        byte[] plaintext = CommittingXChaCha20Poly1305.decryptOnly(link.welcomeKey()).decrypt(sealed,
                associatedData(link.invitationId()));
        ByteReader in = new ByteReader(plaintext, "welcome");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("welcome", version, VERSION);
        }
        WorkspaceId workspaceId = WorkspaceId.fromBytes(in.readBytes(Id128.LENGTH, "workspace id"));
        MemberRecord inviter = MemberRecord.readFrom(in);
        LogHead head = LogHead.readFrom(in);
        Role role = Role.fromCode(in.readUnsignedByte("role"));
        int nameLength = in.readUnsignedShort("name length");
        if (nameLength < 1 || nameLength > SealedName.MAX_NAME_BYTES) {
            throw new InvalidMessageException("a workspace name is 1 to " + SealedName.MAX_NAME_BYTES
                    + " bytes, not " + nameLength);
        }
        String name = Utf8.decode(in.readBytes(nameLength, "name"), "workspace name");
        in.expectEnd();
        if (head.sequence() < 0) {
            throw new InvalidMessageException("a welcome's log head names an entry of the log");
        }
        return new Welcome(workspaceId, inviter, head, role, name);
    }

    private static byte[] associatedData(InvitationId invitationId) {
        return Label.INVITE_LINK_WELCOME_AD.prefix(invitationId.toBytes());
    }
}
