package dev.vellum.protocol.id;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * Names an invite link: derived from the link's public key (see {@code InviteLinkSecret}), so the id in a link's
 * path commits to the key only the holder of its fragment can sign with.
 */
public final class InvitationId extends Id128 {
    private InvitationId(byte[] bytes) {
        super(bytes);
    }

    public static InvitationId fromBytes(byte[] bytes) {
        return new InvitationId(bytes);
    }

    /**
     * The id of the invite link whose signing key is {@code linkKey}: the first 16 bytes of
     * {@code SHA-256("vellum/v1/invite-link/id" || link public key)}. The server, which sees the id (in the link's
     * path) and the key (in the log), cannot sign with it, so it cannot join with the id alone.
     */
    public static InvitationId ofLinkKey(Ed25519PublicKey linkKey) {
        return new InvitationId(Arrays.copyOf(Sha256.labeled(Label.INVITE_LINK_ID, linkKey.toBytes()), LENGTH));
    }

    /** Parses the 22-character base64url form; anything else is rejected. */
    public static InvitationId parse(String text) throws InvalidMessageException {
        return new InvitationId(Base64Url.decode(text, LENGTH));
    }
}
