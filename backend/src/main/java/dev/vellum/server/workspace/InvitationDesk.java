package dev.vellum.server.workspace;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.JoinRequest;
import dev.vellum.protocol.workspace.LinkInvitationState;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.workspace.JdbcInvitations.InvitationRow;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.MemberRow;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.RegisteredAccount;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.WorkspaceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Invite links as the server sees them: the sealed welcome for anyone logged in who knows the invitation id, while
 * the invitation is open (neither used nor revoked, as the log says, and not past its expiry by the server's
 * clock); and one join request per invitation, checked before an owner sees it: signed with the link's key (which
 * only the link's secret gives) and by the joiner's registered identity, naming this invitation, its workspace and
 * the account that sends it. Blocking: runs on the database workers.
 */
final class InvitationDesk {
    /** An open invitation as a joiner sees it. */
    record View(WorkspaceId workspaceId, byte[] welcome, Instant expiresAt) {
    }

    private final WorkspaceStore store;

    InvitationDesk(WorkspaceStore store) {
        this.store = store;
    }

    View open(InvitationId id) throws ApiError, SQLException {
        InvitationRow row = store.invitations().invitation(id.toBytes()).orElseThrow(
                WorkspaceErrors::noSuchInvitation);
        withOpenInvitation(id, row, (connection, log, state) -> null);
        return new View(row.workspaceId(), row.welcome(), row.expiresAt());
    }

    void join(InvitationId id, AccountId joiner, byte[] request) throws ApiError, SQLException {
        InvitationRow row = store.invitations().invitation(id.toBytes()).orElseThrow(
                WorkspaceErrors::noSuchInvitation);
        JoinRequest parsed;
        try {
            parsed = JoinRequest.parse(request);
        } catch (InvalidMessageException e) {
            throw WorkspaceErrors.invalidJoinRequest("The join request does not parse: " + e.getMessage());
        }
        if (!parsed.invitationId().equals(id) || !parsed.workspaceId().equals(row.workspaceId())
                || !parsed.joiner().equals(joiner)) {
            throw WorkspaceErrors.invalidJoinRequest("The join request must name this invitation, its workspace and "
                    + "your account.");
        }
        withOpenInvitation(id, row, (connection, log, state) -> {
            RegisteredAccount registered = store.repository().account(connection, joiner).orElseThrow(
                    () -> WorkspaceErrors.invalidJoinRequest("Your account no longer exists."));
            if (!registered.username().equals(parsed.username())
                    || !registered.identity().equals(parsed.identity())) {
                throw WorkspaceErrors.identityMismatch("The join request must carry your registered username and "
                        + "identity key.");
            }
            try {
                // The link key's signature (only the link's secret makes it) and the joiner's, by the identity the
                // request carries, which is the registered one (checked above).
                parsed.verify(state.linkKey());
            } catch (InvalidSignatureException e) {
                throw WorkspaceErrors.invalidJoinRequest("The join request is not signed by this invitation's link "
                        + "key and your identity key.");
            }
            MemberRow already = store.repository().members(connection, row.workspaceId()).get(joiner);
            if (already != null) {
                throw ApiError.of(409, "already_member", already.pending()
                        ? "You are invited to this workspace already; accept that invitation."
                        : "You are a member of this workspace already.");
            }
            return null;
        });
        if (!store.invitations().insertJoinRequest(id.toBytes(), request, store.clock().instant())) {
            throw WorkspaceErrors.joinRequested();
        }
    }

    /** A step that needs the open invitation, with the workspace's log locked and current. */
    @FunctionalInterface
    private interface Step<T> {
        T run(Connection connection, MembershipLog log, LinkInvitationState state) throws ApiError,
                SQLException;
    }

    private <T> T withOpenInvitation(InvitationId id, InvitationRow row, Step<T> step) throws ApiError,
            SQLException {
        WorkspaceLogs logs = store.logs();
        synchronized (logs.lock(row.workspaceId())) {
            try (Connection connection = store.repository().connection()) {
                WorkspaceRow workspace = store.repository().workspace(connection, row.workspaceId())
                        .orElseThrow(WorkspaceErrors::noSuchInvitation);
                MembershipLog log = logs.current(connection, workspace);
                LinkInvitationState state = log.linkInvitation(id).orElseThrow(
                        () -> new SQLException("invitation " + id + " is stored but not in its workspace's log"));
                switch (state.status()) {
                    case USED -> throw WorkspaceErrors.invitationUsed();
                    case REVOKED -> throw WorkspaceErrors.invitationRevoked();
                    default -> {
                    }
                }
                if (store.clock().millis() > state.expiresAtMillis()) {
                    throw WorkspaceErrors.invitationExpired();
                }
                return step.run(connection, log, state);
            }
        }
    }
}
