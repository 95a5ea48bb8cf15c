package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Base64Url;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelopeHeader;
import dev.vellum.protocol.seal.KeyEnvelopeCipher;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One workspace as its members' browsers build it, with the shared crypto on the JVM: entries signed with the
 * members' identity keys ({@code TestAccount}), epoch keys sealed to them, and the log's head as last stored.
 */
final class TestWorkspace {
    final RandomSource random = new JvmSecureRandomSource();
    final WorkspaceId id = WorkspaceId.fromBytes(random.randomBytes(16));
    LogHead head = LogHead.EMPTY;
    EpochKey epochKey = EpochKey.generate(id, 0, random);

    static MemberRecord record(AccountBrowser who, Role role) {
        return new MemberRecord(who.account.accountId, who.account.username,
                who.account.identity.publicIdentity(), role);
    }

    /** The genesis entry and the creator's envelope, as {@code POST /api/workspaces} takes them. */
    JsonObject createBody(AccountBrowser owner) {
        SealedName name = SealedName.seal(epochKey, "Team", random);
        MembershipEntry genesis = sign(owner, new EntryBody.Create(record(owner, Role.OWNER), name,
                epochKey.commitment()));
        return new JsonObject().put("entry", b64(genesis.encode())).put("envelope", b64(envelope(owner, owner)));
    }

    /** Creates the workspace as {@code owner}; the head is then its genesis. */
    static TestWorkspace create(AccountBrowser owner) {
        TestWorkspace workspace = new TestWorkspace();
        JsonObject body = workspace.createBody(owner);
        ApiClient.Response created = owner.client.post("/api/workspaces", body);
        assertEquals(201, created.status(), created.toString());
        assertEquals(workspace.id.toString(), created.json().getString("workspaceId"));
        workspace.advance(List.of(parse(body.getString("entry"))));
        return workspace;
    }

    MembershipEntry sign(AccountBrowser signer, EntryBody body) {
        return signAfter(head, signer, body);
    }

    MembershipEntry signAfter(LogHead previous, AccountBrowser signer, EntryBody body) {
        return MembershipEntry.sign(id, previous, body, System.currentTimeMillis(), signer.account.accountId,
                signer.account.identity);
    }

    /** The head after {@code entries}, which follow each other from the current head. */
    LogHead headAfter(List<MembershipEntry> entries) {
        MembershipEntry last = entries.get(entries.size() - 1);
        return new LogHead(last.sequence(), last.hash());
    }

    void advance(List<MembershipEntry> stored) {
        head = headAfter(stored);
    }

    /** The current epoch key sealed from {@code sender} to {@code recipient}. */
    byte[] envelope(AccountBrowser sender, AccountBrowser recipient) {
        return envelope(sender, recipient.account.identity.publicIdentity(), epochKey);
    }

    byte[] envelope(AccountBrowser sender, PublicIdentity recipient, EpochKey key) {
        try {
            return KeyEnvelopeCipher.seal(new KeyEnvelopeHeader(id, key.epoch(),
                            IdentityKeyId.of(sender.account.identity.publicIdentity()), IdentityKeyId.of(recipient)),
                    key.key(), sender.account.identity, recipient, new Hpke(random)).encode();
        } catch (InvalidPublicKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code POST /api/workspaces/{id}/log} as {@code poster} sends it. */
    ApiClient.Response post(AccountBrowser poster, List<MembershipEntry> entries, List<byte[]> envelopes,
                            List<byte[]> links, JsonObject welcome) {
        JsonObject body = new JsonObject()
                .put("entries", array(entries.stream().map(MembershipEntry::encode).toList()))
                .put("envelopes", array(envelopes))
                .put("links", array(links));
        if (welcome != null) {
            body.put("welcome", welcome);
        }
        return poster.client.post("/api/workspaces/" + id + "/log", body);
    }

    /** Posts the entries (with envelopes); on success the head moves on. */
    ApiClient.Response append(AccountBrowser poster, List<MembershipEntry> entries, byte[]... envelopes) {
        ApiClient.Response response = post(poster, entries, List.of(envelopes), List.of(), null);
        if (response.status() == 200) {
            advance(entries);
        }
        return response;
    }

    /** {@code owner} invites {@code invitee} as {@code role}, sealing the current key to them; 200 expected. */
    MembershipEntry invite(AccountBrowser owner, AccountBrowser invitee, Role role) {
        MembershipEntry invite = sign(owner, new EntryBody.Invite(record(invitee, role)));
        ApiClient.Response response = append(owner, List.of(invite), envelope(owner, invitee));
        assertEquals(200, response.status(), response.toString());
        return invite;
    }

    /** {@code invitee} accepts the invitation {@code invite}; 200 expected. */
    void accept(AccountBrowser invitee, MembershipEntry invite) {
        ApiClient.Response response = append(invitee, List.of(sign(invitee,
                new EntryBody.Accept(invite.hash()))));
        assertEquals(200, response.status(), response.toString());
    }

    /** Invites and accepts: {@code invitee} is then a member with {@code role}. */
    void addMember(AccountBrowser owner, AccountBrowser invitee, Role role) {
        accept(invitee, invite(owner, invitee, role));
    }

    /** {@code owner} removes {@code member} and rotates to a new epoch, sealed to each of {@code remaining}. */
    ApiClient.Response removeAndRotate(AccountBrowser owner, AccountBrowser member, AccountBrowser... remaining) {
        MembershipEntry remove = sign(owner, new EntryBody.Remove(member.account.accountId));
        EpochKey next = EpochKey.generate(id, epochKey.epoch() + 1, random);
        MembershipEntry rotate = signAfter(new LogHead(remove.sequence(), remove.hash()), owner,
                new EntryBody.Rotate(next.epoch(), next.commitment()));
        List<byte[]> envelopes = new ArrayList<>();
        for (AccountBrowser keeper : remaining) {
            envelopes.add(envelope(owner, keeper.account.identity.publicIdentity(), next));
        }
        ApiClient.Response response = post(owner, List.of(remove, rotate), envelopes, List.of(), null);
        if (response.status() == 200) {
            advance(List.of(remove, rotate));
            epochKey = next;
        }
        return response;
    }

    /** An invite link: its key, its id (derived from the key) and its LinkInvite entry. */
    record Link(Ed25519PrivateKey key, InvitationId invitationId, MembershipEntry entry) {
    }

    Link linkInvite(AccountBrowser owner, Role role, long expiresAtMillis) {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
        InvitationId invitationId = InvitationId.ofLinkKey(key.publicKey());
        MembershipEntry entry = sign(owner, new EntryBody.LinkInvite(invitationId, key.publicKey(), role,
                expiresAtMillis, false));
        return new Link(key, invitationId, entry);
    }

    /** Posts a link's entry with a welcome (opaque to the server); 200 expected. */
    void openLink(AccountBrowser owner, Link link) {
        ApiClient.Response response = post(owner, List.of(link.entry()), List.of(), List.of(),
                welcome(link.invitationId()));
        assertEquals(200, response.status(), response.toString());
        advance(List.of(link.entry()));
    }

    JsonObject welcome(InvitationId invitationId) {
        return new JsonObject().put("invitationId", invitationId.toString())
                .put("sealed", b64(random.randomBytes(200)));
    }

    /** A JoinRequest for {@code link} by {@code joiner}, its link signature made with {@code linkKey}. */
    byte[] joinRequest(Link link, AccountBrowser joiner, Ed25519PrivateKey linkKey) {
        byte[] username = joiner.account.username.value().getBytes(StandardCharsets.US_ASCII);
        byte[] before = Bytes.concat(link.invitationId().toBytes(), id.toBytes(), joiner.account.accountId.toBytes(),
                new byte[] {(byte) username.length}, username, joiner.account.identity.publicIdentity().toBytes());
        byte[] linkSignature = linkKey.sign(Bytes.concat("vellum/v1/join-request/link-signature"
                .getBytes(StandardCharsets.US_ASCII), before));
        byte[] linked = Bytes.concat(before, linkSignature);
        byte[] joinerSignature = joiner.account.identity.signingKey().sign(Bytes.concat(
                "vellum/v1/join-request/joiner-signature".getBytes(StandardCharsets.US_ASCII), linked));
        return Bytes.concat(linked, joinerSignature);
    }

    static byte[] joinRequestHash(byte[] request) {
        return Sha256.hash(Bytes.concat("vellum/v1/join-request/hash".getBytes(StandardCharsets.US_ASCII),
                request));
    }

    static MembershipEntry parse(String b64) {
        try {
            return MembershipEntry.parse(AccountBrowser.unb64(b64));
        } catch (dev.vellum.error.InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64Url.encode(bytes);
    }

    static JsonArray array(List<byte[]> values) {
        JsonArray array = new JsonArray();
        values.forEach(value -> array.add(b64(value)));
        return array;
    }
}
