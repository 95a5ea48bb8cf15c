package dev.vellum.client.workspace;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.workspace.Contact;
import dev.vellum.protocol.workspace.ContactBook;
import java.util.List;

/** Seals and opens the contact book in the {@link ContactBook} format, for this person alone. */
final class ContactBookCodec {
    private ContactBookCodec() {
    }

    static byte[] seal(List<Contact> contacts, UnlockedAccount account, long revision, RandomSource random) {
        ContactBook book = ContactBook.empty(account.accountId());
        for (Contact contact : contacts) {
            book.pin(contact.accountId(), contact.username(), contact.identity(), contact.firstSeenMillis());
            if (contact.verified()) {
                book.markVerified(contact.accountId(), contact.identity());
            }
        }
        return book.seal(account.identity(), revision, random);
    }

    static List<Contact> open(byte[] sealed, UnlockedAccount account, long revision)
            throws InvalidMessageException, AuthenticationFailedException {
        return ContactBook.open(sealed, account.accountId(), account.identity(), revision).contacts();
    }
}
