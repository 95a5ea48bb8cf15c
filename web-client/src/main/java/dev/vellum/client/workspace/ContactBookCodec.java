package dev.vellum.client.workspace;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.List;

/** Seals and opens the contact book in ws-crypto's ContactBook format, for this person alone. */
final class ContactBookCodec {
    private ContactBookCodec() {
    }

    static byte[] seal(List<ContactPins.Pin> pins, UnlockedAccount account, RandomSource random) {
        throw new UnsupportedOperationException("waiting for ContactBook (ws-crypto)");
    }

    static List<ContactPins.Pin> open(byte[] sealed, UnlockedAccount account)
            throws InvalidMessageException, AuthenticationFailedException {
        throw new UnsupportedOperationException("waiting for ContactBook (ws-crypto)");
    }
}
