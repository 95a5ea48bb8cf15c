package dev.vellum.client.sync;

import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.seal.NoteItemCipher;

/**
 * Who this tab writes as. A logged-in person writes with their registered device key, which signs every item and
 * presence message, and with the device's certificate, from which readers take their username; the key is the same
 * on every visit, so their chain in a note goes on from visit to visit, and a server that will not continue it is
 * answered by learning the chain again, never by a new key. An anonymous visitor writes with a key of this visit
 * and a name they did not prove, and may start a fresh key whenever the server will not continue its chain.
 *
 * @param cipher seals as this tab's author and opens anyone's items
 * @param credential the device certificate the cipher seals with, or null for an anonymous visitor
 * @param chosenName the name an anonymous visitor shows; for a logged-in person, their username (readers take it
 *                   from the certificate, never from this)
 * @param color an index into the editor's palette
 */
public record Writer(NoteItemCipher cipher, DeviceCertificate credential, String chosenName, int color) {
    /** A visitor with a key of this visit and a name they chose. */
    public static Writer anonymous(NoteItemCipher cipher, String chosenName, int color) {
        return new Writer(cipher, null, chosenName, color);
    }

    /** A logged-in person, writing with {@code cipher} made from their device key and {@code credential}. */
    public static Writer device(NoteItemCipher cipher, DeviceCertificate credential, int color) {
        return new Writer(cipher, credential, credential.username().value(), color);
    }

    public boolean hasAccount() {
        return credential != null;
    }
}
