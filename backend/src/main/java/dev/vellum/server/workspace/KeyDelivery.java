package dev.vellum.server.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.server.account.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key envelopes and epoch links that come with membership entries, checked against the log as it stands after
 * them and stored for their recipients (a step of {@link LogAppender}'s transaction). The server cannot open either;
 * it only sees that each is addressed and signed as the log allows. Blocking.
 */
final class KeyDelivery {
    private final JdbcWorkspaceRepository repository;

    KeyDelivery(JdbcWorkspaceRepository repository) {
        this.repository = repository;
    }

    /** An envelope's form, and an epoch the log has reached; whom it names is checked by {@link #deliver}. */
    static KeyEnvelope parse(byte[] bytes, int currentEpoch) throws ApiError {
        KeyEnvelope envelope;
        try {
            envelope = KeyEnvelope.parse(bytes);
        } catch (InvalidMessageException e) {
            throw WorkspaceErrors.invalidEnvelope("A key envelope does not parse: " + e.getMessage());
        }
        if (envelope.header().keyEpoch() > currentEpoch) {
            throw WorkspaceErrors.invalidEnvelope("A key envelope is for epoch " + envelope.header().keyEpoch()
                    + "; the workspace is at epoch " + currentEpoch + ".");
        }
        return envelope;
    }

    /**
     * Stores envelopes and epoch links, which only an owner sends (readers accept keys from owners alone). An
     * envelope names this workspace, is signed by the sender's identity as the log records it, and is addressed to
     * a member or invitee; a link names an epoch from 1 to the current one.
     */
    void deliver(Connection connection, MembershipLog log, AccountId sender, List<KeyEnvelope> envelopes,
                         List<byte[]> links) throws ApiError, SQLException {
        if (envelopes.isEmpty() && links.isEmpty()) {
            return;
        }
        MemberRecord senderRecord = log.member(sender).orElse(null);
        if (senderRecord == null || !senderRecord.role().canManage()) {
            throw WorkspaceErrors.notAnOwner();
        }
        Map<IdentityKeyId, AccountId> recipients = new HashMap<>();
        for (MemberRecord record : log.members()) {
            recipients.put(IdentityKeyId.of(record.identity()), record.accountId());
        }
        for (MemberRecord record : log.pendingInvitations()) {
            recipients.put(IdentityKeyId.of(record.identity()), record.accountId());
        }
        WorkspaceId id = log.workspaceId();
        PublicIdentity senderIdentity = senderRecord.identity();
        for (KeyEnvelope envelope : envelopes) {
            if (!envelope.header().workspaceId().equals(id)) {
                throw WorkspaceErrors.invalidEnvelope("A key envelope names another workspace.");
            }
            AccountId recipient = recipients.get(envelope.header().recipientKeyId());
            if (recipient == null) {
                throw WorkspaceErrors.invalidEnvelope("A key envelope is addressed to someone who is neither a "
                        + "member nor invited.");
            }
            try {
                envelope.verifySignature(senderIdentity);
            } catch (InvalidSignatureException e) {
                throw WorkspaceErrors.invalidEnvelope("A key envelope is not signed by your identity key.");
            }
            repository.putEnvelope(connection, id, envelope.header().keyEpoch(), recipient, envelope.encode());
        }
        for (byte[] link : links) {
            int epoch;
            try {
                epoch = EpochLink.parse(link).epoch();
            } catch (InvalidMessageException e) {
                throw WorkspaceErrors.invalidEnvelope("An epoch link does not parse: " + e.getMessage());
            }
            if (epoch < 1 || epoch > log.currentEpoch()) {
                throw WorkspaceErrors.invalidEnvelope("An epoch link is for epoch " + epoch
                        + "; links join epochs 1 to " + log.currentEpoch() + ".");
            }
            repository.putLink(connection, id, epoch, link);
        }
    }
}
