package dev.vellum.protocol.id;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;

/**
 * TEMPORARY STAND-IN (ws-client) for ws-crypto's {@code InvitationId}, written from WORKSPACES-SPEC.md section 2 so
 * that the browser's workspace API compiles before ws-crypto lands. On merging ws-crypto, take ws-crypto's file.
 */
public final class InvitationId extends Id128 {
    private InvitationId(byte[] bytes) {
        super(bytes);
    }

    public static InvitationId fromBytes(byte[] bytes) {
        return new InvitationId(bytes);
    }

    public static InvitationId parse(String text) throws InvalidMessageException {
        return new InvitationId(Base64Url.decode(text, LENGTH));
    }
}
