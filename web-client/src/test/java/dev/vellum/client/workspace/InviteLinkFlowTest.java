package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.InviteLinkSecret;
import dev.vellum.protocol.workspace.JoinRequest;
import dev.vellum.protocol.workspace.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inviting by link: the secret stays in the fragment, the owner confirms the joiner's key, a link lets in one. */
class InviteLinkFlowTest {
    private static final String ORIGIN = "https://vellum.example";
    private final Workspaces world = new Workspaces();
    private final Person alice = world.person("alice");
    private final Person carol = world.person("carol");
    private final WorkspaceId id = ok((done, failed) -> alice.actions().createWorkspace("Plans", done, failed));

    private String link(boolean autoConfirm, long validFor) {
        return ok((done, failed) -> alice.actions().createInviteLink(alice.open(id), Role.EDITOR, validFor,
                autoConfirm, ORIGIN, done, failed));
    }

    private static JoinLink parse(String text) {
        String rest = text.substring(ORIGIN.length());
        int hash = rest.indexOf('#');
        try {
            return JoinLink.parse(rest.substring(0, hash), rest.substring(hash));
        } catch (InvalidJoinLinkException e) {
            throw new IllegalStateException(e);
        }
    }

    private InvitationPreview preview(Person joiner, String text) {
        return ok((done, failed) -> joiner.session.joining().openInvitation(parse(text), done, failed));
    }

    private void requestToJoin(Person joiner, InvitationPreview preview) {
        Workspaces.<Boolean>ok((done, failed) -> joiner.session.joining().requestToJoin(preview,
                () -> done.accept(Boolean.TRUE), failed));
    }

    @Test
    void aJoiner_confirmedByTheOwner_becomesAMemberWithTheLinksRole() {
        String text = link(false, WorkspaceActions.DEFAULT_LINK_VALIDITY_MILLIS);
        InvitationPreview preview = preview(carol, text);
        assertEquals("Plans", preview.workspaceName());
        assertEquals("alice", preview.inviter().value());
        assertEquals(Role.EDITOR, preview.role()); // as the welcome says; the log decides once Carol is in
        requestToJoin(carol, preview);

        List<JoinRequestView> waiting = ok((done, failed) -> alice.actions().joinRequests(alice.open(id), done,
                failed));
        assertEquals(1, waiting.size());
        assertEquals(Role.EDITOR, waiting.get(0).role());
        OpenedWorkspace after = ok((done, failed) -> alice.actions().confirmJoin(alice.open(id), waiting.get(0),
                done, failed));
        assertEquals(2, after.members().size());
        assertTrue(after.linkInvitations().isEmpty()); // used: one person per link

        OpenedWorkspace carols = carol.open(id);
        assertEquals(Role.EDITOR, carols.myRole());
        assertTrue(carols.canWrite());
        assertTrue(carols.warnings().isEmpty(), () -> carols.warnings().toString());
    }

    @Test
    void anAutoConfirmLink_isConfirmedByTheOwnersOpenBrowser() {
        requestToJoin(carol, preview(carol, link(true, WorkspaceActions.DEFAULT_LINK_VALIDITY_MILLIS)));
        OpenedWorkspace after = ok((done, failed) -> alice.actions().confirmAutomatically(alice.open(id), done,
                failed));
        assertEquals(2, after.members().size());
    }

    @Test
    void aUsedLink_isRefusedWithAClearMessage() {
        String text = link(true, WorkspaceActions.DEFAULT_LINK_VALIDITY_MILLIS);
        requestToJoin(carol, preview(carol, text));
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().confirmAutomatically(alice.open(id), done,
                failed));
        Person dave = world.person("dave");
        WorkspaceProblem problem = Workspaces.<InvitationPreview>problem((done, failed) ->
                dave.session.joining().openInvitation(parse(text), done, failed));
        assertEquals(Kind.INVITATION_UNUSABLE, problem.kind());
        assertTrue(problem.message().contains("already used"));
    }

    @Test
    void aRevokedLink_isRefusedWithAClearMessage() {
        String text = link(false, WorkspaceActions.DEFAULT_LINK_VALIDITY_MILLIS);
        OpenedWorkspace opened = alice.open(id);
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().revokeInviteLink(opened,
                opened.linkInvitations().get(0).invitationId(), done, failed));
        WorkspaceProblem problem = Workspaces.<InvitationPreview>problem((done, failed) ->
                carol.session.joining().openInvitation(parse(text), done, failed));
        assertEquals(Kind.INVITATION_UNUSABLE, problem.kind());
        assertTrue(problem.message().contains("revoked"));
    }

    @Test
    void anExpiredLink_isRefused_andItsRequestIsNotConfirmed() {
        String text = link(true, 60_000);
        InvitationPreview preview = preview(carol, text);
        requestToJoin(carol, preview);
        world.now += 61_000;
        WorkspaceProblem problem = Workspaces.<InvitationPreview>problem((done, failed) ->
                carol.session.joining().openInvitation(parse(text), done, failed));
        assertTrue(problem.message().contains("expired"));
        OpenedWorkspace after = ok((done, failed) -> alice.actions().confirmAutomatically(alice.open(id), done,
                failed));
        assertEquals(1, after.members().size());
    }

    @Test
    void aRequestNotSignedByTheLinksKey_isLeftOut() {
        String text = link(false, WorkspaceActions.DEFAULT_LINK_VALIDITY_MILLIS);
        JoinLink real = parse(text);
        // The server (which has no fragment) makes a request with a secret of its own, under the real invitation.
        JoinRequest forged = JoinRequest.sign(InviteLinkSecret.generate(world.random), id,
                carol.account.accountId(), carol.account.username(), carol.account.identity());
        world.server.joinRequests.put(real.invitationId(), forged.encode());
        List<JoinRequestView> waiting = ok((done, failed) -> alice.actions().joinRequests(alice.open(id), done,
                failed));
        assertTrue(waiting.isEmpty());
    }

    @Test
    void aLinkWhoseHalvesDoNotBelongTogether_isRejectedBeforeAnythingIsFetched() {
        String text = link(false, WorkspaceActions.DEFAULT_LINK_VALIDITY_MILLIS);
        String otherSecret = InviteLinkSecret.generate(world.random).toBase64Url();
        String path = text.substring(ORIGIN.length(), text.indexOf('#'));
        assertThrows(InvalidJoinLinkException.class, () -> JoinLink.parse(path, "#" + otherSecret));
        assertThrows(InvalidJoinLinkException.class, () -> JoinLink.parse(path, ""));
        assertThrows(InvalidJoinLinkException.class, () -> JoinLink.parse("/join/nope", "#" + otherSecret));
    }
}
