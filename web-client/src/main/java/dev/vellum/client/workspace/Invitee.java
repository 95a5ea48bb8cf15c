package dev.vellum.client.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;

/**
 * A person about to be invited by username: the keys the server presented, already checked against this person's
 * pins (a changed key never becomes an invitee: it is a blocking alert instead), and the safety number to show.
 *
 * @param firstSeen this browser had no pin for them: the key was pinned now (trust on first use)
 * @param verified this person marked them verified before
 */
public record Invitee(AccountId accountId, Username username, PublicIdentity identity, SafetyNumber safetyNumber,
                      boolean firstSeen, boolean verified) {
}
