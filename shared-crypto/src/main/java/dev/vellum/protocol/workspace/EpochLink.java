package dev.vellum.protocol.workspace;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.Arrays;

/**
 * The key of epoch {@code e - 1} sealed under the key of epoch {@code e}, so that a member who holds only the newest
 * key can read everything written before (old keys are "derived forward" by walking links back), while a member
 * removed at a rotation, who never gets the new key, learns nothing new. The server stores links apart from the
 * membership log, so that deleting them after history is compacted makes the old keys unreachable for good.
 *
 * <pre>
 * offset  length  field
 *  0       4      epoch e (signed, >= 1): the epoch whose key opens this link
 *  4     104      CommittingXChaCha20Poly1305 under HKDF-SHA256(ikm = key of epoch e, salt = workspace id,
 *                 info = "vellum/v1/workspace/epoch-link-key", 32) of the 32 bytes of the key of epoch e - 1,
 *                 associated data "vellum/v1/workspace/epoch-link-ad" || workspace id || e (4)
 * </pre>
 *
 * <p>Opening also checks the opened key against the commitment the membership log records for {@code e - 1}, so
 * a member holding key {@code e} cannot slip a key of their own making into older epochs.
 */
public final class EpochLink {
    private static final int EPOCH_LENGTH = 4;
    public static final int LENGTH = EPOCH_LENGTH + CommittingXChaCha20Poly1305.OVERHEAD + SymmetricKey.LENGTH;

    private final int epoch;
    private final byte[] encoded;

    private EpochLink(int epoch, byte[] encoded) {
        this.epoch = epoch;
        this.encoded = encoded;
    }

    /**
     * Seals {@code previous} under {@code next}.
     *
     * @throws IllegalArgumentException if the keys are of two workspaces or not of consecutive epochs
     */
    public static EpochLink seal(EpochKey next, EpochKey previous, RandomSource random) {
        if (!next.workspaceId().equals(previous.workspaceId()) || previous.epoch() != next.epoch() - 1) {
            throw new IllegalArgumentException("a link seals the key of the epoch just before, in one workspace");
        }
        byte[] previousBytes = previous.key().exportBytes();
        try {
            byte[] sealed = aead(next, random).encrypt(previousBytes, associatedData(next.workspaceId(),
                    next.epoch()));
            return new EpochLink(next.epoch(), new ByteWriter(LENGTH).writeInt(next.epoch()).writeBytes(sealed)
                    .toByteArray());
        } finally {
            Arrays.fill(previousBytes, (byte) 0);
        }
    }

    /**
     * Checks the length and the epoch; says nothing about whether it opens.
     *
     * @throws InvalidMessageException if it is not {@link #LENGTH} bytes or names an epoch below 1
     */
    public static EpochLink parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "epoch link");
        int epoch = in.readInt("epoch");
        in.skip(CommittingXChaCha20Poly1305.OVERHEAD + SymmetricKey.LENGTH, "sealed key");
        in.expectEnd();
        if (epoch < 1) {
            throw new InvalidMessageException("an epoch link names epoch 1 or later, not " + epoch);
        }
        return new EpochLink(epoch, encoded.clone());
    }

    /**
     * Opens the key of epoch {@code epoch() - 1} with {@code next}, the key of {@link #epoch()}, and checks it
     * against {@code previousCommitment}, the membership log's commitment for that epoch.
     *
     * @throws InvalidMessageException if {@code next} is of another epoch than this link's
     * @throws AuthenticationFailedException if it was not sealed under {@code next} for its workspace and epoch
     * @throws EpochKeyMismatchException if the key inside is not the one the log commits to
     */
    public EpochKey open(EpochKey next, byte[] previousCommitment)
            throws InvalidMessageException, AuthenticationFailedException, EpochKeyMismatchException {
        if (next.epoch() != epoch) {
            throw new InvalidMessageException("this link opens with the key of epoch " + epoch + ", not "
                    + next.epoch());
        }
        byte[] previousBytes = CommittingXChaCha20Poly1305.decryptOnly(linkKey(next))
                .decrypt(encoded, EPOCH_LENGTH, encoded.length - EPOCH_LENGTH,
                        associatedData(next.workspaceId(), epoch));
        try {
            EpochKey previous = new EpochKey(next.workspaceId(), epoch - 1, SymmetricKey.fromBytes(previousBytes));
            if (!previous.matches(previousCommitment)) {
                throw new EpochKeyMismatchException(epoch - 1);
            }
            return previous;
        } finally {
            Arrays.fill(previousBytes, (byte) 0);
        }
    }

    /** The epoch whose key opens this link; it holds the key of the epoch before. */
    public int epoch() {
        return epoch;
    }

    public byte[] encode() {
        return encoded.clone();
    }

    private static CommittingXChaCha20Poly1305 aead(EpochKey next, RandomSource random) {
        return new CommittingXChaCha20Poly1305(linkKey(next), random);
    }

    private static SymmetricKey linkKey(EpochKey next) {
        byte[] bytes = Hkdf.derive(next.key(), next.workspaceId().toBytes(), Label.WORKSPACE_EPOCH_LINK_KEY,
                SymmetricKey.LENGTH);
        SymmetricKey key = SymmetricKey.fromBytes(bytes);
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    private static byte[] associatedData(WorkspaceId workspaceId, int epoch) {
        return Label.WORKSPACE_EPOCH_LINK_AD.prefix(new ByteWriter(20).writeBytes(workspaceId.toBytes())
                .writeInt(epoch).toByteArray());
    }

    @Override
    public String toString() {
        return "EpochLink[" + epoch + " -> " + (epoch - 1) + "]";
    }
}
