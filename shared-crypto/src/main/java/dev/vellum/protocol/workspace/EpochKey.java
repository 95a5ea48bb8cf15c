package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.protocol.id.WorkspaceId;
import org.bouncycastle.util.Arrays;

/**
 * One generation (epoch) of a workspace's key: every note key, title key and name key of that epoch is derived from
 * it. A fresh random one is made when the workspace is created and at every rotation, so a removed member, who held
 * the old one, learns nothing of the new.
 *
 * <p>The log commits to each epoch's key ({@link #commitment()}), so a member who receives a key (from a key
 * envelope, or through an epoch link) knows it is the one the owner who rotated meant, not an old or a made-up one.
 * Never printed.
 */
public final class EpochKey {
    public static final int COMMITMENT_LENGTH = 32;

    private final WorkspaceId workspaceId;
    private final int epoch;
    private final SymmetricKey key;

    public EpochKey(WorkspaceId workspaceId, int epoch, SymmetricKey key) {
        if (workspaceId == null || key == null) {
            throw new NullPointerException("an epoch key has a workspace and a key");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epochs start at 0");
        }
        this.workspaceId = workspaceId;
        this.epoch = epoch;
        this.key = key;
    }

    public static EpochKey generate(WorkspaceId workspaceId, int epoch, RandomSource random) {
        return new EpochKey(workspaceId, epoch, SymmetricKey.generate(random));
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public int epoch() {
        return epoch;
    }

    /** The key itself: to seal to a member, or to derive this epoch's keys from. */
    public SymmetricKey key() {
        return key;
    }

    /**
     * {@code HKDF-SHA256(key, salt = workspace id || epoch (4), "vellum/v1/workspace/epoch-commitment", 32)}: public,
     * and binds the key to its workspace and epoch; it reveals nothing of the key.
     */
    public byte[] commitment() {
        return Hkdf.derive(key, saltFor(workspaceId, epoch), Label.WORKSPACE_EPOCH_COMMITMENT, COMMITMENT_LENGTH);
    }

    /** Whether {@code commitment} is this key's, compared in constant time. */
    public boolean matches(byte[] commitment) {
        return commitment != null && Arrays.constantTimeAreEqual(commitment(), commitment);
    }

    /** {@code workspace id (16) || epoch (4)}, the salt of everything derived per epoch. */
    static byte[] saltFor(WorkspaceId workspaceId, int epoch) {
        return new ByteWriter(20).writeBytes(workspaceId.toBytes()).writeInt(epoch).toByteArray();
    }

    @Override
    public String toString() {
        return "EpochKey[" + workspaceId + ", epoch " + epoch + ", redacted]";
    }
}
