package dev.vellum.client.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.Welcome;

/**
 * What an invite link's sealed welcome says, once opened with the link's secret: which workspace, its name, who
 * invited, with which role, until when. Shown on the join page before the person asks to join. The welcome is the
 * inviter's word, sealed under a key only the link holds; the joiner's browser checks it against the log once it is
 * a member.
 */
public final class InvitationPreview {
    private final JoinLink link;
    private final WorkspaceId workspaceId;
    private final String workspaceName;
    private final Username inviter;
    private final Role role;
    private final long expiresAt;
    private final Welcome welcome;

    InvitationPreview(JoinLink link, Welcome welcome, Role role, long expiresAt) {
        this.link = link;
        this.welcome = welcome;
        this.workspaceId = welcome.workspaceId();
        this.workspaceName = welcome.workspaceName();
        this.inviter = welcome.inviter().username();
        this.role = role;
        this.expiresAt = expiresAt;
    }

    Welcome welcome() {
        return welcome;
    }

    public JoinLink link() {
        return link;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public String workspaceName() {
        return workspaceName;
    }

    public Username inviter() {
        return inviter;
    }

    /**
     * The inviter's identity as their sealed welcome states it (checked against this person's pins when the
     * invitation was opened): the safety number to compare with them is of this key.
     */
    public PublicIdentity inviterIdentity() {
        return welcome.inviter().identity();
    }

    /**
     * The role the invitation offers, or null: the role is in the log's LinkInvite entry, which only members read,
     * and the welcome does not carry it; the joiner learns it once confirmed.
     */
    public Role role() {
        return role;
    }

    /** ms since the epoch. */
    public long expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "InvitationPreview[" + workspaceId + ", by " + inviter + "]";
    }
}
