package dev.vellum.server.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the server checks of a JoinRequest before an owner sees it: {@code invitation id (16) || workspace id (16) ||
 * joiner account id (16) || username (1+n) || identity (64) || link signature (64) || joiner signature (64)}, the
 * link signature by the invitation's link key over {@code "vellum/v1/join-request/link-signature" || before} (so only
 * someone who holds the link's secret can ask), the joiner signature by the joiner's identity over
 * {@code "vellum/v1/join-request/joiner-signature" || all before}. ws-crypto's {@code JoinRequest} parses and
 * verifies the same format; once merged, {@link #parse} and {@link #verify} become {@code JoinRequest.parse} and
 * {@code JoinRequest.verify(linkKey)}.
 */
final class JoinRequestCheck {
    static final int MAX_BYTES = 3 * Id128.LENGTH + 1 + Username.MAX_LENGTH + PublicIdentity.ENCODED_LENGTH
            + 2 * Ed25519PublicKey.SIGNATURE_LENGTH;
    private static final byte[] LINK_SIGNATURE_LABEL =
            "vellum/v1/join-request/link-signature".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOINER_SIGNATURE_LABEL =
            "vellum/v1/join-request/joiner-signature".getBytes(StandardCharsets.US_ASCII);

    /** A join request's fields, its form checked, its signatures not yet. */
    record Parsed(byte[] invitationId, WorkspaceId workspaceId, AccountId joiner, Username username,
                  PublicIdentity identity, byte[] encoded, int linkSignatureAt) {
    }

    private JoinRequestCheck() {
    }

    static Parsed parse(byte[] request) throws ApiError {
        int at = 3 * Id128.LENGTH;
        if (request.length < at + 1) {
            throw WorkspaceErrors.invalidJoinRequest("The join request is too short.");
        }
        int usernameLength = request[at] & 0xff;
        int identityAt = at + 1 + usernameLength;
        int linkSignatureAt = identityAt + PublicIdentity.ENCODED_LENGTH;
        if (usernameLength < Username.MIN_LENGTH || usernameLength > Username.MAX_LENGTH
                || request.length != linkSignatureAt + 2 * Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw WorkspaceErrors.invalidJoinRequest("The join request's length does not match its form.");
        }
        String typed = new String(request, at + 1, usernameLength, StandardCharsets.US_ASCII);
        try {
            Username username = Username.parse(typed);
            if (!username.value().equals(typed)) {
                throw WorkspaceErrors.invalidJoinRequest("The join request's username is not in normal form.");
            }
            return new Parsed(Arrays.copyOfRange(request, 0, Id128.LENGTH),
                    WorkspaceId.fromBytes(Arrays.copyOfRange(request, Id128.LENGTH, 2 * Id128.LENGTH)),
                    AccountId.fromBytes(Arrays.copyOfRange(request, 2 * Id128.LENGTH, 3 * Id128.LENGTH)), username,
                    PublicIdentity.fromBytes(Arrays.copyOfRange(request, identityAt, linkSignatureAt)),
                    request.clone(), linkSignatureAt);
        } catch (InvalidUsernameException e) {
            throw WorkspaceErrors.invalidJoinRequest("The join request's username is not valid.");
        } catch (InvalidPublicKeyException e) {
            throw WorkspaceErrors.invalidJoinRequest("The join request's identity is not a pair of public keys.");
        }
    }

    /** Both signatures: the link key's (the joiner holds the link) and the joiner's identity's. */
    static void verify(Parsed request, Ed25519PublicKey linkKey, PublicIdentity joinerIdentity) throws ApiError {
        byte[] encoded = request.encoded();
        int joinerSignatureAt = request.linkSignatureAt() + Ed25519PublicKey.SIGNATURE_LENGTH;
        try {
            linkKey.verify(concat(LINK_SIGNATURE_LABEL, Arrays.copyOf(encoded, request.linkSignatureAt())),
                    Arrays.copyOfRange(encoded, request.linkSignatureAt(), joinerSignatureAt));
        } catch (InvalidSignatureException e) {
            throw WorkspaceErrors.invalidJoinRequest("The join request is not signed by this invitation's link key.");
        }
        try {
            joinerIdentity.signingKey().verify(concat(JOINER_SIGNATURE_LABEL, Arrays.copyOf(encoded,
                    joinerSignatureAt)), Arrays.copyOfRange(encoded, joinerSignatureAt, encoded.length));
        } catch (InvalidSignatureException e) {
            throw WorkspaceErrors.invalidJoinRequest("The join request is not signed by your identity key.");
        }
    }

    private static byte[] concat(byte[] label, byte[] rest) {
        byte[] all = Arrays.copyOf(label, label.length + rest.length);
        System.arraycopy(rest, 0, all, label.length, rest.length);
        return all;
    }
}
