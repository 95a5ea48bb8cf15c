package dev.vellum.client.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.workspace.Role;

/**
 * A member, or a pending invitee, of an opened workspace, as the verified log records them; the identity is the
 * log's, never the server's word alone.
 *
 * @param pending invited, not yet accepted
 * @param self this browser's own account
 * @param verified this person marked the identity as verified (in their encrypted contact book)
 * @param keyChanged this browser pinned another identity for this account before: a blocking alert was raised, and
 *                   nothing is sealed to them until the person accepts the new key
 */
public record MemberView(AccountId accountId, Username username, PublicIdentity identity, Role role,
                         boolean pending, boolean self, boolean verified, boolean keyChanged) {
}
