package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot must hold the text of the merge of exactly the items its signed chains name. Readers who hold those
 * items check it, say so, do not adopt a forged one, and report it in their presence, so that a newcomer who opened
 * from it is told.
 */
class SyncSnapshotCheckTest {
    private static final ReplicaId WRITER = ReplicaId.of(new byte[] {1});
    private static final ReplicaId OTHER = ReplicaId.of(new byte[] {2});

    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");
    private final Person carol = room.open("Carol");
    private final Person dave = room.open("Dave");

    @Test
    void forgedSnapshot_publishedWhileNoCheckerIsPresent_keepsItsUpdates_aNewcomerFindsIt_andNobodyConfirmsIt() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "Meet at noon.");
        room.deliverAll();
        bob.type(alice.text().length(), " Bring the contract.");
        room.deliverAll();
        alice.goOffline();
        bob.goOffline();

        // Mallory holds the link and is alone on the note: nobody who holds the updates sees her version arrive.
        carol.connect(); // Mallory's connection; she reads nothing back
        NoteItem forged = snapshotBy(new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random),
                room.random), "Owner", "Meet at midnight. Come alone.");
        carol.client.send(FrameCodec.encode(new Frame.Publish(forged)));
        carol.goOffline();
        long forgedRevision = relay.latestRevision();
        assertEquals(forgedRevision, relay.storedCount(), "every update it claims to cover is still stored");

        dave.connect(); // no confirmed version: the server sends him every update, then Mallory's in its turn
        dave.deliver();
        assertEquals("Meet at noon. Bring the contract.", dave.text());
        assertEquals(List.of(SyncWarning.Kind.FORGED_SNAPSHOT), dave.view.warningKinds());
        assertTrue(dave.view.warnings.get(0).message().contains("\"Owner\""), dave.view.warnings.toString());

        alice.connect(); // back: she checks it in its turn too
        alice.deliver();
        assertEquals(List.of(SyncWarning.Kind.FORGED_SNAPSHOT), alice.view.warningKinds());
        assertEquals("Meet at noon. Bring the contract.", alice.text());

        assertTrue(relay.confirmations.stream().noneMatch(c -> c.revision() == forgedRevision),
                "an honest reader never confirms a version that differs: " + relay.confirmations);
        assertEquals(forgedRevision, relay.storedCount(), "so its updates stay for the next reader to check");
        Person erin = room.join("Erin");
        erin.deliver();
        assertEquals("Meet at noon. Bring the contract.", erin.text());
        assertEquals(List.of(SyncWarning.Kind.FORGED_SNAPSHOT), erin.view.warningKinds());
    }

    @Test
    void forgedSnapshotPastTheRetentionTime_isWarnedAboutByReadersWhoHoldTheUpdates_andANewcomerWhoOpensFromItIsTold() {
        relay.letCoveredUpdatesGoAtOnce(); // as once the week an unconfirmed version keeps its updates is over
        alice.connect();
        bob.connect();
        carol.connect();
        room.deliverAll();
        alice.type(0, "Meet at noon.");
        room.deliverAll();
        bob.type(alice.text().length(), " Bring the contract.");
        room.deliverAll();

        // Mallory holds the link: she signs a version naming exactly those items, with a text they never made.
        NoteItem forged = snapshotBy(new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random),
                room.random), "Owner", "Meet at midnight. Come alone.");
        carol.client.send(FrameCodec.encode(new Frame.Publish(forged))); // from any connection: the server stores it
        room.deliverAll();

        for (Person reader : List.of(alice, bob)) {
            assertEquals(List.of(SyncWarning.Kind.FORGED_SNAPSHOT), reader.view.warningKinds(), reader.name);
            assertTrue(reader.view.warnings.get(0).message().contains("\"Owner\""), reader.view.warnings.toString());
            assertEquals("Meet at noon. Bring the contract.", reader.text());
        }

        dave.connect(); // the server opens the note for him from the forged version, its updates being gone
        dave.deliver();
        assertEquals("Meet at midnight. Come alone.", dave.text());
        assertTrue(dave.view.warnings.isEmpty(), "Dave holds nothing to check it against by himself");

        room.clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS); // Alice and Bob say what they found
        room.deliverAll();
        assertTrue(dave.view.warnings.get(0).message().startsWith("The saved version this note opened from"),
                dave.view.warnings.get(0).message());
        // Alice and Bob also each left an honest version after their pause, which covers everything again: Dave,
        // whose base was forged, finds it disagrees with his base, and cannot tell which one was altered.
        assertTrue(dave.view.warningKinds().stream().allMatch(kind -> kind == SyncWarning.Kind.FORGED_SNAPSHOT),
                dave.view.warnings.toString());
        assertTrue(alice.view.warnings.size() == 1 && bob.view.warnings.size() == 1,
                "the honest versions match what Alice and Bob hold: " + alice.view.warnings + bob.view.warnings);

        // Not having adopted the forged version, they left honest ones after their pause, which cover more: the next
        // newcomer opens from those and sees the real text.
        Person erin = room.join("Erin");
        erin.deliver();
        assertEquals("Meet at noon. Bring the contract.", erin.text());
    }

    @Test
    void honestSnapshots_ofPeopleTypingTogether_areCheckedAndWarnOfNothing() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        for (int i = 0; i < SyncTunables.SNAPSHOT_EVERY + 20; i++) {
            Person writer = i % 2 == 0 ? alice : bob;
            writer.type(i % 7 == 0 ? 0 : writer.text().length(), String.valueOf((char) ('a' + i % 26)));
            if (i % 9 == 0 && writer.text().length() > 3) {
                writer.deleteAt(1);
            }
            room.deliverAll();
        }
        room.clock.advance(SyncTunables.IDLE_SNAPSHOT_MILLIS); // each leaves a version after the pause
        room.deliverAll();

        long snapshots = java.util.stream.IntStream.range(0, relay.storedCount())
                .filter(i -> relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT).count();
        assertTrue(snapshots >= 2, "versions made: " + snapshots);
        assertEquals(alice.text(), bob.text());
        assertTrue(alice.view.warnings.isEmpty(), alice.view.warnings.toString());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void audit_matchesAnHonestSnapshot_findsAForgedOne_andJudgesNoneItCannotReplay() throws Exception {
        IdentityKeyId author = keyId();
        TextDocument writer = new TextDocument(WRITER);
        List<List<TextOp>> items = new ArrayList<>();
        items.add(List.of(writer.insert(0, "hello")));
        items.add(List.copyOf(writer.delete(0, 1)));
        items.add(List.of(writer.insert(4, " world")));
        SnapshotAudit audit = new SnapshotAudit();
        AuthorChains chains = new AuthorChains();
        for (int i = 0; i < items.size(); i++) {
            UpdateHash hash = hash(i + 1);
            audit.record(author, i + 1, hash, items.get(i));
            if (i < 2) {
                chains.advance(author, i + 1, hash);
            }
        }
        TextDocument atTwo = new TextDocument(OTHER);
        atTwo.apply(items.get(0));
        atTwo.apply(items.get(1));

        assertEquals(SnapshotAudit.Verdict.UNCHECKED, audit.check(body(chainsAt(author, 5, hash(5)), atTwo)),
                "names an item this reader never got");
        assertEquals(SnapshotAudit.Verdict.DIFFERS, audit.check(body(chainsAt(author, 2, hash(9)), atTwo)),
                "names another item 2 than this reader's");
        TextDocument forged = TextDocument.decodeState(atTwo.encodeState(), OTHER);
        forged.insert(0, "j");
        assertEquals(SnapshotAudit.Verdict.DIFFERS, audit.check(body(chains, forged)));
        assertEquals(1, audit.loggedCount(), "the shadow moved to item 2 all the same");
        assertEquals(SnapshotAudit.Verdict.UNCHECKED, audit.check(body(chainsAt(author, 1, hash(1)), atTwo)),
                "names less than the shadow holds");

        TextDocument atThree = TextDocument.decodeState(atTwo.encodeState(), OTHER);
        atThree.apply(items.get(2));
        assertEquals(SnapshotAudit.Verdict.MATCHES, audit.check(body(chainsAt(author, 3, hash(3)), atThree)));
        assertEquals("ello world", atThree.text());

        audit.forgetBase();
        assertEquals(SnapshotAudit.Verdict.UNCHECKED, audit.check(body(chainsAt(author, 3, hash(3)), atThree)),
                "a reader whose text came from a kept copy has nothing to replay");
    }

    /** A snapshot by {@code author} naming every item stored so far, whose state is {@code text}. */
    private NoteItem snapshotBy(NoteItemCipher author, String name, String text) {
        AuthorChains chains = new AuthorChains();
        for (int i = 0; i < relay.storedCount(); i++) {
            NoteItem item = relay.stored(i).item();
            chains.advance(item.header().authorKeyId(), item.header().sequence(), item.hash());
        }
        TextDocument state = new TextDocument(ReplicaId.of(room.random.randomBytes(16)));
        state.insert(0, text);
        byte[] body = new SnapshotBody(room.clock.nowMillis(), name, chains, state.encodeState()).encode();
        return author.seal(NoteItemKind.SNAPSHOT, relay.latestRevision(), 1, UpdateHash.NONE, body);
    }

    private static SnapshotBody body(AuthorChains chains, TextDocument doc) {
        return new SnapshotBody(0, "Someone", chains, doc.encodeState());
    }

    private static AuthorChains chainsAt(IdentityKeyId author, long sequence, UpdateHash hash) {
        AuthorChains chains = new AuthorChains();
        chains.advance(author, sequence, hash);
        return chains;
    }

    private static IdentityKeyId keyId() {
        byte[] id = new byte[16];
        id[0] = 42;
        return IdentityKeyId.fromBytes(id);
    }

    private static UpdateHash hash(int seed) {
        byte[] bytes = new byte[UpdateHash.LENGTH];
        bytes[0] = (byte) seed;
        return UpdateHash.fromBytes(bytes);
    }
}
