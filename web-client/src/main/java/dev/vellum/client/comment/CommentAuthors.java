package dev.vellum.client.comment;

import dev.vellum.client.people.PersonName;
import dev.vellum.protocol.account.DeviceCertificate;

/**
 * How comments name their authors, by the rule people are named by everywhere in a note ({@link PersonName}): an
 * account by its certificate's username, an anonymous visitor by the name they chose, marked as such. The sync layer
 * passes its own rule, which also knows which accounts the server vouched for in this note.
 */
@FunctionalInterface
public interface CommentAuthors {
    /**
     * @param credential the author's device certificate, which the reader has verified; null for an anonymous author
     * @param chosenName the name an anonymous author gave (perhaps empty)
     */
    PersonName nameOf(DeviceCertificate credential, String chosenName);

    /**
     * Names an account by its certificate's username as proven, and anyone else by their chosen name: right when
     * every record comes from an item the server checked against its accounts.
     */
    static CommentAuthors byCertificate() {
        return (credential, chosenName) -> credential == null ? PersonName.anonymous(chosenName)
                : PersonName.account(credential.username().value());
    }
}
