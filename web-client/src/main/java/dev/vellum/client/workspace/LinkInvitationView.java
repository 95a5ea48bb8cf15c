package dev.vellum.client.workspace;

import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.workspace.Role;

/**
 * An open invite link of a workspace, as its log records it (the secret is never stored: only its creator saw it).
 *
 * @param expiresAt ms since the epoch
 * @param autoConfirm an owner's browser with the workspace open confirms joiners without asking
 */
public record LinkInvitationView(InvitationId invitationId, Role role, long expiresAt, boolean autoConfirm,
                                 AccountId inviter) {
}
