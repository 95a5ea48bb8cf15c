package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.testing.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workspace API against every abuse of issue 10 that reaches the server: each is refused with its status and
 * code, the log stays as it was, and the canary still works afterwards.
 */
class WorkspaceAbuseTest extends ServerWithPeople {
    private long logLength(TestWorkspace workspace) {
        return alice.client.get("/api/workspaces/" + workspace.id + "/log").json().getLong("length");
    }

    @Test
    void anEntryWithABadSignature_isRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        byte[] entry = workspace.sign(alice, new EntryBody.Invite(TestWorkspace.record(bob, Role.EDITOR))).encode();
        entry[entry.length - 1] ^= 1;

        ApiClient.Response refused = alice.client.post("/api/workspaces/" + workspace.id + "/log", new JsonObject()
                .put("entries", new JsonArray().add(TestWorkspace.b64(entry)))
                .put("envelopes", new JsonArray()).put("links", new JsonArray()));

        assertStatus(400, "invalid_entry", refused);
        assertEquals(1, logLength(workspace));
    }

    @Test
    void aGhostMember_addedWithoutAnOwnersSignature_isRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        IdentityKeyPair forger = IdentityKeyPair.generate(workspace.random);
        // Names alice as its signer, but alice's identity key never signed it.
        MembershipEntry ghost = MembershipEntry.sign(workspace.id, workspace.head,
                new EntryBody.Invite(TestWorkspace.record(bob, Role.OWNER)), System.currentTimeMillis(),
                alice.account.accountId, forger);

        assertStatus(400, "invalid_entry", workspace.append(alice, List.of(ghost)));
        assertStatus(403, "not_a_member", bob.client.get("/api/workspaces/" + workspace.id + "/log"));
        assertEquals(1, logLength(workspace));
    }

    @Test
    void anotherPersonsSignedEntry_cannotBeSentByAnyoneElse() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        MembershipEntry alicesInvite = workspace.sign(alice, new EntryBody.Invite(TestWorkspace.record(bob,
                Role.EDITOR)));

        assertStatus(400, "invalid_entry", workspace.append(bob, List.of(alicesInvite)));
        assertEquals(1, logLength(workspace));
    }

    @Test
    void aViewersInvitation_isRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.VIEWER);

        ApiClient.Response refused = workspace.append(bob, List.of(workspace.sign(bob,
                new EntryBody.Invite(TestWorkspace.record(carol, Role.EDITOR)))), workspace.envelope(bob, carol));

        assertStatus(403, "not_allowed", refused);
        assertEquals(3, logLength(workspace));
    }

    @Test
    void anInvitation_withAKeyThatIsNotTheInviteesRegisteredOne_isRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        IdentityKeyPair swapped = IdentityKeyPair.generate(workspace.random);
        MemberRecord fake = new MemberRecord(bob.account.accountId, bob.account.username, swapped.publicIdentity(),
                Role.EDITOR);

        assertStatus(400, "identity_mismatch", workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.Invite(fake)))));
        assertEquals(1, logLength(workspace));
    }

    @Test
    void aWorkspaceCreatedWithAnotherIdentityKey_isRefused() {
        TestWorkspace workspace = new TestWorkspace();
        JsonObject body = workspace.createBody(alice);
        // The same genesis, posted from bob's session: the creator is not the session's account.
        assertStatus(400, "invalid_entry", bob.client.post("/api/workspaces", body));
        assertStatus(404, "no_such_workspace", alice.client.get("/api/workspaces/" + workspace.id + "/log"));
    }

    @Test
    void aForkedEntry_andAStaleHead_areRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        LogHead genesis = workspace.head;
        workspace.invite(alice, bob, Role.EDITOR);
        // Sequence 1 again, with another hash: a fork of what is stored.
        MembershipEntry fork = workspace.signAfter(genesis, alice, new EntryBody.Invite(TestWorkspace.record(carol,
                Role.EDITOR)));
        assertStatus(409, "stale_log", workspace.post(alice, List.of(fork), List.of(), List.of(), null));
        // The next sequence, chained to a head that never was.
        MembershipEntry broken = workspace.signAfter(new LogHead(1, workspace.random.randomBytes(32)), alice,
                new EntryBody.Invite(TestWorkspace.record(carol, Role.EDITOR)));
        assertStatus(400, "invalid_entry", workspace.post(alice, List.of(broken), List.of(), List.of(), null));

        assertEquals(2, logLength(workspace));
        JsonObject log = alice.client.get("/api/workspaces/" + workspace.id + "/log?from=1").json();
        assertEquals(1, log.getJsonArray("entries").size());
    }

    @Test
    void oversizedBodies_andOversizedFields_areRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        String huge = "{\"entries\": [\"" + "A".repeat(WorkspaceApi.MAX_BODY_BYTES) + "\"], \"envelopes\": [], "
                + "\"links\": []}";
        ApiClient.Response tooLarge = alice.client.send("POST", "/api/workspaces/" + workspace.id + "/log", huge,
                Map.of("Content-Type", "application/json", "Origin", alice.client.origin()));
        assertEquals(413, tooLarge.status(), tooLarge.toString());

        ApiClient.Response bigEntry = alice.client.post("/api/workspaces/" + workspace.id + "/log", new JsonObject()
                .put("entries", new JsonArray().add(TestWorkspace.b64(new byte[LogRoutes.MAX_ENTRY_BYTES + 1])))
                .put("envelopes", new JsonArray()).put("links", new JsonArray()));
        assertStatus(400, "invalid-request", bigEntry);
        ApiClient.Response bigBook = alice.client.post("/api/account/contacts", new JsonObject().put("revision", 0)
                .put("book", TestWorkspace.b64(new byte[ContactRoutes.MAX_BOOK_BYTES + 1])));
        assertStatus(400, "invalid-request", bigBook);
        ApiClient.Response bigTitle = alice.client.post("/api/workspaces/" + workspace.id + "/notes",
                new JsonObject().put("noteId", NoteId.random(workspace.random).toString())
                        .put("title", TestWorkspace.b64(new byte[SealedTitles.MAX_BYTES + 1])));
        assertStatus(400, "invalid-request", bigTitle);
        assertEquals(1, logLength(workspace));
    }

    @Test
    void unknownWorkspaces_are404_andNonMembers_are403_onEveryRoute() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        String unknown = "/api/workspaces/" + new TestWorkspace().id;
        for (String path : new String[] {"/log", "/keys", "/notes", "/join-requests"}) {
            assertStatus(404, "no_such_workspace", bob.client.get(unknown + path));
            assertStatus(403, "not_a_member", bob.client.get("/api/workspaces/" + workspace.id + path));
        }
        assertStatus(403, "not_a_member", workspace.append(bob, List.of(workspace.sign(bob,
                new EntryBody.Invite(TestWorkspace.record(carol, Role.EDITOR))))));
        assertStatus(403, "not_a_member", bob.client.post("/api/workspaces/" + workspace.id + "/notes",
                newNote(workspace, NoteId.random(workspace.random), bob)));
        assertStatus(400, "invalid-request", bob.client.get("/api/workspaces/not-an-id/log"));
    }

    @Test
    void aRemovedMember_isRefusedAtOnce() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.EDITOR);
        assertStatus(200, null, carol.client.get("/api/workspaces/" + workspace.id + "/notes"));

        assertStatus(200, null, workspace.removeAndRotate(alice, carol, alice, bob));

        for (String path : new String[] {"/log", "/keys", "/notes"}) {
            assertStatus(403, "not_a_member", carol.client.get("/api/workspaces/" + workspace.id + path));
        }
        assertStatus(403, "not_a_member", workspace.append(carol, List.of(workspace.sign(carol,
                new EntryBody.Remove(carol.account.accountId)))));
    }

    @Test
    void expiredRevokedAndUsedInviteLinks_are410() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        TestWorkspace.Link expiring = workspace.linkInvite(alice, Role.VIEWER, System.currentTimeMillis() + 1_500);
        workspace.openLink(alice, expiring);
        TestWorkspace.Link revoked = workspace.linkInvite(alice, Role.VIEWER, System.currentTimeMillis() + 3_600_000);
        workspace.openLink(alice, revoked);
        assertStatus(200, null, workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.LinkRevoke(revoked.invitationId())))));
        TestWorkspace.Link used = workspace.linkInvite(alice, Role.VIEWER, System.currentTimeMillis() + 3_600_000);
        workspace.openLink(alice, used);
        byte[] request = workspace.joinRequest(used, bob, used.key());
        assertStatus(202, null, bob.client.post("/api/invitations/" + used.invitationId() + "/join",
                new JsonObject().put("request", TestWorkspace.b64(request))));
        assertStatus(200, null, workspace.append(alice, List.of(workspace.sign(alice, new EntryBody.LinkConfirm(
                used.invitationId(), TestWorkspace.record(bob, Role.VIEWER), TestWorkspace.joinRequestHash(request)))),
                workspace.envelope(alice, bob)));
        Thread.sleep(1_600);

        assertStatus(410, "invitation_expired", carol.client.get("/api/invitations/" + expiring.invitationId()));
        assertStatus(410, "invitation_revoked", carol.client.get("/api/invitations/" + revoked.invitationId()));
        assertStatus(410, "invitation_used", carol.client.get("/api/invitations/" + used.invitationId()));
        for (TestWorkspace.Link link : List.of(expiring, revoked, used)) {
            ApiClient.Response join = carol.client.post("/api/invitations/" + link.invitationId() + "/join",
                    new JsonObject().put("request", TestWorkspace.b64(workspace.joinRequest(link, carol,
                            link.key()))));
            assertEquals(410, join.status(), join.toString());
        }
        assertStatus(404, "no_such_invitation", carol.client.get("/api/invitations/" + new TestWorkspace()
                .linkInvite(alice, Role.VIEWER, 0).invitationId()));
    }

    @Test
    void aJoinRequestNotSignedByTheLinkKey_orForAnotherAccount_isRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        TestWorkspace.Link link = workspace.linkInvite(alice, Role.EDITOR, System.currentTimeMillis() + 3_600_000);
        workspace.openLink(alice, link);
        String join = "/api/invitations/" + link.invitationId() + "/join";

        byte[] guessed = workspace.joinRequest(link, carol, Ed25519PrivateKey.generate(workspace.random));
        assertStatus(400, "invalid_join_request", carol.client.post(join,
                new JsonObject().put("request", TestWorkspace.b64(guessed))));
        byte[] bobs = workspace.joinRequest(link, bob, link.key());
        assertStatus(400, "invalid_join_request", carol.client.post(join,
                new JsonObject().put("request", TestWorkspace.b64(bobs))));

        assertEquals(0, alice.client.get("/api/workspaces/" + workspace.id + "/join-requests").json()
                .getJsonArray("requests").size());
        assertStatus(202, null, carol.client.post(join, new JsonObject().put("request",
                TestWorkspace.b64(workspace.joinRequest(link, carol, link.key())))));
    }

    @Test
    void envelopes_forStrangers_orFromNonOwners_areRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        dev.vellum.server.testing.AccountBrowser dave = signUp("dave");
        // Inviting carol, with an envelope for dave, who is neither a member nor invited.
        assertStatus(400, "invalid_envelope", workspace.post(alice, List.of(workspace.sign(alice,
                new EntryBody.Invite(TestWorkspace.record(carol, Role.VIEWER)))), List.of(workspace.envelope(alice,
                dave)), List.of(), null));
        // An editor leaving, with an envelope: only owners send keys.
        assertStatus(403, "not_an_owner", workspace.post(bob, List.of(workspace.sign(bob,
                new EntryBody.Remove(bob.account.accountId))), List.of(workspace.envelope(bob, alice)), List.of(),
                null));

        assertEquals(3, logLength(workspace));
        assertEquals(1, bob.client.get("/api/workspaces/" + workspace.id + "/keys").json()
                .getJsonArray("envelopes").size());
        assertStatus(403, "not_a_member", dave.client.get("/api/workspaces/" + workspace.id + "/keys"));
    }

    @Test
    void aTitle_signedForAnotherNote_orByAnotherAccount_isRefused() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        NoteId note = addNote(workspace, alice);
        String notes = "/api/workspaces/" + workspace.id + "/notes";

        byte[] otherNotes = title(workspace, NoteId.random(workspace.random), bob);
        assertStatus(400, "invalid_title", bob.client.post(notes + "/" + note + "/title",
                new JsonObject().put("title", TestWorkspace.b64(otherNotes))));
        assertStatus(400, "invalid_title", bob.client.post(notes + "/" + note + "/title",
                new JsonObject().put("title", TestWorkspace.b64(title(workspace, note, alice)))));
        byte[] garbage = workspace.random.randomBytes(120);
        assertStatus(400, "invalid_title", bob.client.post(notes, new JsonObject()
                .put("noteId", NoteId.random(workspace.random).toString()).put("title", TestWorkspace.b64(garbage))));
    }

    @Test
    void anInviteLinkCopiedIntoAnotherWorkspace_isRefused_andTheFirstStaysItsOwn() {
        TestWorkspace alices = TestWorkspace.create(alice);
        TestWorkspace.Link link = alices.linkInvite(alice, Role.EDITOR, System.currentTimeMillis() + 3_600_000);
        alices.openLink(alice, link);
        TestWorkspace bobs = TestWorkspace.create(bob);
        MembershipEntry copy = bobs.sign(bob, new EntryBody.LinkInvite(link.invitationId(), link.key().publicKey(),
                Role.OWNER, System.currentTimeMillis() + 3_600_000, true));

        assertStatus(409, "invitation_exists", bobs.post(bob, List.of(copy), List.of(), List.of(),
                bobs.welcome(link.invitationId())));

        assertEquals(alices.id.toString(), carol.client.get("/api/invitations/" + link.invitationId()).json()
                .getString("workspaceId"));
        assertEquals(1, bob.client.get("/api/workspaces/" + bobs.id + "/log").json().getLong("length"));
    }

    @Test
    void twoAppendsRacingAtOneHead_storeOne_andTheOtherIsStale() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestWorkspace workspace = TestWorkspace.create(alice);
            MembershipEntry inviteBob = workspace.sign(alice, new EntryBody.Invite(TestWorkspace.record(bob,
                    Role.EDITOR)));
            MembershipEntry inviteCarol = workspace.sign(alice, new EntryBody.Invite(TestWorkspace.record(carol,
                    Role.EDITOR)));
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> workspace.post(alice,
                    List.of(inviteBob), List.of(workspace.envelope(alice, bob)), List.of(), null).status());
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> workspace.post(alice,
                    List.of(inviteCarol), List.of(workspace.envelope(alice, carol)), List.of(), null).status());

            assertEquals(List.of(200, 409), java.util.stream.Stream.of(first.get(), second.get()).sorted().toList());
            assertEquals(2, logLength(workspace));
            int invited = (bob.client.get("/api/workspaces/" + workspace.id + "/keys").status() == 200 ? 1 : 0)
                    + (carol.client.get("/api/workspaces/" + workspace.id + "/keys").status() == 200 ? 1 : 0);
            assertEquals(1, invited, "exactly one invitee, with their envelope");
        }
    }
}
