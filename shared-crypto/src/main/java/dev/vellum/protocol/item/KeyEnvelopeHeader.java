package dev.vellum.protocol.item;

import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.WorkspaceId;

/**
 * Who sends which workspace key generation to whom (see docs/protocol.md, "Key envelope").
 *
 * @param keyEpoch generation of the workspace key inside
 */
public record KeyEnvelopeHeader(WorkspaceId workspaceId, int keyEpoch, IdentityKeyId senderKeyId,
                                IdentityKeyId recipientKeyId) {
    public KeyEnvelopeHeader {
        if (workspaceId == null || senderKeyId == null || recipientKeyId == null) {
            throw new NullPointerException("key envelope header fields must not be null");
        }
        if (keyEpoch < 0) {
            throw new IllegalArgumentException("key epoch must not be negative");
        }
    }
}
