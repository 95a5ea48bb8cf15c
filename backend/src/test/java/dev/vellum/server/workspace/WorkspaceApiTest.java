package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every route of the workspace API on its way to success, as the members' browsers use it. */
class WorkspaceApiTest extends ServerWithPeople {
    private static JsonObject only(JsonArray workspaces) {
        assertEquals(1, workspaces.size(), workspaces.encode());
        return workspaces.getJsonObject(0);
    }

    @Test
    void lookingUpAUser_givesTheirAccountIdAndRegisteredIdentity() {
        ApiClient.Response found = alice.client.get("/api/users/bob");

        assertStatus(200, null, found);
        assertEquals(bob.account.accountId.toString(), found.json().getString("accountId"));
        assertEquals("bob", found.json().getString("username"));
        assertEquals(TestWorkspace.b64(bob.account.identity.publicIdentity().toBytes()),
                found.json().getString("identity"));
        assertStatus(404, "no_such_user", alice.client.get("/api/users/nobody-here"));
        assertStatus(401, "not-signed-in", new ApiClient(server.port()).get("/api/users/bob"));
    }

    @Test
    void aCreatedWorkspace_isListed_withItsLogAndTheCreatorsKey() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);

        JsonObject listed = only(alice.client.get("/api/workspaces").json().getJsonArray("workspaces"));
        assertEquals(workspace.id.toString(), listed.getString("workspaceId"));
        assertEquals("owner", listed.getString("role"));
        assertFalse(listed.getBoolean("pending"));
        assertEquals(1, listed.getLong("logLength"));
        JsonObject log = alice.client.get("/api/workspaces/" + workspace.id + "/log").json();
        assertEquals(1, log.getLong("length"));
        assertEquals(1, log.getJsonArray("entries").size());
        JsonObject keys = alice.client.get("/api/workspaces/" + workspace.id + "/keys").json();
        KeyEnvelope envelope = KeyEnvelope.parse(AccountBrowser.unb64(keys.getJsonArray("envelopes").getString(0)));
        assertEquals(0, envelope.header().keyEpoch());
        envelope.verifySignature(alice.account.identity.publicIdentity());
        assertTrue(keys.getJsonArray("links").isEmpty());
        assertTrue(bob.client.get("/api/workspaces").json().getJsonArray("workspaces").isEmpty());
    }

    @Test
    void anInvitee_seesThePendingInvitation_andItsKey_thenAccepts_andBecomesAMember() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        MembershipEntry invite = workspace.invite(alice, bob, Role.EDITOR);

        JsonObject pending = only(bob.client.get("/api/workspaces").json().getJsonArray("workspaces"));
        assertTrue(pending.getBoolean("pending"));
        assertEquals("editor", pending.getString("role"));
        assertStatus(200, null, bob.client.get("/api/workspaces/" + workspace.id + "/log"));
        assertEquals(1, bob.client.get("/api/workspaces/" + workspace.id + "/keys").json()
                .getJsonArray("envelopes").size());
        assertStatus(403, "not_a_member", bob.client.get("/api/workspaces/" + workspace.id + "/notes"));

        workspace.accept(bob, invite);

        JsonObject member = only(bob.client.get("/api/workspaces").json().getJsonArray("workspaces"));
        assertFalse(member.getBoolean("pending"));
        assertEquals(3, member.getLong("logLength"));
        assertStatus(200, null, bob.client.get("/api/workspaces/" + workspace.id + "/notes"));
    }

    @Test
    void readingTheLogFromASequence_givesTheEntriesFromThere() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        MembershipEntry invite = workspace.invite(alice, bob, Role.VIEWER);

        JsonObject log = alice.client.get("/api/workspaces/" + workspace.id + "/log?from=1").json();
        assertEquals(2, log.getLong("length"));
        assertEquals(List.of(TestWorkspace.b64(invite.encode())), log.getJsonArray("entries").getList());
        assertTrue(alice.client.get("/api/workspaces/" + workspace.id + "/log?from=2").json()
                .getJsonArray("entries").isEmpty());
        assertStatus(400, "invalid-request", alice.client.get("/api/workspaces/" + workspace.id + "/log?from=-1"));
    }

    @Test
    void writers_createRetitleAndDeleteNotes_whichMembersList() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.VIEWER);
        NoteId note = addNote(workspace, bob);
        String notes = "/api/workspaces/" + workspace.id + "/notes";

        JsonArray listed = carol.client.get(notes).json().getJsonArray("notes");
        assertEquals(1, listed.size());
        assertEquals(note.toString(), listed.getJsonObject(0).getString("noteId"));
        byte[] newTitle = title(workspace, note, alice);
        assertStatus(204, null, alice.client.post(notes + "/" + note + "/title",
                new JsonObject().put("title", TestWorkspace.b64(newTitle))));
        assertEquals(TestWorkspace.b64(newTitle), alice.client.get(notes).json().getJsonArray("notes")
                .getJsonObject(0).getString("title"));
        assertStatus(409, "note_exists", alice.client.post(notes, newNote(workspace, note, alice)));
        assertStatus(403, "read_only", carol.client.post(notes + "/" + note + "/delete", new JsonObject()));

        assertStatus(204, null, bob.client.post(notes + "/" + note + "/delete", new JsonObject()));
        assertTrue(alice.client.get(notes).json().getJsonArray("notes").isEmpty());
        assertStatus(404, "no_such_note", bob.client.post(notes + "/" + note + "/delete", new JsonObject()));
    }

    @Test
    void removingAMember_withARotation_sealsTheNewEpochToTheOthersOnly() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.EDITOR);

        assertStatus(200, null, workspace.removeAndRotate(alice, carol, alice, bob));

        JsonArray bobs = bob.client.get("/api/workspaces/" + workspace.id + "/keys").json().getJsonArray("envelopes");
        assertEquals(2, bobs.size());
        assertEquals(1, KeyEnvelope.parse(AccountBrowser.unb64(bobs.getString(1))).header().keyEpoch());
        assertStatus(403, "not_a_member", carol.client.get("/api/workspaces/" + workspace.id + "/keys"));
        assertTrue(carol.client.get("/api/workspaces").json().getJsonArray("workspaces").isEmpty());
    }

    @Test
    void anInviteLink_givesItsWelcome_takesOneJoinRequest_andIsUsedByTheConfirmation() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        TestWorkspace.Link link = workspace.linkInvite(alice, Role.EDITOR, System.currentTimeMillis() + 3_600_000);
        workspace.openLink(alice, link);
        String invitation = "/api/invitations/" + link.invitationId();

        JsonObject shown = carol.client.get(invitation).json();
        assertEquals(workspace.id.toString(), shown.getString("workspaceId"));
        assertEquals("open", shown.getString("status"));
        assertTrue(shown.getString("welcome").length() > 0);
        byte[] request = workspace.joinRequest(link, carol, link.key());
        assertStatus(202, null, carol.client.post(invitation + "/join",
                new JsonObject().put("request", TestWorkspace.b64(request))));
        assertStatus(409, "join_requested", carol.client.post(invitation + "/join",
                new JsonObject().put("request", TestWorkspace.b64(request))));
        assertStatus(403, "not_an_owner", bob.client.get("/api/workspaces/" + workspace.id + "/join-requests"));
        JsonArray requests = alice.client.get("/api/workspaces/" + workspace.id + "/join-requests").json()
                .getJsonArray("requests");
        assertArrayEquals(request, AccountBrowser.unb64(requests.getString(0)));

        MembershipEntry confirm = workspace.sign(alice, new EntryBody.LinkConfirm(link.invitationId(),
                TestWorkspace.record(carol, Role.EDITOR), TestWorkspace.joinRequestHash(request)));
        assertStatus(200, null, workspace.append(alice, List.of(confirm), workspace.envelope(alice, carol)));

        assertFalse(only(carol.client.get("/api/workspaces").json().getJsonArray("workspaces"))
                .getBoolean("pending"));
        assertStatus(410, "invitation_used", carol.client.get(invitation));
        assertTrue(alice.client.get("/api/workspaces/" + workspace.id + "/join-requests").json()
                .getJsonArray("requests").isEmpty());
    }

    @Test
    void theContactBook_isReplacedOnlyOverTheRevisionItWasReadAt() {
        JsonObject empty = alice.client.get("/api/account/contacts").json();
        assertEquals(0, empty.getLong("revision"));
        assertFalse(empty.containsKey("book"));
        String book = TestWorkspace.b64(new byte[] {1, 2, 3});

        assertEquals(1, alice.client.post("/api/account/contacts", new JsonObject().put("revision", 0)
                .put("book", book)).json().getLong("revision"));
        assertStatus(409, "stale_contacts", alice.client.post("/api/account/contacts",
                new JsonObject().put("revision", 0).put("book", book)));
        assertEquals(2, alice.client.post("/api/account/contacts", new JsonObject().put("revision", 1)
                .put("book", TestWorkspace.b64(new byte[] {4}))).json().getLong("revision"));

        JsonObject stored = alice.client.get("/api/account/contacts").json();
        assertEquals(2, stored.getLong("revision"));
        assertEquals(TestWorkspace.b64(new byte[] {4}), stored.getString("book"));
        assertEquals(0, bob.client.get("/api/account/contacts").json().getLong("revision"));
    }

    @Test
    void anInvitee_declines_andAnOwner_cancelsAnInvitation_andBothAreGone() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.invite(alice, bob, Role.EDITOR);
        workspace.invite(alice, carol, Role.VIEWER);

        assertStatus(200, null, workspace.append(bob, List.of(workspace.sign(bob,
                new EntryBody.Decline(bob.account.accountId)))));
        assertStatus(200, null, workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.Decline(carol.account.accountId)))));

        assertTrue(bob.client.get("/api/workspaces").json().getJsonArray("workspaces").isEmpty());
        assertStatus(403, "not_a_member", carol.client.get("/api/workspaces/" + workspace.id + "/keys"));
    }

    @Test
    void epochLinks_areStoredWithTheirRotation_andServedToMembers_butNotForAnEpochToCome() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        EpochKey next = EpochKey.generate(workspace.id, 1, workspace.random);
        MembershipEntry rotate = workspace.sign(alice, new EntryBody.Rotate(1, next.commitment()));
        byte[] link = EpochLink.seal(next, workspace.epochKey, workspace.random).encode();
        byte[] future = EpochLink.seal(EpochKey.generate(workspace.id, 2, workspace.random), next, workspace.random)
                .encode();

        assertStatus(400, "invalid_envelope", workspace.post(alice, List.of(rotate), List.of(), List.of(future),
                null));
        assertStatus(200, null, workspace.post(alice, List.of(rotate), List.of(workspace.envelope(alice,
                bob.account.identity.publicIdentity(), next)), List.of(link), null));

        JsonObject keys = bob.client.get("/api/workspaces/" + workspace.id + "/keys").json();
        assertEquals(List.of(TestWorkspace.b64(link)), keys.getJsonArray("links").getList());
        assertEquals(2, keys.getJsonArray("envelopes").size());
    }

    @Test
    void anInviteLinksEntry_andItsWelcome_goTogether() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        TestWorkspace.Link link = workspace.linkInvite(alice, Role.VIEWER, System.currentTimeMillis() + 60_000);

        assertStatus(400, "invalid_entry", workspace.post(alice, List.of(link.entry()), List.of(), List.of(), null));
        assertStatus(400, "invalid_entry", workspace.post(alice, List.of(workspace.sign(alice,
                new EntryBody.Invite(TestWorkspace.record(bob, Role.VIEWER)))), List.of(), List.of(),
                workspace.welcome(link.invitationId())));
        assertStatus(404, "no_such_invitation", bob.client.get("/api/invitations/" + link.invitationId()));
        workspace.openLink(alice, link);
        assertStatus(200, null, bob.client.get("/api/invitations/" + link.invitationId()));
    }

    @Test
    void theLog_survivesARestart_isVerifiedAgain_andTakesNewEntries() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        MembershipEntry invite = workspace.invite(alice, bob, Role.EDITOR);
        server.close();
        server = dev.vellum.server.testing.RunningServer.start(config());
        AccountBrowser aliceAgain = new AccountBrowser(alice.account, server.port());
        AccountBrowser bobAgain = new AccountBrowser(bob.account, server.port());
        assertEquals(200, aliceAgain.logIn().status());
        assertEquals(200, bobAgain.logIn().status());

        workspace.accept(bobAgain, invite);

        assertEquals(3, aliceAgain.client.get("/api/workspaces/" + workspace.id + "/log").json().getLong("length"));
        assertStatus(409, "stale_log", workspace.post(aliceAgain, List.of(invite), List.of(), List.of(), null));
    }
}
