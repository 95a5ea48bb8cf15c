package dev.vellum.server.testing;

import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.KeyEnvelopeHeader;
import dev.vellum.protocol.seal.KeyEnvelopeCipher;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedTitle;
import dev.vellum.testing.TestWorkspace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a workspace on the real server through its HTTP API, quickly, with the JVM's crypto playing each member's
 * browser: every entry is signed by its member (and checked by {@link TestWorkspace}'s verifying log before it is
 * sent), every epoch key is sealed to every member as an owner's browser seals it, and each request goes with the
 * session of the member who signed what it carries. For benchmarks and tests that need a large, valid workspace
 * that a browser then opens.
 */
public final class WorkspaceBuilder {
    /** A member's keys and their logged-in API client. */
    public record Member(TestWorkspace.Person person, ApiClient client) {
    }

    private final TestWorkspace workspace;
    private final Member owner;
    /** Everyone who holds the current epoch key: members and pending invitees, by account. */
    private final Map<String, Member> holders = new LinkedHashMap<>();
    private final Hpke hpke;

    private WorkspaceBuilder(TestWorkspace workspace, Member owner) {
        this.workspace = workspace;
        this.owner = owner;
        this.hpke = new Hpke(workspace.random);
        holders.put(owner.person().accountId().toString(), owner);
    }

    /** Creates the workspace (genesis entry and epoch 0 sealed to its creator) on the server. */
    public static WorkspaceBuilder create(Member owner, String name) {
        TestWorkspace workspace = TestWorkspace.createdBy(owner.person(), name);
        WorkspaceBuilder builder = new WorkspaceBuilder(workspace, owner);
        ApiClient.Response created = owner.client().post("/api/workspaces", new JsonObject()
                .put("entry", AccountBrowser.b64(workspace.entries.get(0).encode()))
                .put("envelope", AccountBrowser.b64(builder.seal(workspace.currentKey(), owner))));
        expect(created, 200, 201);
        if (!workspace.id.toString().equals(created.json().getString("workspaceId"))) {
            throw new AssertionError("the server named another workspace: " + created);
        }
        return builder;
    }

    public TestWorkspace workspace() {
        return workspace;
    }

    public String id() {
        return workspace.id.toString();
    }

    /** Invites {@code member} (with the current epoch key sealed to them), and has them accept. */
    public void addMember(Member member, Role role) {
        MembershipEntry invite = workspace.append(owner.person(), new EntryBody.Invite(member.person().as(role)));
        holders.put(member.person().accountId().toString(), member);
        post(owner, List.of(invite), List.of(seal(workspace.currentKey(), member)), List.of());
        MembershipEntry accept = workspace.append(member.person(), new EntryBody.Accept(invite.hash()));
        post(member, List.of(accept), List.of(), List.of());
    }

    /** An owner changes a member's role. */
    public void changeRole(Member member, Role role) {
        MembershipEntry entry = workspace.append(owner.person(),
                new EntryBody.ChangeRole(member.person().accountId(), role));
        post(owner, List.of(entry), List.of(), List.of());
    }

    /** Starts the next epoch: a fresh key sealed to everyone who holds the current one, and the link back. */
    public void rotate() {
        EpochKey previous = workspace.currentKey();
        EpochKey next = workspace.rotate(owner.person());
        List<byte[]> envelopes = new ArrayList<>();
        for (Member holder : holders.values()) {
            envelopes.add(seal(next, holder));
        }
        post(owner, List.of(workspace.entries.get(workspace.entries.size() - 1)), envelopes,
                List.of(EpochLink.seal(next, previous, workspace.random).encode()));
    }

    /** Creates a note titled {@code title} by {@code writer} (a title sealed under the current epoch and signed). */
    public NoteId addNote(Member writer, String title) {
        NoteId note = NoteId.random(workspace.random);
        SealedTitle sealed = SealedTitle.seal(workspace.currentKey(), note, title, writer.person().accountId(),
                writer.person().identity(), workspace.random);
        expect(writer.client().post("/api/workspaces/" + id() + "/notes", new JsonObject()
                .put("noteId", note.toString()).put("title", AccountBrowser.b64(sealed.encode()))), 200, 201);
        return note;
    }

    /** The members' records as the log holds them now. */
    public List<MemberRecord> members() {
        return workspace.log.members();
    }

    private byte[] seal(EpochKey key, Member recipient) {
        KeyEnvelopeHeader header = new KeyEnvelopeHeader(workspace.id, key.epoch(),
                IdentityKeyId.of(owner.person().identity().publicIdentity()),
                IdentityKeyId.of(recipient.person().identity().publicIdentity()));
        try {
            return KeyEnvelopeCipher.seal(header, key.key(), owner.person().identity(),
                    recipient.person().identity().publicIdentity(), hpke).encode();
        } catch (InvalidPublicKeyException e) {
            throw new IllegalStateException("a generated identity has a small-order key", e);
        }
    }

    private void post(Member sender, List<MembershipEntry> entries, List<byte[]> envelopes, List<byte[]> links) {
        JsonArray encoded = new JsonArray();
        for (MembershipEntry entry : entries) {
            encoded.add(AccountBrowser.b64(entry.encode()));
        }
        expect(sender.client().post("/api/workspaces/" + id() + "/log", new JsonObject()
                .put("entries", encoded).put("envelopes", base64(envelopes)).put("links", base64(links))), 200);
    }

    private static JsonArray base64(List<byte[]> values) {
        JsonArray array = new JsonArray();
        for (byte[] value : values) {
            array.add(AccountBrowser.b64(value));
        }
        return array;
    }

    /** The response, if its status is one of {@code statuses}; else an AssertionError that shows it. */
    public static ApiClient.Response expect(ApiClient.Response response, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                return response;
            }
        }
        throw new AssertionError("the server answered " + response);
    }
}
