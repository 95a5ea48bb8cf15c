package dev.vellum.client.workspace;

import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every change a person makes to workspaces, as WORKSPACES-SPEC.md lists them. Each one works from an
 * {@link OpenedWorkspace} (a verified log, so nothing is sealed to anyone the log does not name with that key),
 * builds and signs its entries, seals what must be sealed, and sends it all in one request. Membership changes
 * answer with the workspace opened again (verified again) after the server took them; when someone else changed
 * the log meanwhile ({@code stale_log}), the change is built again once on the new log.
 *
 * <p>Never seals to a changed key: a person whose key differs from this browser's pin gets a blocking
 * {@link WorkspaceProblem.Kind#KEY_CHANGED} instead, and nothing is sent.
 */
public final class WorkspaceActions {
    /** How long an invite link stays open unless the inviter chooses otherwise: 24 hours. */
    public static final long DEFAULT_LINK_VALIDITY_MILLIS = 24L * 60 * 60 * 1000;

    private final WorkspaceSession session;

    WorkspaceActions(WorkspaceSession session) {
        this.session = session;
    }

    // --- Workspaces ------------------------------------------------------------------------------------------

    /** Creates a workspace (genesis entry, epoch 0 sealed to this person) and answers its id. */
    public void createWorkspace(String name, Consumer<WorkspaceId> ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** Renames the workspace (owners), sealed under the current epoch. */
    public void renameWorkspace(OpenedWorkspace workspace, String name, Consumer<OpenedWorkspace> ok,
                                Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    // --- Notes -----------------------------------------------------------------------------------------------

    /** Creates a note (random id, sealed and signed title) and answers its id. */
    public void createNote(OpenedWorkspace workspace, String title, Consumer<NoteId> ok,
                           Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    public void renameNote(OpenedWorkspace workspace, NoteId note, String title, Runnable ok,
                           Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    public void deleteNote(OpenedWorkspace workspace, NoteId note, Runnable ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    // --- Inviting by username --------------------------------------------------------------------------------

    /**
     * Fetches the keys the server has for {@code username} and checks them against this person's pins: a new key
     * is pinned, a changed one fails with a blocking {@link WorkspaceProblem.Kind#KEY_CHANGED}. The answer carries
     * the safety number to show before inviting.
     */
    public void lookUp(String username, Consumer<Invitee> ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** Invites (owners): an Invite entry and the current epoch key sealed to the invitee, in one request. */
    public void invite(OpenedWorkspace workspace, Invitee invitee, Role role, Consumer<OpenedWorkspace> ok,
                       Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** The invitee joins: an Accept entry signed by them. */
    public void accept(OpenedWorkspace workspace, Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** The invitee declines: a Decline entry signed by them; the workspace is no longer theirs to open. */
    public void decline(OpenedWorkspace workspace, Runnable ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** An owner withdraws an invitation by username (a Decline entry signed by the owner). */
    public void cancelInvitation(OpenedWorkspace workspace, AccountId invitee, Consumer<OpenedWorkspace> ok,
                                 Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    // --- Inviting by link ------------------------------------------------------------------------------------

    /**
     * Makes an invite link (owners): a fresh secret, a LinkInvite entry with its public link key, and a welcome
     * sealed under the link's welcome key. Answers the whole link to hand on, with the secret in its fragment;
     * the secret is kept nowhere else.
     *
     * @param origin the site's origin, such as {@code https://vellum.example}
     */
    public void createInviteLink(OpenedWorkspace workspace, Role role, long validForMillis, boolean autoConfirm,
                                 String origin, Consumer<String> ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    public void revokeInviteLink(OpenedWorkspace workspace, InvitationId invitation, Consumer<OpenedWorkspace> ok,
                                 Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** The joiner's side: fetches the invitation and opens its welcome with the link's secret. */
    public void openInvitation(JoinLink link, Consumer<InvitationPreview> ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** The joiner's side: sends a join request signed by the link key and by this person's identity. */
    public void requestToJoin(InvitationPreview invitation, Runnable ok, Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /** The join requests waiting in a workspace (owners), each verified against the log; forged ones are dropped. */
    public void joinRequests(OpenedWorkspace workspace, Consumer<List<JoinRequestView>> ok,
                             Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /**
     * Confirms a joiner (owners): a LinkConfirm entry binding their request, and the current epoch key sealed to
     * their identity. A joiner whose key differs from this person's pin is refused with a blocking alert.
     */
    public void confirmJoin(OpenedWorkspace workspace, JoinRequestView request, Consumer<OpenedWorkspace> ok,
                            Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    /**
     * Confirms every waiting request whose invitation asks for it, if this person is an owner with the workspace
     * open; answers the workspace after the confirmations (unchanged if there were none).
     */
    public void confirmAutomatically(OpenedWorkspace workspace, Consumer<OpenedWorkspace> ok,
                                     Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    // --- Members ---------------------------------------------------------------------------------------------

    /**
     * Removes a member (owners), or this person leaves: a Remove and a Rotate entry, a fresh epoch key sealed to
     * every remaining member and pending invitee, and the link from the new epoch to the old one, in one request.
     * From then on nothing new is readable by the removed member.
     */
    public void remove(OpenedWorkspace workspace, AccountId member, Consumer<OpenedWorkspace> ok,
                       Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    public void changeRole(OpenedWorkspace workspace, AccountId member, Role role, Consumer<OpenedWorkspace> ok,
                           Consumer<WorkspaceProblem> failed) {
        unsupported();
    }

    private static void unsupported() {
        throw new UnsupportedOperationException("WorkspaceActions: being written (ws-client)");
    }
}
