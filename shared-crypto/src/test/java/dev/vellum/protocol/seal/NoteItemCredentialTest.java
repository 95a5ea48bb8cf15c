package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Items written by an account's device carry its certificate (note item version 3). */
class NoteItemCredentialTest {
    private final TestAccount alice = new TestAccount("alice", "correct horse battery staple");
    private final NoteKeys keys = NoteKeys.generate(alice.random);
    private final NoteItemCipher device = new NoteItemCipher(keys, alice.device, alice.certificate, alice.random);

    private NoteItem update(NoteItemCipher cipher, String text) {
        return cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDevicesItem_carriesItsCertificate_throughParsingAndStorageChecks() throws Exception {
        NoteItem received = NoteItem.parse(update(device, "hello").encode());

        received.verifyForStorage();
        assertEquals(NoteItem.VERSION_WITH_CREDENTIAL, received.encode()[0]);
        assertEquals("alice", received.credential().username().value());
        assertEquals(alice.device.publicIdentity(), received.author());
        assertEquals("hello", new String(new NoteItemCipher(keys, IdentityKeyPair.generate(alice.random),
                alice.random).open(received), StandardCharsets.UTF_8));
    }

    @Test
    void anAnonymousItem_staysVersion2_withoutCredential() throws Exception {
        NoteItem anonymous = NoteItem.parse(update(new NoteItemCipher(keys, IdentityKeyPair.generate(alice.random),
                alice.random), "hi").encode());

        assertEquals(NoteItem.VERSION, anonymous.encode()[0]);
        assertNull(anonymous.credential());
    }

    @Test
    void aCertificateForAnotherDevice_isRefusedWhenSealingAndWhenParsing() {
        IdentityKeyPair other = IdentityKeyPair.generate(alice.random);
        assertThrows(IllegalArgumentException.class,
                () -> new NoteItemCipher(keys, other, alice.certificate, alice.random));

        // Graft Alice's certificate onto an item another key wrote, re-signed with the link's write key.
        DeviceCertificate othersOwn = DeviceCertificate.issue(alice.identity, alice.accountId, alice.username,
                other.publicIdentity(), alice.certificate.issuedAtMillis());
        NoteItem theirs = update(new NoteItemCipher(keys, other, othersOwn, alice.random), "x");
        byte[] grafted = theirs.encode();
        byte[] certificate = alice.certificate.encode();
        System.arraycopy(certificate, 0, grafted, 76, certificate.length);
        assertThrows(InvalidMessageException.class, () -> NoteItem.parse(grafted));
    }

    @Test
    void aCertificateNotSignedByTheIdentityItNames_failsTheStorageCheck() throws Exception {
        IdentityKeyPair impostor = IdentityKeyPair.generate(alice.random);
        DeviceCertificate forged = DeviceCertificate.issue(impostor, alice.accountId, alice.username,
                alice.device.publicIdentity(), 1L);
        byte[] encoded = forged.encode();
        System.arraycopy(alice.identity.publicIdentity().toBytes(), 0, encoded, 18 + 5, 64);
        DeviceCertificate claimsAlice = DeviceCertificate.parse(encoded);

        NoteItem item = NoteItem.parse(update(new NoteItemCipher(keys, alice.device, claimsAlice, alice.random), "x")
                .encode());

        assertThrows(InvalidSignatureException.class, item::verifyForStorage);
    }

    @Test
    void everyChangedByteOfTheCredential_isCaught() {
        byte[] encoded = update(device, "hello").encode();
        for (int i = 74; i < 76 + alice.certificate.length(); i++) {
            byte[] tampered = Arrays.copyOf(encoded, encoded.length);
            tampered[i] ^= 0x01;
            int at = i;
            assertThrows(Exception.class, () -> NoteItem.parse(tampered).verifyForStorage(), () -> "byte " + at);
        }
    }

    @Test
    void aLinkHolderWhoGraftsAnotherIdentitysCertificateForTheSameDevice_isCaughtByReaders() throws Exception {
        NoteItem real = update(device, "alice wrote this");
        // Mallory vouches for Alice's device key under her own identity and name, and re-signs the item with the
        // link's write key: the server's checks would pass if Mallory's account held the device; readers must not
        // show Alice's words under Mallory's name.
        TestAccount mallory = new TestAccount("mallory", "another passphrase");
        DeviceCertificate grafted = DeviceCertificate.issue(mallory.identity, mallory.accountId, mallory.username,
                alice.device.publicIdentity(), 1L);
        NoteItem relabelled = NoteItemCipher.sign(real.kind(), real.covers(), real.author(), grafted,
                real.envelope(), keys.writeKey());
        relabelled.verifyForStorage();

        NoteItemCipher reader = new NoteItemCipher(keys, IdentityKeyPair.generate(alice.random), alice.random);
        assertThrows(InvalidMessageException.class, () -> reader.open(relabelled));
    }

    @Test
    void strippingTheCredential_orAddingOneToAnAnonymousItem_isCaughtByReaders() throws Exception {
        NoteItemCipher reader = new NoteItemCipher(keys, IdentityKeyPair.generate(alice.random), alice.random);
        NoteItem real = update(device, "alice wrote this");
        NoteItem stripped = NoteItemCipher.sign(real.kind(), real.covers(), real.author(), null, real.envelope(),
                keys.writeKey());
        assertThrows(InvalidMessageException.class, () -> reader.open(stripped));

        NoteItem anonymous = update(new NoteItemCipher(keys, alice.device, alice.random), "anonymous");
        NoteItem dressedUp = NoteItemCipher.sign(anonymous.kind(), anonymous.covers(), anonymous.author(),
                alice.certificate, anonymous.envelope(), keys.writeKey());
        assertThrows(InvalidMessageException.class, () -> reader.open(dressedUp));
        assertEquals("alice wrote this", new String(reader.open(real), StandardCharsets.UTF_8));
    }

    @Test
    void anAccountsDevice_cannotSwitchToAFreshAnonymousKey() {
        assertThrows(IllegalStateException.class, device::withFreshAuthor);
    }
}
