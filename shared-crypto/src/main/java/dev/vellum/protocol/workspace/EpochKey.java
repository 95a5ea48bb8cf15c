package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.HmacSha256;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.protocol.id.WorkspaceId;
import java.nio.charset.StandardCharsets;

/**
 * STAND-IN for the lead's EpochKey (branch ws-core), written from WORKSPACES-SPEC.md section 1 so that ws-crypto
 * compiles before ws-core lands; the lead's version replaces this file at merge.
 */
public final class EpochKey {
    private static final byte[] COMMITMENT_LABEL =
            "vellum/v1/workspace/epoch-commitment".getBytes(StandardCharsets.US_ASCII);

    private final WorkspaceId workspaceId;
    private final int epoch;
    private final SymmetricKey key;

    public EpochKey(WorkspaceId workspaceId, int epoch, SymmetricKey key) {
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

    public SymmetricKey key() {
        return key;
    }

    public byte[] commitment() {
        byte[] input = new ByteWriter().writeBytes(COMMITMENT_LABEL).writeBytes(workspaceId.toBytes())
                .writeInt(epoch).toByteArray();
        return HmacSha256.mac(key.exportBytes(), input);
    }

    public boolean matches(byte[] commitment) {
        return commitment != null && org.bouncycastle.util.Arrays.constantTimeAreEqual(commitment(), commitment);
    }

    @Override
    public String toString() {
        return "EpochKey[" + workspaceId + ", " + epoch + ", redacted]";
    }
}
