package dev.vellum.client.sync;

import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.seal.NoteItemCipher;

/**
 * Who this tab writes as. A logged-in person writes with their registered device key, which signs every item and
 * presence message, and with the device's certificate (the cipher's credential), from which readers take their
 * username; the key is the same on every visit, so their chain in a note goes on from visit to visit, and a server
 * that will not continue it is answered by learning the chain again, never by a new key. An anonymous visitor writes
 * with a key of this visit and a name they did not prove, and starts a fresh key whenever the server will not
 * continue its chain.
 *
 * @param cipher seals as this tab's author (with its device certificate, if any) and opens anyone's items
 * @param chosenName the name an anonymous visitor shows; for a logged-in person, their username (readers take it
 *                   from the certificate, never from this)
 * @param color an index into the editor's palette
 */
public record Writer(NoteItemCipher cipher, String chosenName, int color) {
    /** A visitor with a key of this visit and a name they chose. */
    public static Writer anonymous(NoteItemCipher cipher, String chosenName, int color) {
        if (cipher.credential() != null) {
            throw new IllegalArgumentException("an anonymous writer's cipher carries no certificate");
        }
        return new Writer(cipher, chosenName, color);
    }

    /**
     * A logged-in person, writing with {@code cipher}, made from their device key and its certificate.
     *
     * @throws IllegalArgumentException if the cipher carries no certificate
     */
    public static Writer device(NoteItemCipher cipher, int color) {
        if (cipher.credential() == null) {
            throw new IllegalArgumentException("a device writer's cipher carries its certificate");
        }
        return new Writer(cipher, cipher.credential().username().value(), color);
    }

    /** The device certificate this tab writes with, or null for an anonymous visitor. */
    public DeviceCertificate credential() {
        return cipher.credential();
    }

    public boolean hasAccount() {
        return cipher.credential() != null;
    }
}
