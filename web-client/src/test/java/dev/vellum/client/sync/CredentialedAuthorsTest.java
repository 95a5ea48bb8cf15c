package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.client.people.PersonName;
import dev.vellum.client.sync.SyncRoom.Device;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logged-in people write with their device key and its certificate: others see their username, taken only from a
 * certificate that verifies and names the key that signed; the same device's chain goes on from visit to visit; and
 * an ended session stops sending without losing anything. Anonymous visitors go on as before.
 */
class CredentialedAuthorsTest {
    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final Device aliceDevice = room.newAccountDevice("alice");
    private final Device bobDevice = room.newAccountDevice("bob");

    // --- Names ------------------------------------------------------------------------------------------------

    @Test
    void twoLoggedInPeople_seeEachOthersUsername_onTheirCaret_andInTheHistory() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "hello");
        room.deliverAll();
        bob.type(5, " world");
        room.deliverAll();

        bob.select(0, 0);
        alice.select(5, 5);
        room.deliverAll();

        assertEquals(List.of(PersonName.account("bob")), names(alice));
        assertEquals(0, alice.view.peers.get(0).end(), "Bob's caret, at the start");
        assertEquals(List.of(PersonName.account("alice")), names(bob));
        assertEquals(5, bob.view.peers.get(0).end(), "Alice's caret, after \"hello\"");
        room.clock.advance(SyncTunables.IDLE_SNAPSHOT_MILLIS);
        room.deliverAll();
        bob.sync.requestHistory();
        bob.deliver();
        assertEquals(List.of(PersonName.account("bob"), PersonName.account("alice")),
                bob.view.history.stream().map(HistoryVersion::author).toList(), "the pause left each a version");
        assertNoWarnings(alice, bob);
    }

    @Test
    void anonymousVisitor_isNamedByTheNameTheyChose_markedAsWithoutAccount_besideALoggedInPerson() {
        Person alice = room.open(aliceDevice);
        Person carol = room.open("Amber Fox");
        alice.connect();
        carol.connect();
        room.deliverAll();
        alice.type(0, "from alice ");
        room.deliverAll();
        carol.type(11, "from carol");
        carol.select(0, 0);
        alice.select(0, 0);
        room.deliverAll();

        assertEquals(List.of(PersonName.anonymous("Amber Fox")), names(alice));
        assertEquals(List.of(PersonName.account("alice")), names(carol));
        assertEquals("from alice from carol", alice.text());
        assertEquals(alice.text(), carol.text());
        assertNoWarnings(alice, carol);
    }

    @Test
    void presenceOfALoggedInPersonWhoHasNotWrittenHere_isOnlyAClaim_untilTheServerStoresTheirItem() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        bob.select(0, 0);
        alice.deliver();
        assertEquals(List.of(PersonName.claimed("bob")), names(alice),
                "anyone can certify a key as \"bob\": only the server's records tie the name to Bob's identity");

        bob.type(0, "hi");
        room.deliverAll();

        assertEquals(List.of(PersonName.account("bob")), names(alice), "at once, without waiting for a heartbeat");
    }

    @Test
    void presenceCarryingTheCertificateOfAnotherDeviceKey_isNotBelieved_andShowsNoCaret() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "alice was here");
        room.deliverAll();

        // Mallory holds the link and copies Alice's certificate (it travels in every item) into her own presence.
        NoteItemCipher mallory = new NoteItemCipher(room.keys, room.newAccountDevice("mallory").key(), room.random);
        deliverPresence(bob, mallory, aliceDevice.certificate().encode());

        assertTrue(bob.view.peers.isEmpty(), bob.view.peers.toString());
    }

    @Test
    void presenceWithATamperedCertificate_isNotBelieved() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "alice was here");
        room.deliverAll();
        byte[] tampered = aliceDevice.certificate().encode();
        tampered[tampered.length - 1] ^= 1; // the identity's signature

        deliverPresence(bob, new NoteItemCipher(room.keys, aliceDevice.key(), room.random), tampered);

        assertTrue(bob.view.peers.isEmpty(), bob.view.peers.toString());
    }

    @Test
    void selfMadeCertificateNamingSomeoneElse_isNeverShownAsTheirAccount() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "the real alice");
        room.deliverAll();
        // Mallory makes an identity of her own and certifies her device as "alice": it verifies, under her identity.
        Device fakeAlice = room.newAccountDevice("alice");

        deliverPresence(bob, new NoteItemCipher(room.keys, fakeAlice.key(), room.random),
                fakeAlice.certificate().encode());

        assertEquals(List.of(PersonName.claimed("alice")), names(bob), "a claim, shown as unverified");
    }

    @Test
    void presenceClaimingMyOwnName_isShownAsAClaim_notAsMe() {
        Person alice = room.open(aliceDevice);
        alice.connect();
        alice.deliver();
        Device fakeAlice = room.newAccountDevice("alice");

        deliverPresence(alice, new NoteItemCipher(room.keys, fakeAlice.key(), room.random),
                fakeAlice.certificate().encode());

        assertEquals(List.of(PersonName.claimed("alice")), names(alice));
    }

    @Test
    void itemWithACertificateThatDoesNotVerify_isWarnedAbout_andNotApplied() throws InvalidMessageException {
        Person bob = room.open(bobDevice);
        bob.connect();
        bob.deliver();
        byte[] tampered = aliceDevice.certificate().encode();
        tampered[tampered.length - 1] ^= 1;
        NoteItemCipher forger = new NoteItemCipher(room.keys, aliceDevice.key(), DeviceCertificate.parse(tampered),
                room.random);
        NoteItem forged = forger.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("forged"));

        relay.inject(bob.client, 1, forged);
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.BAD_SIGNATURE), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("certificate does not verify"),
                bob.view.warnings.get(0).message());
        assertEquals("", bob.text());
    }

    @Test
    void warningAboutALoggedInAuthorsItem_namesThemByUsername() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "one");
        alice.deliver();
        NoteItem first = relay.stored(0).item();

        relay.inject(bob.client, 2, first); // the same item again, under a new number
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.REPLAY), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("of author alice"),
                bob.view.warnings.get(0).message());
    }

    // --- One device key across visits ---------------------------------------------------------------------------

    @Test
    void sameDevice_twoVisits_withOfflineEditsBetween_continuesItsChain_withoutConflicts() {
        Person bob = room.open(bobDevice);
        bob.connect();
        bob.deliver();
        Person firstVisit = room.open(aliceDevice);
        firstVisit.connect();
        firstVisit.deliver();
        firstVisit.type(0, "one ");
        firstVisit.deliver();
        firstVisit.goOffline();
        firstVisit.type(4, "two ");
        byte[] kept = firstVisit.sync.exportLocalState(SyncRoom.KEPT_COPIES);

        Person secondVisit = room.open(aliceDevice); // a reload: a new page, the same device key
        assertTrue(secondVisit.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        secondVisit.type(8, "three");
        secondVisit.connect();
        secondVisit.deliver();
        bob.deliver();

        assertEquals("one two three", bob.text());
        assertFalse(secondVisit.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, secondVisit.view.status);
        assertOneChainOf(aliceDevice);
        assertEquals(List.of(), relay.refusals);
        assertNoWarnings(bob, secondVisit);
    }

    @Test
    void sameDevice_nextVisitWithAStaleLocalCopy_learnsItsChainFromTheHistory_withoutConflicts() {
        Person firstVisit = room.open(aliceDevice);
        firstVisit.connect();
        firstVisit.deliver();
        firstVisit.type(0, "one ");
        firstVisit.deliver();
        byte[] stale = firstVisit.sync.exportLocalState(SyncRoom.KEPT_COPIES);
        firstVisit.type(4, "two "); // stored, and the tab closes before its copy is kept again
        firstVisit.deliver();
        firstVisit.goOffline();

        Person secondVisit = room.open(aliceDevice);
        assertTrue(secondVisit.sync.restoreLocalState(stale, SyncRoom.KEPT_COPIES));
        secondVisit.connect();
        secondVisit.deliver();
        secondVisit.type(8, "three");
        secondVisit.deliver();
        Person thirdVisitWithoutCopy = room.open(aliceDevice); // site data cleared, keys kept
        thirdVisitWithoutCopy.connect();
        thirdVisitWithoutCopy.deliver();
        thirdVisitWithoutCopy.type(13, "!");
        thirdVisitWithoutCopy.deliver();

        assertEquals("one two three!", thirdVisitWithoutCopy.text());
        assertOneChainOf(aliceDevice);
        assertEquals(List.of(), relay.refusals);
        assertNoWarnings(secondVisit, thirdVisitWithoutCopy);
    }

    @Test
    void sameDevice_nextVisitOpeningFromASnapshot_continuesTheChainTheSnapshotRecords() {
        relay.letCoveredUpdatesGoAtOnce(); // nobody else confirms it: a server past its retention time
        Person firstVisit = room.open(aliceDevice);
        firstVisit.connect();
        firstVisit.deliver();
        for (int i = 0; i < SyncTunables.SNAPSHOT_EVERY + 3; i++) {
            firstVisit.type(firstVisit.text().length(), i % 50 == 49 ? "\n" : "k");
            firstVisit.deliver();
        }
        firstVisit.goOffline();
        assertTrue(relay.storedCount() < 10, "the device's updates were compacted: " + relay.storedCount());

        Person nextVisit = room.open(aliceDevice); // no local copy: the base snapshot says where its chain stands
        nextVisit.connect();
        nextVisit.deliver();
        nextVisit.type(0, ">");
        nextVisit.deliver();
        Person bob = room.open(bobDevice);
        bob.connect();
        bob.deliver();

        assertEquals(">" + firstVisit.text(), bob.text());
        assertFalse(nextVisit.sync.hasUnsavedChanges());
        assertEquals(List.of(), relay.refusals);
        assertNoWarnings(nextVisit, bob);
    }

    @Test
    void sameDevice_reloaded_isStillSeenByOthers() {
        Person bob = room.open(bobDevice);
        bob.connect();
        bob.deliver();
        Person firstVisit = room.open(aliceDevice);
        firstVisit.connect();
        firstVisit.deliver();
        firstVisit.type(0, "hello");
        for (int i = 0; i < 5; i++) { // a few carets: readers count this device's presence up to here
            firstVisit.select(i, i);
            room.clock.advance(SyncTunables.defaults().presenceIntervalMillis());
            room.deliverAll();
        }
        firstVisit.goOffline();
        room.clock.advance(SyncTunables.PRESENCE_TIMEOUT_MILLIS + 1);
        assertTrue(bob.view.peers.isEmpty());

        Person reloaded = room.open(aliceDevice);
        reloaded.connect();
        reloaded.deliver();
        reloaded.select(1, 1);
        bob.deliver();

        assertEquals(List.of(PersonName.account("alice")), names(bob),
                "the device's presence counter goes on across visits, so readers do not take it for a replay");
    }

    @Test
    void twoTabsOfOneDevice_whoseChainsCross_learnTheChainAgain_andKeepTheirKey() {
        Person bob = room.open(bobDevice);
        Person tabOne = room.open(aliceDevice);
        Person tabTwo = room.open(aliceDevice); // as where the browser has no Web Locks
        bob.connect();
        tabOne.connect();
        tabTwo.connect();
        room.deliverAll();

        tabOne.type(0, "one ");
        tabTwo.type(0, "two "); // before tab two heard of tab one's item: the same sequence number, refused
        tabTwo.deliver();
        for (int pass = 0; pass < 3; pass++) {
            room.deliverAll();
        }

        assertEquals(List.of(ErrorCode.CHAIN_CONFLICT), relay.refusals);
        assertTrue(bob.text().contains("one ") && bob.text().contains("two "), bob.text());
        assertEquals(bob.text(), tabOne.text());
        assertEquals(bob.text(), tabTwo.text());
        assertFalse(tabTwo.sync.hasUnsavedChanges());
        assertOneChainOf(aliceDevice);
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void chainTheServerWillNotContinue_isLearnedAgain_underTheSameDeviceKey_andNothingIsLost() {
        Person alice = room.open(aliceDevice);
        Person bob = room.open(bobDevice);
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "first ");
        alice.deliver();

        relay.refuseNext = ErrorCode.CHAIN_CONFLICT;
        alice.type(6, "second");
        for (int pass = 0; pass < 3; pass++) {
            room.deliverAll();
        }

        assertEquals("first second", bob.text());
        assertFalse(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, alice.view.status);
        assertOneChainOf(aliceDevice);
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void serverThatNeverContinuesTheChain_doesNotMakeADeviceLoop_andItsEditsAreKept() {
        Person alice = room.open(aliceDevice);
        alice.connect();
        alice.deliver();
        relay.refuseEvery = ErrorCode.CHAIN_CONFLICT;

        alice.type(0, "never stored");
        for (int pass = 0; pass < 10; pass++) {
            alice.deliver();
            room.clock.advance(SyncTunables.defaults().sendIntervalMillis());
        }

        assertEquals(2, relay.publishes, "sent, learned the chain again, sent once more, then stopped");
        assertEquals(SyncStatus.REFUSED, alice.view.status);
        assertTrue(alice.sync.hasUnsavedChanges());
        assertEquals("never stored", alice.text());
    }

    @Test
    void serverRestoredFromAnOlderBackup_getsBackWhatTheDeviceWrote_underTheSameKey() {
        Person alice = room.open(aliceDevice);
        Person carol = room.open("Carol");
        alice.connect();
        alice.deliver();
        alice.type(0, "kept ");
        alice.deliver();
        alice.type(5, "lost in the restore");
        alice.deliver();
        alice.goOffline();

        relay.restoreBackupOf(1);
        alice.connect();
        for (int pass = 0; pass < 3; pass++) {
            alice.deliver();
        }
        alice.type(0, ">");
        alice.deliver();
        carol.connect();
        carol.deliver();

        assertEquals(">kept lost in the restore", carol.text());
        assertOneChainOf(aliceDevice);
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
    }

    // --- Session ended ------------------------------------------------------------------------------------------

    @Test
    void itemRefusedAsFromARevokedDevice_endsTheSession_keepsTheEdits_andNeverRetries() {
        for (ErrorCode code : List.of(ErrorCode.DEVICE_REVOKED, ErrorCode.UNKNOWN_DEVICE,
                ErrorCode.NOT_THIS_SESSION)) {
            SyncRoom room = new SyncRoom();
            Person alice = room.open(room.newAccountDevice("alice"));
            alice.connect();
            alice.deliver();
            room.relay.refuseNext = code;

            alice.type(0, "unsent");
            alice.deliver();
            room.clock.advance(60_000);
            alice.type(0, "x");

            assertSessionEnded(alice, code.name());
            assertEquals(1, room.relay.publishes, code + ": not sent again");
            Person reloaded = room.open(room.newAccountDevice("alice"));
            assertTrue(reloaded.sync.restoreLocalState(alice.sync.exportLocalState(SyncRoom.KEPT_COPIES),
                    SyncRoom.KEPT_COPIES));
            assertTrue(reloaded.sync.hasUnsavedChanges(), code + ": the edits wait in the local copy");
            assertEquals("unsent", reloaded.text());
        }
    }

    @Test
    void socketClosedAsSessionEnded_stopsSending_andKeepsWhatWasNotSent() {
        Person alice = room.open(aliceDevice);
        alice.connect();
        alice.deliver();
        alice.type(0, "stored ");
        alice.deliver();
        relay.refuseNext = ErrorCode.RATE_LIMITED; // the next one stays unsent for now
        alice.type(7, "unsent");
        alice.deliver();

        relay.endSession(alice.client); // revoked elsewhere: the server closes the socket with 4401
        room.clock.advance(60_000);
        alice.type(0, "x");

        assertSessionEnded(alice, "4401");
        assertEquals(2, relay.publishes);
        Person reloaded = room.open(aliceDevice);
        assertTrue(reloaded.sync.restoreLocalState(alice.sync.exportLocalState(SyncRoom.KEPT_COPIES),
                SyncRoom.KEPT_COPIES));
        assertEquals("stored unsent", reloaded.text());
        assertTrue(reloaded.sync.hasUnsavedChanges());
    }

    @Test
    void upgradeRefusedForAnEndedSession_whileOffline_stopsForGood_evenIfASocketOpensLater() {
        Person alice = room.open(aliceDevice);
        alice.connect();
        alice.deliver();
        alice.goOffline();
        alice.type(0, "typed offline");

        alice.sync.onSessionEnded(); // the browser saw the upgrade fail, and GET /api/session answered 401
        alice.connect(); // a socket that was already opening
        alice.deliver();
        room.clock.advance(60_000);

        assertSessionEnded(alice, "401");
        assertEquals(0, relay.publishes);
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private void assertSessionEnded(Person person, String why) {
        assertEquals(SyncStatus.SESSION_ENDED, person.view.status, why);
        assertEquals("Log in again to keep editing; your unsent changes are kept in this browser.",
                person.view.detail, why);
        assertFalse(person.view.editable, why);
        assertTrue(person.sync.hasUnsavedChanges(), why);
    }

    /** Every stored item is the device's, numbered 1, 2, 3 ... each naming the one before: one unbroken chain. */
    private void assertOneChainOf(Device device) {
        UpdateHash previous = UpdateHash.NONE;
        long sequence = 0;
        for (int i = 0; i < relay.storedCount(); i++) {
            NoteItem item = relay.stored(i).item();
            if (!device.certificate().equals(item.credential())) {
                continue;
            }
            assertEquals(++sequence, item.header().sequence(), "item " + i);
            assertEquals(previous, item.header().previousHash(), "item " + i);
            previous = item.hash();
        }
        assertNotEquals(0, sequence, "the device stored items");
    }

    private static void assertNoWarnings(Person... people) {
        for (Person person : people) {
            assertTrue(person.view.warnings.isEmpty(), person.name + ": " + person.view.warnings);
        }
    }

    private static List<PersonName> names(Person person) {
        return person.view.peers.stream().map(PeerCursor::person).toList();
    }

    /** Hands {@code to} a presence sealed and signed by {@code sender}'s key, carrying {@code certificate}. */
    private void deliverPresence(Person to, NoteItemCipher sender, byte[] certificate) {
        PresenceMessage message = new PresenceMessage(ReplicaId.of(room.random.randomBytes(16)), "", 1, null, null,
                certificate, null);
        to.client.inbox.add(FrameCodec.encode(new Frame.Presence(
                sender.sealPresence(message.encode(), room.clock.nowMillis()))));
        to.deliver();
    }

    private byte[] opsTyping(String text) {
        TextDocument doc = new TextDocument(ReplicaId.of(room.random.randomBytes(16)));
        return TextOpCodec.encode(List.of(doc.insert(0, text)));
    }
}
