package dev.vellum.protocol.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;

/**
 * One person as the contact book pins them: the identity key first seen for their account, and whether the book's
 * owner compared safety numbers with them and marked them verified.
 *
 * @param firstSeenMillis when this identity was pinned, by the owner's clock
 */
public record Contact(AccountId accountId, Username username, PublicIdentity identity, boolean verified,
                      long firstSeenMillis) {
    public Contact {
        if (accountId == null || username == null || identity == null) {
            throw new NullPointerException("a contact has an account, a username and an identity");
        }
    }
}
