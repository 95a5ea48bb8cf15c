package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.aead.JavaXChaCha20Poly1305Arrays;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import dev.vellum.protocol.workspace.TestEpochs;
import dev.vellum.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkspaceNoteItemCipherTest {
    private static final TestAccount ALICE = new TestAccount("alice", "correct horse");
    private static final TestAccount BOB = new TestAccount("bob", "battery staple");

    private final TestEpochs epochs = new TestEpochs(1);
    private final JavaXChaCha20Poly1305Arrays keptCopies = new JavaXChaCha20Poly1305Arrays(epochs.random);
    private final NoteId noteId = NoteId.random(epochs.random);
    private final LogHead head = new LogHead(7, epochs.random.randomBytes(32));
    private final NoteItemCipher alice = writer(ALICE, keyringHolding(1), () -> head);
    private final NoteItemCipher bob = writer(BOB, keyringHolding(1), () -> head);

    @Test
    void sealedItem_namesTheWorkspaceAndEpoch_andOpensForAnotherMember_withTheAuthorsLogHead() throws Exception {
        NoteItem item = NoteItem.parse(update(alice, 1, UpdateHash.NONE, "hello").encode());

        item.verifyForWorkspaceStorage();
        assertEquals(NoteItem.VERSION_WITH_CREDENTIAL, item.encode()[0]);
        assertEquals(epochs.workspaceId, item.header().workspaceId());
        assertEquals(1, item.header().keyEpoch());
        assertEquals(noteId, item.header().documentId());
        OpenedItem opened = bob.openItem(item);
        assertEquals("hello", text(opened.body()));
        assertEquals(7, opened.claimedHead().sequence());
        assertArrayEquals(head.entryHash(), opened.claimedHead().entryHash());
        assertEquals("hello", text(bob.open(item)));
    }

    @Test
    void theHeadSealed_isTheAuthorsAtTheTimeOfSealing() throws Exception {
        LogHead[] current = {head};
        NoteItemCipher writer = writer(ALICE, keyringHolding(1), () -> current[0]);
        NoteItem first = update(writer, 1, UpdateHash.NONE, "one");
        current[0] = new LogHead(8, epochs.random.randomBytes(32));
        NoteItem second = update(writer, 2, first.hash(), "two");

        assertEquals(7, bob.openItem(first).claimedHead().sequence());
        assertEquals(8, bob.openItem(second).claimedHead().sequence());
    }

    @Test
    void theNoteIdDoesNotCommitToTheWriteKey_soTheLinkNoteStorageCheckRefusesIt() {
        NoteItem item = update(alice, 1, UpdateHash.NONE, "hello");

        assertThrows(InvalidSignatureException.class, item::verifyForStorage);
    }

    @Test
    void everyFlippedByte_isRefusedByTheServerCheckOrTheReader() throws Exception {
        byte[] encoded = update(alice, 1, UpdateHash.NONE, "hello").encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class, () -> {
                NoteItem parsed = NoteItem.parse(tampered);
                parsed.verifyForWorkspaceStorage();
                bob.openItem(parsed);
            }, "byte " + index);
            assertTrue(e instanceof InvalidSignatureException || e instanceof InvalidMessageException
                    || e instanceof AuthenticationFailedException, "byte " + index + " gave " + e);
        }
    }

    @Test
    void itemsOfAnOlderEpoch_openWithThatEpochsKeys_reachedThroughTheLinks() throws Exception {
        NoteItemCipher atEpochZero = writer(ALICE, keyringSeenAt(0), () -> head);
        NoteItem old = update(atEpochZero, 1, UpdateHash.NONE, "before the rotation");
        EpochKeyring bobsEpochs = new EpochKeyring(epochs.workspaceId, epochs);
        bobsEpochs.add(epochs.key(1));
        bobsEpochs.addLink(epochs.link(1));
        NoteItemCipher reader = writer(BOB, bobsEpochs, () -> head);

        assertEquals(0, old.header().keyEpoch());
        assertEquals("before the rotation", text(reader.openItem(old).body()));
        assertEquals(1, update(reader, 1, UpdateHash.NONE, "after").header().keyEpoch());
    }

    @Test
    void aMemberRemovedAtARotation_cannotOpenWhatIsWrittenAfter() {
        NoteItemCipher removed = writer(BOB, keyringHolding(1), () -> head);
        epochs.rotate();
        NoteItemCipher stays = writer(ALICE, keyringHolding(2), () -> head);
        NoteItem after = update(stays, 1, UpdateHash.NONE, "secret plans");

        MissingEpochKeyException e = assertThrows(MissingEpochKeyException.class, () -> removed.openItem(after));
        assertEquals(2, e.epoch());
        assertThrows(MissingEpochKeyException.class,
                () -> removed.sealItem(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, utf8("x")));
        assertThrows(IllegalStateException.class, () -> update(removed, 1, UpdateHash.NONE, "x"));
    }

    @Test
    void anItemOfAnotherWorkspaceOrNote_isRefusedBeforeDecrypting() {
        TestEpochs elsewhere = new TestEpochs(1);
        EpochKeyring theirs = new EpochKeyring(elsewhere.workspaceId, elsewhere);
        add(theirs, elsewhere, 1);
        NoteItem otherWorkspace = update(writer(ALICE, theirs, () -> head), 1, UpdateHash.NONE, "x");
        NoteItem otherNote = update(NoteItemCipher.forWorkspaceNote(
                NoteKeyring.ofWorkspaceNote(keyringHolding(1), NoteId.random(epochs.random)), ALICE.device,
                ALICE.certificate, () -> head, epochs.random), 1, UpdateHash.NONE, "x");

        assertThrows(InvalidMessageException.class, () -> bob.openItem(otherWorkspace));
        assertThrows(InvalidMessageException.class, () -> bob.openItem(otherNote));
    }

    @Test
    void aLinkNoteCipher_refusesAWorkspaceItem_andAWorkspaceCipher_aLinkNoteItem() {
        NoteKeys link = NoteKeys.generate(epochs.random);
        NoteItemCipher linkReader = new NoteItemCipher(link, IdentityKeyPair.generate(epochs.random), epochs.random);
        NoteItem linkItem = new NoteItemCipher(link, ALICE.device, ALICE.certificate, epochs.random)
                .seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, utf8("x"));

        assertThrows(InvalidMessageException.class, () -> linkReader.openItem(update(alice, 1, UpdateHash.NONE,
                "x")));
        assertThrows(InvalidMessageException.class, () -> bob.openItem(linkItem));
    }

    @Test
    void linkNoteItems_carryNoHead() throws Exception {
        NoteKeys link = NoteKeys.generate(epochs.random);
        NoteItemCipher cipher = new NoteItemCipher(link, ALICE.device, ALICE.certificate, epochs.random);

        OpenedItem opened = cipher.openItem(cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, utf8("x")));

        assertNull(opened.claimedHead());
        assertEquals(NoteKeys.generate(epochs.random).workspaceId(), link.workspaceId());
        assertEquals(0, link.keyEpoch());
    }

    @Nested
    class WithoutCredential {
        @Test
        void aWorkspaceNoteCannotBeWrittenAnonymously() {
            NoteKeyring keyring = NoteKeyring.ofWorkspaceNote(keyringHolding(1), noteId);
            IdentityKeyPair anonymous = IdentityKeyPair.generate(epochs.random);

            assertThrows(IllegalArgumentException.class,
                    () -> NoteItemCipher.forWorkspaceNote(keyring, anonymous, null, () -> head, epochs.random));
            assertThrows(IllegalArgumentException.class,
                    () -> NoteItemCipher.forWorkspaceNote(keyring, ALICE.device, ALICE.certificate, null,
                            epochs.random));
        }

        @Test
        void anAnonymousItemSealedWithAMembersKeys_isRefusedByTheServerAndTheReader() throws Exception {
            IdentityKeyPair anonymous = IdentityKeyPair.generate(epochs.random);
            NoteItem forged = forge(anonymous, null, ItemPlaintext.encode(NoteItemKind.UPDATE, 0, null, null,
                    utf8("x")));

            assertThrows(InvalidSignatureException.class, forged::verifyForWorkspaceStorage);
            assertThrows(InvalidMessageException.class, () -> bob.openItem(forged));
        }

        @Test
        void anItemWithoutALogHead_isRefusedByTheReader() throws Exception {
            NoteItem forged = forge(ALICE.device, ALICE.certificate, ItemPlaintext.encode(NoteItemKind.UPDATE, 0,
                    ALICE.certificate, null, utf8("x")));

            forged.verifyForWorkspaceStorage();
            assertThrows(InvalidMessageException.class, () -> bob.openItem(forged));
        }

        @Test
        void aLinkNoteItemCarryingALogHead_isRefusedByTheReader() {
            NoteKeys link = NoteKeys.generate(epochs.random);
            byte[] plaintext = ItemPlaintext.encode(NoteItemKind.UPDATE, 0, ALICE.certificate, head, utf8("x"));
            UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(new UpdateHeader(link.workspaceId(), link.noteId(), 0,
                    IdentityKeyId.of(ALICE.device.publicIdentity()), 1, UpdateHash.NONE), plaintext,
                    link.encryptionKey(), ALICE.device, epochs.random);
            NoteItem item = NoteItemCipher.sign(NoteItemKind.UPDATE, 0, ALICE.device.publicIdentity(),
                    ALICE.certificate, envelope, link.writeKey());

            assertThrows(InvalidMessageException.class, () -> new NoteItemCipher(link, BOB.device, BOB.certificate,
                    epochs.random).openItem(item));
        }

        private NoteItem forge(IdentityKeyPair author, DeviceCertificate credential, byte[] plaintext) {
            NoteKeys keys = NoteKeys.forWorkspaceNote(epochs.key(1), noteId);
            UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(new UpdateHeader(epochs.workspaceId, noteId, 1,
                    IdentityKeyId.of(author.publicIdentity()), 1, UpdateHash.NONE), plaintext, keys.encryptionKey(),
                    author, epochs.random);
            return NoteItemCipher.sign(NoteItemKind.UPDATE, 0, author.publicIdentity(), credential, envelope,
                    keys.writeKey());
        }
    }

    @Nested
    class Keys {
        @Test
        void theNoteSecret_isTheDocumentedHkdf_andTheUsualKeysFollowFromIt() {
            NoteKeys keys = NoteKeys.forWorkspaceNote(epochs.key(1), noteId);
            byte[] salt = new ByteWriter().writeBytes(epochs.workspaceId.toBytes()).writeBytes(noteId.toBytes())
                    .writeInt(1).toByteArray();
            byte[] secret = Hkdf.derive(epochs.key(1).key().exportBytes(), salt, Label.WORKSPACE_NOTE_SECRET.bytes(),
                    32);
            NoteKeys fromSecret = NoteKeys.fromSecret(SymmetricKey.fromBytes(secret));

            assertEquals(hex(fromSecret.encryptionKey()), hex(keys.encryptionKey()));
            assertEquals(hex(fromSecret.presenceKey()), hex(keys.presenceKey()));
            assertEquals(hex(fromSecret.localCopyKey()), hex(keys.localCopyKey()));
            assertEquals(fromSecret.writeKey().publicKey(), keys.writeKey().publicKey());
            assertEquals(noteId, keys.noteId());
            assertEquals(epochs.workspaceId, keys.workspaceId());
            assertEquals(1, keys.keyEpoch());
        }

        @Test
        void everyNoteAndEveryEpoch_hasItsOwnKeys() {
            NoteKeys keys = NoteKeys.forWorkspaceNote(epochs.key(1), noteId);
            NoteKeys otherNote = NoteKeys.forWorkspaceNote(epochs.key(1), NoteId.random(epochs.random));
            NoteKeys otherEpoch = NoteKeys.forWorkspaceNote(epochs.key(0), noteId);

            assertNotEquals(hex(keys.encryptionKey()), hex(otherNote.encryptionKey()));
            assertNotEquals(hex(keys.encryptionKey()), hex(otherEpoch.encryptionKey()));
            assertNotEquals(keys.writeKey().publicKey(), otherEpoch.writeKey().publicKey());
        }

        @Test
        void aLinkNote_hasOnlyEpochZero() throws Exception {
            NoteKeys link = NoteKeys.generate(epochs.random);
            NoteKeyring keyring = NoteKeyring.ofLinkNote(link);

            assertEquals(link, keyring.forEpoch(0));
            assertEquals(link, keyring.current());
            assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(1));
        }

        @Test
        void aWorkspaceNoteHasNoLinkSecret() {
            NoteKeys keys = NoteKeys.forWorkspaceNote(epochs.key(1), noteId);

            assertThrows(IllegalStateException.class, keys::secret);
            assertThrows(IllegalArgumentException.class, () -> NoteKeyring.ofLinkNote(keys));
            assertTrue(keys.toString().contains("redacted"));
        }
    }

    @Nested
    class Presence {
        @Test
        void presence_opensForAnotherMember_andPassesTheWorkspaceRelayCheckOnly() throws Exception {
            byte[] sealed = alice.sealPresence(utf8("caret"), 1_000);
            dev.vellum.protocol.item.SignedPresence relayed = dev.vellum.protocol.item.SignedPresence.parse(sealed);

            relayed.verifyForWorkspaceRelay();
            assertThrows(InvalidSignatureException.class, relayed::verifyForRelay);
            assertEquals("caret", text(bob.openPresence(sealed).message()));
        }

        @Test
        void presenceOfTheEpochBefore_opens_butNotOfOlderOnes() throws Exception {
            epochs.rotate();
            epochs.rotate();
            NoteItemCipher twoBehind = writer(ALICE, keyringSeenAt(1), () -> head);
            EpochKeyring bobsEpochs = keyringHolding(3);
            bobsEpochs.addLink(epochs.link(3));
            bobsEpochs.addLink(epochs.link(2));
            NoteItemCipher reader = writer(BOB, bobsEpochs, () -> head);
            NoteItemCipher oneBehind = writer(ALICE, keyringSeenAt(2), () -> head);

            assertEquals("late", text(reader.openPresence(oneBehind.sealPresence(utf8("late"), 1)).message()));
            assertThrows(InvalidSignatureException.class, () -> reader.openPresence(twoBehind.sealPresence(utf8("x"),
                    1)));
        }

        @Test
        void everyFlippedByte_isRefused() {
            byte[] sealed = alice.sealPresence(utf8("caret"), 1_000);
            for (int i = 0; i < sealed.length; i++) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= 0x01;
                assertThrows(Exception.class, () -> bob.openPresence(tampered), "byte " + i);
            }
        }

        @Test
        void presenceSealedWithAnotherNotesKeys_isRefused() {
            // A member of another workspace puts this note's id in the header; the write key is not this note's.
            TestEpochs elsewhere = new TestEpochs(1);
            EpochKeyring theirs = new EpochKeyring(elsewhere.workspaceId, elsewhere);
            add(theirs, elsewhere, 1);
            NoteItemCipher stranger = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(theirs, noteId),
                    ALICE.device, ALICE.certificate, () -> head, epochs.random);

            assertThrows(InvalidSignatureException.class,
                    () -> bob.openPresence(stranger.sealPresence(utf8("x"), 1)));
        }
    }

    @Nested
    class LocalCopy {
        @Test
        void keptCopy_opensAfterARotation_withTheEpochItWasSealedUnder() throws Exception {
            EpochKeyring mine = keyringHolding(1);
            NoteItemCipher before = writer(ALICE, mine, () -> head);
            byte[] kept = before.sealLocalState(utf8("draft"), keptCopies);
            epochs.rotate();
            add(mine, epochs, 2);
            mine.addLink(epochs.link(2));

            assertEquals("draft", text(before.openLocalState(kept, keptCopies)));
            assertEquals(2, ((kept = before.sealLocalState(utf8("draft 2"), keptCopies))[3]));
            assertEquals("draft 2", text(before.openLocalState(kept, keptCopies)));
        }

        @Test
        void everyFlippedByte_isRefused() {
            byte[] kept = alice.sealLocalState(utf8("draft"), keptCopies);
            for (int i = 0; i < kept.length; i++) {
                byte[] tampered = kept.clone();
                tampered[i] ^= 0x01;
                int index = i;
                Exception e = assertThrows(Exception.class, () -> alice.openLocalState(tampered, keptCopies), "byte " + i);
                assertTrue(e instanceof InvalidMessageException || e instanceof AuthenticationFailedException,
                        "byte " + index + " gave " + e);
            }
        }

        @Test
        void anotherNotesCopy_doesNotOpen() {
            NoteItemCipher otherNote = NoteItemCipher.forWorkspaceNote(
                    NoteKeyring.ofWorkspaceNote(keyringHolding(1), NoteId.random(epochs.random)), ALICE.device,
                    ALICE.certificate, () -> head, epochs.random);

            assertThrows(AuthenticationFailedException.class,
                    () -> alice.openLocalState(otherNote.sealLocalState(utf8("draft"), keptCopies), keptCopies));
        }
    }

    private EpochKeyring keyringHolding(int epoch) {
        EpochKeyring keyring = new EpochKeyring(epochs.workspaceId, epochs);
        add(keyring, epochs, epoch);
        return keyring;
    }

    /** A member's keyring holding the key of {@code current}, whose browser has seen the log only up to it. */
    private EpochKeyring keyringSeenAt(int current) {
        EpochKeyring keyring = new EpochKeyring(epochs.workspaceId, epochs.asSeenAt(current));
        add(keyring, epochs, current);
        return keyring;
    }

    private static void add(EpochKeyring keyring, TestEpochs from, int epoch) {
        try {
            keyring.add(from.key(epoch));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private NoteItemCipher writer(TestAccount account, EpochKeyring keyring, Supplier<LogHead> logHead) {
        return NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(keyring, noteId), account.device,
                account.certificate, logHead, epochs.random);
    }

    private static NoteItem update(NoteItemCipher cipher, long sequence, UpdateHash previous, String text) {
        return cipher.seal(NoteItemKind.UPDATE, 0, sequence, previous, utf8(text));
    }

    private static String hex(SymmetricKey key) {
        return Hex.toHexString(key.exportBytes());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
