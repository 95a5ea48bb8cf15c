package dev.vellum.protocol.workspace;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;

/**
 * An invite link as the log says it stands: who made it, for which role, until when, and whether it is still open.
 *
 * @param autoConfirm whether the inviter's browser lets the joiner in without asking (the fingerprint still shown)
 */
public record LinkInvitationState(InvitationId invitation, AccountId inviter, Ed25519PublicKey linkKey, Role role,
                                  long expiresAtMillis, boolean autoConfirm, Status status) {
    public enum Status { OPEN, USED, REVOKED }

    /** Whether a join may still be confirmed at {@code nowMillis}. */
    public boolean isOpenAt(long nowMillis) {
        return status == Status.OPEN && nowMillis <= expiresAtMillis;
    }

    LinkInvitationState with(Status newStatus) {
        return new LinkInvitationState(invitation, inviter, linkKey, role, expiresAtMillis, autoConfirm, newStatus);
    }
}
