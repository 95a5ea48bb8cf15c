package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.Arrays;

/**
 * A joiner's request to join by an invite link: who they are, proven to hold the link (signed by its key) and to
 * hold their identity (signed by it). The server stores it for the workspace's owners, after checking both
 * signatures against the log's LinkInvite key and the session account's registered identity; an owner's browser
 * checks them again and confirms the joiner with a LinkConfirm entry naming {@link #hash()}.
 *
 * <pre>
 * offset    length  field
 *  0        16      invitation id
 * 16        16      workspace id
 * 32        16      joiner's account id
 * 48         1      username length u, 3 to 32
 * 49         u      username, in its normal form (ASCII)
 * 49+u      64      joiner's identity public keys: Ed25519 then X25519
 * 113+u     64      link signature: by the link's signing key over "vellum/v1/join-request/link-signature" ||
 *                   bytes 0..113+u
 * 177+u     64      joiner signature: by the identity's Ed25519 key over "vellum/v1/join-request/joiner-signature"
 *                   || bytes 0..177+u
 * </pre>
 */
public final class JoinRequest {
    private static final int SIGNATURE_LENGTH = Ed25519PublicKey.SIGNATURE_LENGTH;
    public static final int MAX_LENGTH = 3 * Id128.LENGTH + 1 + Username.MAX_LENGTH + PublicIdentity.ENCODED_LENGTH
            + 2 * SIGNATURE_LENGTH;

    private final InvitationId invitationId;
    private final WorkspaceId workspaceId;
    private final AccountId joiner;
    private final Username username;
    private final PublicIdentity identity;
    private final byte[] encoded;

    private JoinRequest(InvitationId invitationId, WorkspaceId workspaceId, AccountId joiner, Username username,
                        PublicIdentity identity, byte[] encoded) {
        this.invitationId = invitationId;
        this.workspaceId = workspaceId;
        this.joiner = joiner;
        this.username = username;
        this.identity = identity;
        this.encoded = encoded;
    }

    /** The joiner's browser makes this once it has opened the link's {@link Welcome}. */
    public static JoinRequest sign(InviteLinkSecret link, WorkspaceId workspaceId, AccountId joiner,
                                   Username username, IdentityKeyPair joinerIdentity) {
        byte[] body = new ByteWriter(MAX_LENGTH)
                .writeBytes(link.invitationId().toBytes())
                .writeBytes(workspaceId.toBytes())
                .writeBytes(joiner.toBytes())
                .writeBytesWithByteLength(username.toBytes(), Username.MAX_LENGTH)
                .writeBytes(joinerIdentity.publicIdentity().toBytes())
                .toByteArray();
        byte[] linked = Bytes.concat(body, link.signingKey().sign(Label.JOIN_REQUEST_LINK_SIGNATURE.prefix(body)));
        byte[] whole = Bytes.concat(linked,
                joinerIdentity.signingKey().sign(Label.JOIN_REQUEST_JOINER_SIGNATURE.prefix(linked)));
        try {
            return parse(whole);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a freshly signed join request does not parse", e);
        }
    }

    /**
     * Checks the layout, the username's normal form and the identity's keys; says nothing yet about the signatures
     * (see {@link #verify}).
     */
    public static JoinRequest parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "join request");
        InvitationId invitationId = InvitationId.fromBytes(in.readBytes(Id128.LENGTH, "invitation id"));
        WorkspaceId workspaceId = WorkspaceId.fromBytes(in.readBytes(Id128.LENGTH, "workspace id"));
        AccountId joiner = AccountId.fromBytes(in.readBytes(Id128.LENGTH, "joiner account id"));
        Username username = WireUsername.read(in);
        PublicIdentity identity;
        try {
            identity = PublicIdentity.fromBytes(in.readBytes(PublicIdentity.ENCODED_LENGTH, "identity"));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("a join request's identity is not a valid public identity");
        }
        in.skip(SIGNATURE_LENGTH, "link signature");
        in.skip(SIGNATURE_LENGTH, "joiner signature");
        in.expectEnd();
        return new JoinRequest(invitationId, workspaceId, joiner, username, identity, encoded.clone());
    }

    /**
     * Checks that {@code linkKey} is this invitation's (its hash is the invitation id), that it signed the request,
     * and that the joiner's identity signed all of it. Needs no secret: the server runs it with the log's LinkInvite
     * key, and so does the confirming owner's browser.
     *
     * @throws InvalidSignatureException if the link key is another invitation's, or either signature fails
     */
    public void verify(Ed25519PublicKey linkKey) throws InvalidSignatureException {
        if (!InvitationId.ofLinkKey(linkKey).equals(invitationId)) {
            throw new InvalidSignatureException("the link key is not invitation " + invitationId + "'s");
        }
        int joinerSignatureAt = encoded.length - SIGNATURE_LENGTH;
        int linkSignatureAt = joinerSignatureAt - SIGNATURE_LENGTH;
        linkKey.verify(Label.JOIN_REQUEST_LINK_SIGNATURE.prefix(Arrays.copyOf(encoded, linkSignatureAt)),
                Arrays.copyOfRange(encoded, linkSignatureAt, joinerSignatureAt));
        identity.signingKey().verify(Label.JOIN_REQUEST_JOINER_SIGNATURE.prefix(Arrays.copyOf(encoded,
                joinerSignatureAt)), Arrays.copyOfRange(encoded, joinerSignatureAt, encoded.length));
    }

    /** {@code SHA-256("vellum/v1/join-request/hash" || the whole request)}: what LinkConfirm names. */
    public byte[] hash() {
        return Sha256.labeled(Label.JOIN_REQUEST_HASH, encoded);
    }

    public InvitationId invitationId() {
        return invitationId;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public AccountId joiner() {
        return joiner;
    }

    public Username username() {
        return username;
    }

    public PublicIdentity identity() {
        return identity;
    }

    /** The joiner as a LinkConfirm names them, with the invitation's {@code role}. */
    public MemberRecord joinerRecord(Role role) {
        return new MemberRecord(joiner, username, identity, role);
    }

    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public String toString() {
        return "JoinRequest[" + invitationId + ", " + username + "]";
    }
}
