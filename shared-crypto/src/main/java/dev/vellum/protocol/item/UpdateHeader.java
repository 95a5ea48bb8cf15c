package dev.vellum.protocol.item;

import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;

/**
 * The clear, signed and authenticated header of an update (see docs/protocol.md, "Update envelope").
 *
 * @param keyEpoch generation of the workspace key that encrypts the body
 * @param sequence the author's own counter for this document, from 1, without gaps
 * @param previousHash hash of the author's update with sequence - 1, or {@link UpdateHash#NONE} for the first
 */
public record UpdateHeader(WorkspaceId workspaceId, NoteId documentId, int keyEpoch, IdentityKeyId authorKeyId,
                           long sequence, UpdateHash previousHash) {
    public UpdateHeader {
        if (workspaceId == null || documentId == null || authorKeyId == null || previousHash == null) {
            throw new NullPointerException("update header fields must not be null");
        }
        if (keyEpoch < 0) {
            throw new IllegalArgumentException("key epoch must not be negative");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        if (sequence == 1 && !previousHash.equals(UpdateHash.NONE)) {
            throw new IllegalArgumentException("an author's first update has no predecessor");
        }
    }
}
