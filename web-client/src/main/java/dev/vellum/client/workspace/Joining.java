package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.workspace.JoinRequest;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.Welcome;
import java.util.function.Consumer;

/**
 * The joiner's side of an invite link: reading the invitation's sealed welcome with the link's secret, then asking
 * to join. The owner's side (making, revoking and confirming links) is in {@link WorkspaceActions}.
 */
public final class Joining {
    private final WorkspaceSession session;

    Joining(WorkspaceSession session) {
        this.session = session;
    }

    /** The joiner's side: fetches the invitation and opens its welcome with the link's secret. */
    public void openInvitation(JoinLink link, Consumer<InvitationPreview> ok, Consumer<WorkspaceProblem> failed) {
        session.server().invitation(link.invitationId(), info -> {
            if (info.expiresAt() < session.now()) {
                failed.accept(unusable("This invite link has expired. Ask for a new one."));
                return;
            }
            Welcome welcome;
            try {
                welcome = Welcome.open(info.welcome(), link.secret());
            } catch (InvalidMessageException | AuthenticationFailedException e) {
                failed.accept(WorkspaceProblem.of(Kind.FORGED_REQUEST, "This invitation's welcome does not open "
                        + "with the link's secret: the server altered it, or the link is from another invitation. "
                        + "Nothing was sent."));
                return;
            }
            if (!welcome.workspaceId().equals(info.workspaceId())) {
                failed.accept(WorkspaceProblem.of(Kind.FORGED_REQUEST, "The server names another workspace for "
                        + "this invitation than its sealed welcome does. Nothing was sent."));
                return;
            }
            MemberRecord inviter = welcome.inviter();
            ContactPins.Check pin = session.contacts().check(inviter.accountId(), inviter.username(),
                    inviter.identity());
            if (pin.changed()) {
                failed.accept(WorkspaceProblem.keyChanged(pin.change()));
                return;
            }
            InvitationPreview preview = new InvitationPreview(link, welcome, info.expiresAt());
            session.contacts().saveIfChanged(() -> ok.accept(preview), problem -> ok.accept(preview));
        }, error -> failed.accept(invitationRefusal(error)));
    }

    private static WorkspaceProblem unusable(String message) {
        return WorkspaceProblem.of(Kind.INVITATION_UNUSABLE, message);
    }

    private static WorkspaceProblem invitationRefusal(ApiError error) {
        if (error.is("invitation_expired")) {
            return unusable("This invite link has expired. Ask for a new one.");
        } else if (error.is("invitation_revoked")) {
            return unusable("This invite link was revoked by the workspace's owner.");
        } else if (error.is("invitation_used")) {
            return unusable("This invite link was already used: each link lets in one person.");
        } else if (error.status() == 404) {
            return unusable("This invitation does not exist (any more).");
        }
        return WorkspaceProblem.server(error);
    }

    /**
     * The joiner's side: sends a join request signed by the link key and by this person's identity. The head the
     * inviter saw is pinned, so the log this person later opens must extend it.
     */
    public void requestToJoin(InvitationPreview invitation, Runnable ok, Consumer<WorkspaceProblem> failed) {
        JoinRequest request = JoinRequest.sign(invitation.link().secret(), invitation.workspaceId(),
                session.account().accountId(), session.account().username(), session.account().identity());
        session.server().join(invitation.link().invitationId(), request.encode(), () -> {
            session.heads().pinClaimed(invitation.workspaceId(), invitation.welcome().headAtInvite());
            ok.run();
        }, error -> failed.accept(error.status() == 409 && !error.is("invitation_used")
                ? unusable("A request to join through this link is already waiting for the owner.")
                : invitationRefusal(error)));
    }
}
