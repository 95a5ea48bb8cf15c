package dev.vellum.protocol.workspace;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A workspace's epoch keys and the commitments its log would record, standing in for a verified membership log in
 * tests of what checks keys against it.
 */
public final class TestEpochs implements EpochCommitments {
    public final RandomSource random = new JvmSecureRandomSource();
    public final WorkspaceId workspaceId = WorkspaceId.fromBytes(random.randomBytes(16));
    public final List<EpochKey> keys = new ArrayList<>();

    /** Epochs 0 to {@code current}, each with a fresh key. */
    public TestEpochs(int current) {
        for (int epoch = 0; epoch <= current; epoch++) {
            keys.add(EpochKey.generate(workspaceId, epoch, random));
        }
    }

    public EpochKey key(int epoch) {
        return keys.get(epoch);
    }

    /** The link from {@code epoch} to the epoch before, as the rotating owner makes it. */
    public EpochLink link(int epoch) {
        return EpochLink.seal(key(epoch), key(epoch - 1), random);
    }

    /** A rotation: a fresh key for the next epoch. */
    public EpochKey rotate() {
        EpochKey next = EpochKey.generate(workspaceId, keys.size(), random);
        keys.add(next);
        return next;
    }

    /** The log as a member whose browser has not seen the rotations after {@code current} yet verified it. */
    public EpochCommitments asSeenAt(int current) {
        TestEpochs all = this;
        return new EpochCommitments() {
            @Override
            public int currentEpoch() {
                return current;
            }

            @Override
            public Optional<byte[]> commitment(int epoch) {
                return epoch <= current ? all.commitment(epoch) : Optional.empty();
            }
        };
    }

    @Override
    public int currentEpoch() {
        return keys.size() - 1;
    }

    @Override
    public Optional<byte[]> commitment(int epoch) {
        return epoch >= 0 && epoch < keys.size() ? Optional.of(keys.get(epoch).commitment()) : Optional.empty();
    }
}
