package dev.vellum.protocol.workspace;

import java.util.Optional;

/**
 * What an {@link EpochKeyring} checks keys against: the verified membership log's current epoch and the commitment
 * it records for each epoch. An interface so that the keyring can follow a log that grows (a rotation appended
 * while the workspace is open) without holding on to how the log is kept.
 */
public interface EpochCommitments {
    int currentEpoch();

    /** The commitment the log records for {@code epoch}, or empty if the log has no such epoch (yet). */
    Optional<byte[]> commitment(int epoch);
}
