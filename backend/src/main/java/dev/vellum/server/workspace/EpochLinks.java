package dev.vellum.server.workspace;

import dev.vellum.server.account.ApiError;

/**
 * The form of an epoch link as the server checks it: {@code epoch (4, big-endian) || sealed previous key}. The
 * server cannot open the sealed part; it stores the link under its epoch for members to fetch. (ws-crypto's
 * {@code EpochLink.parse} checks the exact length too; once merged, {@link #epoch} can call it instead.)
 */
final class EpochLinks {
    /** Far more than the sealed 32-byte key with its nonce and tags. */
    static final int MAX_BYTES = 256;
    /** The epoch, and something sealed. */
    private static final int MIN_BYTES = 4 + 32;

    private EpochLinks() {
    }

    /** The epoch the link's key belongs to (the later of the two it joins). */
    static int epoch(byte[] link) throws ApiError {
        if (link.length < MIN_BYTES || link.length > MAX_BYTES) {
            throw WorkspaceErrors.invalidEnvelope("An epoch link is " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes.");
        }
        return ((link[0] & 0xff) << 24) | ((link[1] & 0xff) << 16) | ((link[2] & 0xff) << 8) | (link[3] & 0xff);
    }
}
