package dev.vellum.server.workspace;

import dev.vellum.server.account.ApiError;

/**
 * The workspace API's refusals (docs/protocol.md, "Workspaces: HTTP API"), each {@code {"error", "message"}} with its
 * status; malformed bodies are the account API's {@code invalid-request}. Messages are for people and never hold a
 * secret.
 */
final class WorkspaceErrors {
    private WorkspaceErrors() {
    }

    static ApiError noSuchWorkspace() {
        return ApiError.of(404, "no_such_workspace", "There is no such workspace.");
    }

    static ApiError notAMember() {
        return ApiError.of(403, "not_a_member", "You are not a member of this workspace.");
    }

    static ApiError notAnOwner() {
        return ApiError.of(403, "not_an_owner", "Only the workspace's owners may do this.");
    }

    static ApiError readOnly() {
        return ApiError.of(403, "read_only", "Viewers cannot write in this workspace.");
    }

    static ApiError staleLog(long length) {
        return ApiError.of(409, "stale_log", "The workspace's log has " + length
                + " entries; fetch what is new and build on its head.");
    }

    static ApiError invalidEntry(String message) {
        return ApiError.of(400, "invalid_entry", message);
    }

    static ApiError notAllowed(String message) {
        return ApiError.of(403, "not_allowed", message);
    }

    static ApiError identityMismatch(String message) {
        return ApiError.of(400, "identity_mismatch", message);
    }

    static ApiError invalidEnvelope(String message) {
        return ApiError.of(400, "invalid_envelope", message);
    }

    static ApiError limitReached(String message) {
        return ApiError.of(409, "limit_reached", message);
    }

    static ApiError noSuchNote() {
        return ApiError.of(404, "no_such_note", "This workspace has no such note.");
    }

    static ApiError noteExists() {
        return ApiError.of(409, "note_exists", "A note with this id exists already.");
    }

    static ApiError noSuchUser() {
        return ApiError.of(404, "no_such_user", "There is no account with this username.");
    }

    static ApiError noSuchInvitation() {
        return ApiError.of(404, "no_such_invitation", "There is no such invitation.");
    }

    static ApiError invitationExpired() {
        return ApiError.of(410, "invitation_expired", "This invitation has expired; ask for a new link.");
    }

    static ApiError invitationRevoked() {
        return ApiError.of(410, "invitation_revoked", "This invitation was revoked; ask for a new link.");
    }

    static ApiError invitationUsed() {
        return ApiError.of(410, "invitation_used", "This invitation was used already; ask for a new link.");
    }

    static ApiError joinRequested() {
        return ApiError.of(409, "join_requested", "Someone has asked to join with this invitation already.");
    }

    static ApiError invalidJoinRequest(String message) {
        return ApiError.of(400, "invalid_join_request", message);
    }

    static ApiError staleContacts() {
        return ApiError.of(409, "stale_contacts", "Your contact book changed elsewhere; load it again.");
    }
}
