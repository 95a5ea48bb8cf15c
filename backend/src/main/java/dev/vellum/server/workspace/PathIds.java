package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.ApiError;
import io.vertx.ext.web.RoutingContext;

/** The ids in a workspace API path, each 22 characters of base64url, parsed or refused with a 400. */
final class PathIds {
    private PathIds() {
    }

    static WorkspaceId workspace(RoutingContext ctx) throws ApiError {
        return WorkspaceId.fromBytes(bytes(ctx, "workspaceId"));
    }

    static NoteId note(RoutingContext ctx) throws ApiError {
        return NoteId.fromBytes(bytes(ctx, "noteId"));
    }

    static InvitationId invitation(RoutingContext ctx) throws ApiError {
        return InvitationId.fromBytes(bytes(ctx, "invitationId"));
    }

    static NoteId noteId(String text, String field) throws ApiError {
        try {
            return NoteId.parse(text);
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + field + "\" must be a note id (22 base64url characters).");
        }
    }

    static InvitationId invitationId(String text, String field) throws ApiError {
        try {
            return InvitationId.fromBytes(Base64Url.decode(text, Id128.LENGTH));
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + field + "\" must be an invitation id (22 base64url "
                    + "characters).");
        }
    }

    private static byte[] bytes(RoutingContext ctx, String name) throws ApiError {
        try {
            return Base64Url.decode(ctx.pathParam(name), Id128.LENGTH);
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("The path's " + name + " must be 22 base64url characters.");
        }
    }
}
