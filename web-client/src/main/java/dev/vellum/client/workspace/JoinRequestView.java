package dev.vellum.client.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.workspace.Role;

/**
 * A request to join through an invite link that verified against the log (link signature by the link's key, the
 * joiner's own signature, the invitation open and unexpired), waiting for an owner to confirm it.
 *
 * @param role the role the invitation gives
 * @param autoConfirm the invitation asks owners' browsers to confirm without asking
 * @param encoded the request as sent, which confirming binds into the log
 */
public record JoinRequestView(InvitationId invitationId, AccountId accountId, Username username,
                              PublicIdentity identity, Role role, boolean autoConfirm, byte[] encoded) {
}
