package dev.vellum.protocol.workspace;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyDerivation;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contact book's format, sealed for its owner alone.
 *
 * <pre>
 * plaintext: version = 1 (1) || count (4, 0 to 2000) || count entries, each:
 *            account id (16) || username length u (1, 3 to 32) || username (normal form, ASCII) ||
 *            identity (64: Ed25519 then X25519) || verified (1: 0 or 1) || first seen, ms since 1970 (8)
 * sealed:    CommittingXChaCha20Poly1305 under HKDF-SHA256(ikm = the owner identity's X25519 private key,
 *            salt = account id, info = "vellum/v1/contacts/key", 32), associated data
 *            "vellum/v1/contacts/ad" || account id
 * </pre>
 *
 * <p>From the identity, because every login recovers it (so the book outlives passphrase changes and opens in every
 * browser of the person's), and nobody else holds it; the account id binds the book to its owner, so the server
 * cannot hand one person's book to another.
 */
final class SealedContactBook {
    static final int VERSION = 1;
    /** The server's cap on a stored book. */
    static final int MAX_SEALED_LENGTH = 256 * 1024;

    private SealedContactBook() {
    }

    static byte[] seal(ContactBook book, IdentityKeyPair ownerIdentity, RandomSource random) {
        List<Contact> contacts = book.contacts();
        ByteWriter out = new ByteWriter(5 + contacts.size() * 122)
                .writeByte(VERSION)
                .writeInt(contacts.size());
        for (Contact contact : contacts) {
            out.writeBytes(contact.accountId().toBytes())
                    .writeBytesWithByteLength(contact.username().toBytes(), Username.MAX_LENGTH)
                    .writeBytes(contact.identity().toBytes())
                    .writeByte(contact.verified() ? 1 : 0)
                    .writeLong(contact.firstSeenMillis());
        }
        SymmetricKey key = key(ownerIdentity, book.owner());
        try {
            return new CommittingXChaCha20Poly1305(key, random).encrypt(out.toByteArray(),
                    Label.CONTACTS_AD.prefix(book.owner().toBytes()));
        } finally {
            key.destroy();
        }
    }

    static ContactBook open(byte[] sealed, AccountId owner, IdentityKeyPair ownerIdentity)
            throws InvalidMessageException, AuthenticationFailedException {
        if (sealed.length > MAX_SEALED_LENGTH) {
            throw new InvalidMessageException("a contact book is at most " + MAX_SEALED_LENGTH + " bytes");
        }
        SymmetricKey key = key(ownerIdentity, owner);
        byte[] plaintext;
        try {
            plaintext = CommittingXChaCha20Poly1305.decryptOnly(key).decrypt(sealed,
                    Label.CONTACTS_AD.prefix(owner.toBytes()));
        } finally {
            key.destroy();
        }
        return ContactBook.of(owner, parse(plaintext));
    }

    private static List<Contact> parse(byte[] plaintext) throws InvalidMessageException {
        ByteReader in = new ByteReader(plaintext, "contact book");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("contact book", version, VERSION);
        }
        int count = in.readInt("count");
        if (count < 0 || count > ContactBook.MAX_CONTACTS) {
            throw new InvalidMessageException("a contact book holds 0 to " + ContactBook.MAX_CONTACTS
                    + " contacts, not " + count);
        }
        List<Contact> contacts = new ArrayList<>(count);
        Set<AccountId> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Contact contact = readContact(in);
            if (!seen.add(contact.accountId())) {
                throw new InvalidMessageException("a contact book names account " + contact.accountId() + " twice");
            }
            contacts.add(contact);
        }
        in.expectEnd();
        return contacts;
    }

    private static Contact readContact(ByteReader in) throws InvalidMessageException {
        AccountId account = AccountId.fromBytes(in.readBytes(Id128.LENGTH, "account id"));
        Username username = WireUsername.read(in);
        PublicIdentity identity;
        try {
            identity = PublicIdentity.fromBytes(in.readBytes(PublicIdentity.ENCODED_LENGTH, "identity"));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("a contact's identity is not a valid public identity");
        }
        int verified = in.readUnsignedByte("verified");
        if (verified > 1) {
            throw new InvalidMessageException("a contact's verified flag is 0 or 1, not " + verified);
        }
        return new Contact(account, username, identity, verified == 1, in.readLong("first seen"));
    }

    private static SymmetricKey key(IdentityKeyPair ownerIdentity, AccountId owner) {
        byte[] bytes = IdentityKeyDerivation.deriveFromAgreementKey(ownerIdentity, owner.toBytes(),
                Label.CONTACTS_KEY, SymmetricKey.LENGTH);
        SymmetricKey key = SymmetricKey.fromBytes(bytes);
        java.util.Arrays.fill(bytes, (byte) 0);
        return key;
    }
}
