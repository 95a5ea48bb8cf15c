package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items signed by an account's device (note item version 3) are stored only from a session of that device, while it
 * is registered to the account its certificate names and not revoked; anonymous items are stored as before. After
 * each refusal the server goes on serving and has lost nothing.
 */
class CredentialedItemsTest {
    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;
    private AccountBrowser alice;
    private AccountBrowser bob;
    private NoteKeys keys;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.inFolder(dataDir));
        canary = Canary.plant(server);
        alice = new AccountBrowser(new TestAccount("alice", "alice's long passphrase"), server.port());
        bob = new AccountBrowser(new TestAccount("bob", "bob's long passphrase"), server.port());
        assertEquals(201, alice.signUp().status());
        assertEquals(201, bob.signUp().status());
        keys = NoteKeys.generate(alice.account.random);
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        try {
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    private NoteItem firstItem(IdentityKeyPair device, DeviceCertificate certificate, String text) {
        NoteItemCipher cipher = certificate == null ? new NoteItemCipher(keys, device, alice.account.random)
                : new NoteItemCipher(keys, device, certificate, alice.account.random);
        return cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, text.getBytes(StandardCharsets.UTF_8));
    }

    private TestSocket open(ApiClient client) throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString(),
                client.cookieHeader());
        Frame frame;
        do {
            frame = socket.next(); // the history so far, then CaughtUp
        } while (!(frame instanceof Frame.CaughtUp));
        return socket;
    }

    private Frame publish(ApiClient client, NoteItem item) throws InterruptedException {
        try (TestSocket socket = open(client)) {
            socket.send(new Frame.Publish(item));
            return socket.next();
        }
    }

    private static void assertRefused(ErrorCode expected, Frame answer) {
        if (!(answer instanceof Frame.Error error)) {
            throw new AssertionError("expected error " + expected + " but got " + answer);
        }
        assertEquals(expected, error.code(), error.message());
    }

    @Test
    void aDevicesItem_overItsOwnSession_isStored_andRelayedWithItsCertificate() throws Exception {
        try (TestSocket reader = open(new ApiClient(server.port()))) {
            Frame answer = publish(alice.client, firstItem(alice.device(), alice.certificate(), "as alice"));

            assertEquals(1, ((Frame.Accepted) answer).revision());
            Frame.Revision relayed = reader.next(Frame.Revision.class);
            assertEquals("alice", relayed.item().credential().username().value());
        }
        assertEquals(1, server.storedEnvelopes().size() - 1, "one item besides the canary's");
    }

    @Test
    void anAnonymousItem_isStoredAsBefore_fromAnAnonymousOrASignedInSocket() throws Exception {
        assertEquals(1, ((Frame.Accepted) publish(new ApiClient(server.port()),
                firstItem(IdentityKeyPair.generate(alice.account.random), null, "anonymous"))).revision());
        assertEquals(2, ((Frame.Accepted) publish(alice.client,
                firstItem(IdentityKeyPair.generate(alice.account.random), null, "anonymous too"))).revision());
    }

    @Test
    void anItemByAnUnregisteredDevice_isRefused() throws Exception {
        IdentityKeyPair unregistered = IdentityKeyPair.generate(alice.account.random);
        DeviceCertificate certified = alice.account.newDeviceCertificate(unregistered);

        // No session can be an unregistered device's: refused as not this session's, before any lookup.
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(alice.client, firstItem(unregistered, certified, "x")));
        assertEquals(1, server.storedEnvelopes().size(), "only the canary's item");
    }

    @Test
    void anItemByARevokedDevice_isRefused_fromAnySocket() throws Exception {
        AccountBrowser laptop = alice.newDevice(server.port());
        assertEquals(200, laptop.logIn().status());
        NoteItem before = firstItem(laptop.device(), laptop.certificate(), "before revocation");
        assertEquals(204, alice.client.post("/api/devices/revoke", new JsonObject().put("deviceSigningKey",
                AccountBrowser.b64(laptop.device().publicIdentity().signingKey().toBytes()))).status());

        // Its session ended with the revocation; any other socket is not its session.
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(new ApiClient(server.port()), before));
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(alice.client, before));
        assertEquals(1, server.storedEnvelopes().size());
    }

    @Test
    void aRevokedDevice_thatWroteBefore_isRefusedAfter_despiteTheCache() throws Exception {
        AccountBrowser laptop = alice.newDevice(server.port());
        assertEquals(200, laptop.logIn().status());
        NoteItemCipher cipher = new NoteItemCipher(keys, laptop.device(), laptop.certificate(),
                alice.account.random);
        NoteItem first = cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, new byte[] {1});
        assertEquals(1, ((Frame.Accepted) publish(laptop.client, first)).revision());
        assertEquals(204, alice.client.post("/api/devices/revoke", new JsonObject().put("deviceSigningKey",
                AccountBrowser.b64(laptop.device().publicIdentity().signingKey().toBytes()))).status());

        NoteItem second = cipher.seal(NoteItemKind.UPDATE, 0, 2, first.hash(), new byte[] {2});
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(alice.client, second));
    }

    @Test
    void anItemByAnotherAccountsDevice_orFromAnAnonymousSocket_isRefused() throws Exception {
        NoteItem bobs = firstItem(bob.device(), bob.certificate(), "bob's words");

        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(alice.client, bobs));
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(new ApiClient(server.port()), bobs));
        AccountBrowser alicesLaptop = alice.newDevice(server.port());
        assertEquals(200, alicesLaptop.logIn().status());
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(alicesLaptop.client,
                firstItem(alice.device(), alice.certificate(), "another device of the same account")));
        assertEquals(1, ((Frame.Accepted) publish(bob.client, bobs)).revision(), "bob's own session may");
    }

    @Test
    void anItemWhoseCertificateGivesTheDeviceAnotherUsername_isRefused() throws Exception {
        // Alice's identity can sign a certificate for her own device under any name; readers show that name.
        DeviceCertificate asBob = DeviceCertificate.issue(alice.account.identity, alice.account.accountId,
                Username.parse("bob"), alice.device().publicIdentity(), System.currentTimeMillis());

        assertRefused(ErrorCode.UNKNOWN_DEVICE, publish(alice.client, firstItem(alice.device(), asBob, "I am bob")));
        assertEquals(1, server.storedEnvelopes().size(), "only the canary's item");
    }

    @Test
    void anItemWhoseCertificateNamesAnotherAccount_isRefused() throws Exception {
        // Bob's identity certifies his own registered device as belonging to Alice's account.
        DeviceCertificate claimsAlice = DeviceCertificate.issue(bob.account.identity, alice.account.accountId,
                alice.account.username, bob.device().publicIdentity(), System.currentTimeMillis());
        // Alice's real identity key, but an account id that does not exist.
        TestAccount nobody = new TestAccount("nobody", "no passphrase at all");
        DeviceCertificate unknownAccount = DeviceCertificate.issue(alice.account.identity, nobody.accountId,
                alice.account.username, alice.device().publicIdentity(), System.currentTimeMillis());

        // Neither socket's session is of the account the certificate names.
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(bob.client, firstItem(bob.device(), claimsAlice, "x")));
        assertRefused(ErrorCode.NOT_THIS_SESSION, publish(alice.client,
                firstItem(alice.device(), unknownAccount, "y")));
        assertEquals(1, server.storedEnvelopes().size());
    }
}
