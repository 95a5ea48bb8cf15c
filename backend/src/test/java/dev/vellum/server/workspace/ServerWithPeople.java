package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.seal.UpdateEnvelopeCipher;
import dev.vellum.protocol.workspace.SealedTitle;
import dev.vellum.server.config.ServerConfig;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with a canary planted and three people signed up (each logged in, in a browser of their own);
 * after each test the canary must still log in and its note still be served, whatever the test threw at the server.
 */
abstract class ServerWithPeople {
    @TempDir
    Path dataDir;
    RunningServer server;
    Canary canary;
    AccountBrowser alice;
    AccountBrowser bob;
    AccountBrowser carol;

    /** The server's settings; tests of a limit lower it. */
    ServerConfig config() {
        return TestConfigs.withFlags(dataDir, withStorage());
    }

    /**
     * {@code flags} and those that say where the server stores its data: none here (H2 in the test's folder);
     * the PostgreSQL variants of a test name a database of their own.
     */
    String[] withStorage(String... flags) {
        return flags;
    }

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(config());
        canary = Canary.plant(server);
        alice = signUp("alice");
        bob = signUp("bob");
        carol = signUp("carol");
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        try {
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    AccountBrowser signUp(String name) {
        AccountBrowser browser = new AccountBrowser(new TestAccount(name, name + "'s long passphrase"),
                server.port());
        ApiClient.Response response = browser.signUp();
        assertEquals(201, response.status(), response.toString());
        return browser;
    }

    static void assertStatus(int status, String error, ApiClient.Response response) {
        assertEquals(status, response.status(), response.toString());
        if (error != null) {
            assertEquals(error, response.error(), response.toString());
        }
    }

    /** Adds a note to the workspace as {@code writer}, titled "Plans" under the current epoch. */
    NoteId addNote(TestWorkspace workspace, AccountBrowser writer) {
        NoteId note = NoteId.random(workspace.random);
        assertStatus(201, null, writer.client.post("/api/workspaces/" + workspace.id + "/notes",
                newNote(workspace, note, writer)));
        return note;
    }

    /** The body of {@code POST .../notes}: the note id and its title sealed and signed by {@code writer}. */
    static JsonObject newNote(TestWorkspace workspace, NoteId note, AccountBrowser writer) {
        return new JsonObject().put("noteId", note.toString())
                .put("title", TestWorkspace.b64(title(workspace, note, writer)));
    }

    /** A title for {@code note}, sealed under the current epoch key and signed by {@code signer}'s identity. */
    static byte[] title(TestWorkspace workspace, NoteId note, AccountBrowser signer) {
        return SealedTitle.seal(workspace.epochKey, note, "Plans", signer.account.accountId, signer.account.identity,
                workspace.random).encode();
    }

    /**
     * A workspace note's item (version 3, from {@code author}'s device) naming {@code workspace} and {@code epoch}:
     * sealed under a key the server never sees and signed by a write key of its own (the relay checks membership,
     * not a note-id commitment).
     */
    static NoteItem workspaceItem(TestWorkspace ws, NoteId note, AccountBrowser author, WorkspaceId workspace,
                                  int epoch, long sequence, UpdateHash previous) {
        return workspaceItem(ws, note, author, workspace, epoch, sequence, previous, true);
    }

    /** As above; without {@code credential}, an anonymous item (version 2) by the same device key. */
    static NoteItem workspaceItem(TestWorkspace ws, NoteId note, AccountBrowser author, WorkspaceId workspace,
                                  int epoch, long sequence, UpdateHash previous, boolean credential) {
        return workspaceItem(ws, note, author, workspace, epoch, sequence, previous, credential, NoteItemKind.UPDATE,
                0);
    }

    /** As above, of {@code kind}, covering up to {@code covers} (a snapshot), or 0 (an update). */
    static NoteItem workspaceItem(TestWorkspace ws, NoteId note, AccountBrowser author, WorkspaceId workspace,
                                  int epoch, long sequence, UpdateHash previous, boolean credential,
                                  NoteItemKind kind, long covers) {
        UpdateHeader header = new UpdateHeader(workspace, note, epoch,
                IdentityKeyId.of(author.device().publicIdentity()), sequence, previous);
        UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(header, "words".getBytes(StandardCharsets.UTF_8),
                SymmetricKey.generate(ws.random), author.device(), ws.random);
        Ed25519PrivateKey writeKey = Ed25519PrivateKey.generate(ws.random);
        byte[] unsigned = NoteItem.encodeUnsigned(kind, covers, author.device().publicIdentity(),
                credential ? author.certificate() : null, envelope, writeKey.publicKey());
        try {
            return NoteItem.parse(Bytes.concat(unsigned, writeKey.sign(NoteItem.writeSignatureInput(unsigned))));
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    static NoteItem firstItem(TestWorkspace ws, NoteId note, AccountBrowser author) {
        return workspaceItem(ws, note, author, ws.id, ws.epochKey.epoch(), 1, UpdateHash.NONE);
    }

    /** A socket on {@code note} as {@code who}'s browser opens it, read up to CaughtUp. */
    TestSocket open(NoteId note, AccountBrowser who) throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), note.toString(),
                who.client.cookieHeader());
        dev.vellum.protocol.wire.Frame frame;
        do {
            frame = socket.next();
        } while (!(frame instanceof dev.vellum.protocol.wire.Frame.CaughtUp));
        return socket;
    }
}
