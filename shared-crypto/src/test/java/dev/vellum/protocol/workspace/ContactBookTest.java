package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyDerivation;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.workspace.ContactBook.PinResult;
import dev.vellum.testing.TestWorkspace;
import dev.vellum.testing.TestWorkspace.Person;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class ContactBookTest {
    private final TestWorkspace workspace = new TestWorkspace();
    private final Person alice = workspace.person("alice");
    private final Person bob = workspace.person("bob");
    private final Person carol = workspace.person("carol");
    private final ContactBook book = ContactBook.empty(alice.accountId());

    @Test
    void firstSight_pinsUnverified_andTheSameKeyAgainIsSame() {
        assertEquals(PinResult.NEW, book.pin(bob.as(Role.EDITOR), 1_000));
        assertEquals(PinResult.SAME, book.pin(bob.accountId(), bob.username(), bob.identity().publicIdentity(), 2_000));

        Contact pinned = book.contact(bob.accountId()).orElseThrow();
        assertEquals(1_000, pinned.firstSeenMillis());
        assertFalse(pinned.verified());
        assertFalse(book.isVerified(bob.accountId()));
    }

    @Test
    void aChangedKey_isReported_andNeverOverwritesThePin() {
        book.pin(bob.as(Role.EDITOR), 1_000);
        book.markVerified(bob.accountId(), bob.identity().publicIdentity());
        IdentityKeyPair swapped = IdentityKeyPair.generate(workspace.random);

        assertEquals(PinResult.CHANGED, book.pin(bob.accountId(), bob.username(), swapped.publicIdentity(), 2_000));
        assertEquals(bob.identity().publicIdentity(), book.contact(bob.accountId()).orElseThrow().identity());
        assertTrue(book.isVerified(bob.accountId()));
    }

    @Test
    void aChangedUsernameForThePinnedKey_isAlsoAChange() throws Exception {
        book.pin(bob.as(Role.EDITOR), 1_000);

        assertEquals(PinResult.CHANGED, book.pin(bob.accountId(), dev.vellum.protocol.account.Username.parse("bobby"),
                bob.identity().publicIdentity(), 2_000));
    }

    @Test
    void acceptingANewKey_replacesThePin_unverified() {
        book.pin(bob.as(Role.EDITOR), 1_000);
        book.markVerified(bob.accountId(), bob.identity().publicIdentity());
        IdentityKeyPair newDevice = IdentityKeyPair.generate(workspace.random);

        book.acceptNewKey(bob.accountId(), bob.username(), newDevice.publicIdentity(), 3_000);

        assertEquals(PinResult.SAME, book.pin(bob.accountId(), bob.username(), newDevice.publicIdentity(), 4_000));
        assertFalse(book.isVerified(bob.accountId()));
        assertEquals(3_000, book.contact(bob.accountId()).orElseThrow().firstSeenMillis());
        assertThrows(IllegalStateException.class,
                () -> book.acceptNewKey(carol.accountId(), carol.username(), newDevice.publicIdentity(), 1));
    }

    @Test
    void verifying_needsThePinnedKey() {
        book.pin(bob.as(Role.EDITOR), 1_000);

        assertThrows(IllegalStateException.class,
                () -> book.markVerified(bob.accountId(), carol.identity().publicIdentity()));
        assertThrows(IllegalStateException.class,
                () -> book.markVerified(carol.accountId(), carol.identity().publicIdentity()));
        assertFalse(book.isVerified(bob.accountId()));
        assertFalse(book.isVerified(carol.accountId()));
    }

    @Test
    void sealed_opensForItsOwner_withEveryPinAndMark() throws Exception {
        book.pin(bob.as(Role.EDITOR), 1_000);
        book.pin(carol.as(Role.VIEWER), 2_000);
        book.markVerified(carol.accountId(), carol.identity().publicIdentity());

        ContactBook opened = ContactBook.open(book.seal(alice.identity(), workspace.random), alice.accountId(),
                alice.identity());

        assertEquals(book.contacts(), opened.contacts());
        assertTrue(opened.isVerified(carol.accountId()));
        assertFalse(opened.isVerified(bob.accountId()));
        assertEquals(alice.accountId(), opened.owner());
    }

    @Test
    void theKey_isHkdfOfTheIdentitysX25519Key_saltedByTheAccount() throws Exception {
        byte[] expected = Hkdf.derive(alice.identity().agreementKey().exportBytes(KeyAccess.get()),
                alice.accountId().toBytes(), Label.CONTACTS_KEY, 32);
        byte[] derived = IdentityKeyDerivation.deriveFromAgreementKey(alice.identity(), alice.accountId().toBytes(),
                Label.CONTACTS_KEY, 32);
        assertEquals(Hex.toHexString(expected), Hex.toHexString(derived));

        byte[] plaintext = CommittingXChaCha20Poly1305.decryptOnly(SymmetricKey.fromBytes(expected)).decrypt(
                ContactBook.empty(alice.accountId()).seal(alice.identity(), workspace.random),
                Label.CONTACTS_AD.prefix(alice.accountId().toBytes()));
        assertEquals("0100000000", Hex.toHexString(plaintext));
    }

    @Test
    void anotherAccountOrIdentity_cannotOpenIt() {
        book.pin(bob.as(Role.EDITOR), 1_000);
        byte[] sealed = book.seal(alice.identity(), workspace.random);

        assertThrows(AuthenticationFailedException.class, () -> ContactBook.open(sealed, bob.accountId(),
                alice.identity()));
        assertThrows(AuthenticationFailedException.class, () -> ContactBook.open(sealed, alice.accountId(),
                bob.identity()));
    }

    @Test
    void everyFlippedByte_isRefused() {
        book.pin(bob.as(Role.EDITOR), 1_000);
        byte[] sealed = book.seal(alice.identity(), workspace.random);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThrows(AuthenticationFailedException.class,
                    () -> ContactBook.open(tampered, alice.accountId(), alice.identity()), "byte " + i);
        }
    }

    @Test
    void aPlaintextNamingAnAccountTwice_orWithABadFlagOrVersion_isRefused() throws Exception {
        byte[] entry = entry(bob, 1);
        assertThrows(InvalidMessageException.class, () -> openCrafted(plaintext(1, 2, entry, entry)));
        assertThrows(InvalidMessageException.class, () -> openCrafted(plaintext(1, 1, entry(bob, 2))));
        assertThrows(InvalidMessageException.class, () -> openCrafted(plaintext(2, 1, entry)));
        assertThrows(InvalidMessageException.class, () -> openCrafted(plaintext(1, 2, entry)));
        assertThrows(InvalidMessageException.class, () -> openCrafted(plaintext(1, -1)));
        assertEquals(List.of(bob.accountId()), List.of(openCrafted(plaintext(1, 1, entry)).contacts().get(0)
                .accountId()));
    }

    private byte[] entry(Person person, int verified) {
        return new ByteWriter().writeBytes(person.accountId().toBytes())
                .writeBytesWithByteLength(person.username().toBytes(), 32)
                .writeBytes(person.identity().publicIdentity().toBytes())
                .writeByte(verified)
                .writeLong(5)
                .toByteArray();
    }

    private static byte[] plaintext(int version, int count, byte[]... entries) {
        ByteWriter out = new ByteWriter().writeByte(version).writeInt(count);
        for (byte[] entry : entries) {
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    private ContactBook openCrafted(byte[] plaintext) throws Exception {
        AccountId owner = alice.accountId();
        SymmetricKey key = SymmetricKey.fromBytes(IdentityKeyDerivation.deriveFromAgreementKey(alice.identity(),
                owner.toBytes(), Label.CONTACTS_KEY, 32));
        byte[] sealed = new CommittingXChaCha20Poly1305(key, workspace.random).encrypt(plaintext,
                Label.CONTACTS_AD.prefix(owner.toBytes()));
        return ContactBook.open(sealed, owner, alice.identity());
    }
}
