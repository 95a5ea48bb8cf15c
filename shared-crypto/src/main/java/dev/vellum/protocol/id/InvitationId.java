package dev.vellum.protocol.id;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;

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

    /** Parses the 22-character base64url form; anything else is rejected. */
    public static InvitationId parse(String text) throws InvalidMessageException {
        return new InvitationId(Base64Url.decode(text, LENGTH));
    }
}
