package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.item.SignedPresence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PresenceCipherTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final byte[] MESSAGE = "caret after (a, 3)".getBytes(StandardCharsets.UTF_8);

    private final NoteKeys keys = NoteKeys.generate(RANDOM);
    private final IdentityKeyPair author = IdentityKeyPair.generate(RANDOM);
    private final NoteItemCipher sender = new NoteItemCipher(keys, author, RANDOM);
    private final NoteItemCipher reader = new NoteItemCipher(NoteKeys.fromSecret(keys.secret()),
            IdentityKeyPair.generate(RANDOM), RANDOM);

    @Test
    void sealed_opensForAnotherLinkHolder_withItsAuthorCounterAndTime() throws Exception {
        OpenedPresence first = reader.openPresence(sender.sealPresence(MESSAGE, 1_000));
        OpenedPresence second = reader.openPresence(sender.sealPresence(MESSAGE, 1_100));

        assertArrayEquals(MESSAGE, first.message());
        assertEquals(author.signingKey().publicKey(), first.author());
        assertEquals(1_000, first.counter(), "the send time");
        assertEquals(1_100, second.counter());
        assertEquals(1_100, second.sentAtMillis());
    }

    @Test
    void counter_growsWithEveryMessage_evenWithinOneMillisecond_orWhenTheClockStepsBack() throws Exception {
        long first = reader.openPresence(sender.sealPresence(MESSAGE, 5_000)).counter();
        long sameMillisecond = reader.openPresence(sender.sealPresence(MESSAGE, 5_000)).counter();
        long clockBack = reader.openPresence(sender.sealPresence(MESSAGE, 4_000)).counter();

        assertEquals(List.of(5_000L, 5_001L, 5_002L), List.of(first, sameMillisecond, clockBack));
    }

    @Test
    void sameKeyOnALaterVisit_startsAboveTheEarlierVisitsCounter_soReadersDoNotTakeItForAReplay() throws Exception {
        PresenceFreshness freshness = new PresenceFreshness(30_000);
        for (long at = 10_000; at < 10_100; at += 10) { // a visit sending ten carets
            assertTrue(freshness.accept(reader.openPresence(sender.sealPresence(MESSAGE, at)), at));
        }
        NoteItemCipher nextVisit = new NoteItemCipher(keys, author, RANDOM); // a reload: the same device key

        assertTrue(freshness.accept(reader.openPresence(nextVisit.sealPresence(MESSAGE, 12_000)), 12_000));
    }

    @Test
    void relayCheck_passesWithoutAnySecret() throws Exception {
        SignedPresence presence = SignedPresence.parse(sender.sealPresence(MESSAGE, 1));

        presence.verifyForRelay();
        assertEquals(keys.noteId(), presence.noteId());
    }

    @Test
    void everyTamperedByte_isRefusedByTheRelayCheckAlone() {
        byte[] encoded = sender.sealPresence(MESSAGE, 1);
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class, () -> SignedPresence.parse(tampered).verifyForRelay(),
                    "byte " + index);
            assertTrue(e instanceof InvalidSignatureException || e instanceof InvalidMessageException,
                    "byte " + index + " gave " + e);
        }
    }

    @Test
    void everyTamperedByte_isRefusedByTheReader() {
        byte[] encoded = sender.sealPresence(MESSAGE, 1);
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= (byte) 0x80;
            assertThrows(Exception.class, () -> reader.openPresence(tampered), "byte " + i);
        }
    }

    @Test
    void truncatedOrExtended_doesNotParse() {
        byte[] encoded = sender.sealPresence(MESSAGE, 1);

        assertThrows(InvalidSignatureException.class, () -> SignedPresence.parse(
                Arrays.copyOf(encoded, encoded.length + 1)).verifyForRelay());
        assertThrows(InvalidMessageException.class, () -> SignedPresence.parse(
                Arrays.copyOf(encoded, SignedPresence.MIN_LENGTH - 1)));
    }

    @Test
    void version1_theBareSealedBytes_isRefused() {
        byte[] old = new XChaCha20Poly1305(keys.encryptionKey(), RANDOM).encrypt(MESSAGE, new byte[0]);
        old[0] = 1;

        assertThrows(UnsupportedVersionException.class, () -> reader.openPresence(old));
    }

    @Test
    void anotherNotesPresence_isRefusedAsAnotherNotes() {
        NoteItemCipher elsewhere = new NoteItemCipher(NoteKeys.generate(RANDOM), author, RANDOM);

        assertThrows(InvalidMessageException.class, () -> reader.openPresence(elsewhere.sealPresence(MESSAGE, 1)));
    }

    @Test
    void stranger_withOnlyTheNoteId_cannotSignForTheNote() {
        // Whoever knows the id can copy the header and make up the rest, but the write key is not the note's.
        Ed25519PrivateKey strangerKey = Ed25519PrivateKey.generate(RANDOM);
        byte[] header = SignedPresence.encodeHeader(keys.noteId(), strangerKey.publicKey());
        byte[] forged = PresenceCipher.sign(header, RANDOM.randomBytes(80), strangerKey, strangerKey);

        InvalidSignatureException e = assertThrows(InvalidSignatureException.class,
                () -> SignedPresence.parse(forged).verifyForRelay());
        assertTrue(e.getMessage().contains("write key"), e.getMessage());
        assertThrows(InvalidSignatureException.class, () -> reader.openPresence(forged));
    }

    @Test
    void sealedPartMovedToAnotherAuthor_doesNotOpen() throws Exception {
        // A link holder can sign another's sealed part as themselves; the header it is bound to then differs.
        SignedPresence original = SignedPresence.parse(sender.sealPresence(MESSAGE, 1));
        Ed25519PrivateKey thief = Ed25519PrivateKey.generate(RANDOM);
        byte[] header = SignedPresence.encodeHeader(keys.noteId(), thief.publicKey());
        byte[] moved = PresenceCipher.sign(header, original.sealed(), thief, keys.writeKey());

        SignedPresence.parse(moved).verifyForRelay();
        assertThrows(AuthenticationFailedException.class, () -> reader.openPresence(moved));
    }

    @Test
    void sealedUnderTheEncryptionKey_doesNotOpen() {
        byte[] header = SignedPresence.encodeHeader(keys.noteId(), author.signingKey().publicKey());
        byte[] plaintext = new byte[16 + MESSAGE.length];
        plaintext[7] = 1;
        System.arraycopy(MESSAGE, 0, plaintext, 16, MESSAGE.length);
        byte[] sealed = new XChaCha20Poly1305(keys.encryptionKey(), RANDOM)
                .encrypt(plaintext, SignedPresence.associatedData(header));
        byte[] presence = PresenceCipher.sign(header, sealed, author.signingKey(), keys.writeKey());

        assertThrows(AuthenticationFailedException.class, () -> reader.openPresence(presence));
    }

    @Nested
    class Freshness {
        private static final long TIMEOUT = 30_000;
        private static final long MAX_AGE = TIMEOUT + PresenceFreshness.CLOCK_SKEW_ALLOWANCE_MILLIS;
        private final PresenceFreshness freshness = new PresenceFreshness(TIMEOUT);

        @Test
        void replayedMessage_isDropped() throws Exception {
            byte[] captured = sender.sealPresence(MESSAGE, 1_000);

            assertTrue(freshness.accept(reader.openPresence(captured), 1_000));
            assertFalse(freshness.accept(reader.openPresence(captured), 1_000));
        }

        @Test
        void counterGoingBack_isDropped() throws Exception {
            byte[] earlier = sender.sealPresence(MESSAGE, 1_000);
            byte[] later = sender.sealPresence(MESSAGE, 1_100);

            assertTrue(freshness.accept(reader.openPresence(later), 1_100));
            assertFalse(freshness.accept(reader.openPresence(earlier), 1_100));
        }

        @Test
        void departedPersonsMessage_olderThanTheTimeoutBeforeTheNewest_isDropped() throws Exception {
            byte[] departed = sender.sealPresence(MESSAGE, 1_000);
            NoteItemCipher present = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);

            long newest = 1_000 + MAX_AGE + 1;
            assertTrue(freshness.accept(reader.openPresence(present.sealPresence(MESSAGE, newest)), newest));
            assertFalse(freshness.accept(reader.openPresence(departed), newest));
        }

        @Test
        void recordingReplayedOneByOne_toAReaderWhoIsAlone_stopsShowingOnceOlderThanTheTimeoutAndAllowance()
                throws Exception {
            List<byte[]> heartbeats = new ArrayList<>();
            for (long sentAt = 0; sentAt < 200_000; sentAt += 10_000) {
                heartbeats.add(sender.sealPresence(MESSAGE, sentAt)); // counters rise, as in a real recording
            }
            long now = 200_000;

            int shown = 0;
            for (byte[] heartbeat : heartbeats) {
                if (freshness.accept(reader.openPresence(heartbeat), now)) {
                    shown++;
                }
            }
            assertEquals(9, shown, "only those sent within the timeout and allowance before now: 110 s to 190 s");
        }

        @Test
        void messageDatedFarAhead_isDropped_andDoesNotHideAnyoneElse() throws Exception {
            NoteItemCipher linkHolder = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);
            long now = 1_000_000;

            assertFalse(freshness.accept(reader.openPresence(linkHolder.sealPresence(MESSAGE, now + 600_000)), now));
            assertTrue(freshness.accept(reader.openPresence(sender.sealPresence(MESSAGE, now - 45_000)), now),
                    "an honest clock 45 s behind is still shown");
        }

        @Test
        void messagesAtTheEdgesOfTheWindow_areShown_andJustPastThem_areNot() throws Exception {
            NoteItemCipher other = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);
            long now = 1_000_000;

            assertTrue(freshness.accept(reader.openPresence(sender.sealPresence(MESSAGE, now - MAX_AGE)), now));
            assertTrue(freshness.accept(reader.openPresence(other.sealPresence(MESSAGE,
                    now + PresenceFreshness.CLOCK_SKEW_ALLOWANCE_MILLIS)), now));
            assertFalse(freshness.accept(reader.openPresence(sender.sealPresence(MESSAGE, now - MAX_AGE - 1)),
                    now + 1_000));
            assertFalse(freshness.accept(reader.openPresence(other.sealPresence(MESSAGE,
                    now + PresenceFreshness.CLOCK_SKEW_ALLOWANCE_MILLIS + 1)), now));
        }

        @Test
        void peerWhoseClockIsBehind_byLessThanTheAllowance_isStillShown() throws Exception {
            NoteItemCipher ahead = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);

            assertTrue(freshness.accept(reader.openPresence(ahead.sealPresence(MESSAGE, 100_000)), 100_000));
            assertTrue(freshness.accept(reader.openPresence(sender.sealPresence(MESSAGE, 100_000 - 45_000)), 100_000),
                    "a clock 45 s behind");
        }

        @Test
        void authorsCountIndependently_andSlightlyOlderMessagesPass() throws Exception {
            NoteItemCipher other = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);
            sender.sealPresence(MESSAGE, 0);
            sender.sealPresence(MESSAGE, 0);

            assertTrue(freshness.accept(reader.openPresence(sender.sealPresence(MESSAGE, 20_000)), 20_000));
            assertTrue(freshness.accept(reader.openPresence(other.sealPresence(MESSAGE, 5_000)), 20_000));
        }
    }
}
