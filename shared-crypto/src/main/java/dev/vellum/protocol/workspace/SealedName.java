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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A workspace's name, sealed under a key derived from one epoch key: the server stores and relays it inside signed
 * log entries and never reads it. Encoded {@code epoch (4) || committing AEAD}, where the key is
 * {@code HKDF-SHA256(epoch key, salt = workspace id, "vellum/v1/workspace/name-key", 32)} and the associated data
 * {@code "vellum/v1/workspace/name-ad" || workspace id || epoch (4)}. The plaintext is 1 to {@value #MAX_NAME_BYTES}
 * bytes of UTF-8.
 */
public final class SealedName {
    public static final int MAX_NAME_BYTES = 100;
    public static final int MAX_LENGTH = 4 + CommittingXChaCha20Poly1305.OVERHEAD + MAX_NAME_BYTES;

    private final int epoch;
    private final byte[] sealed;

    private SealedName(int epoch, byte[] sealed) {
        this.epoch = epoch;
        this.sealed = sealed;
    }

    /**
     * @throws IllegalArgumentException if the name is empty or longer than {@value #MAX_NAME_BYTES} bytes of UTF-8
     */
    public static SealedName seal(EpochKey key, String name, RandomSource random) {
        byte[] plaintext = name.getBytes(StandardCharsets.UTF_8);
        if (plaintext.length == 0 || plaintext.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a workspace name is 1 to " + MAX_NAME_BYTES + " bytes of UTF-8");
        }
        SymmetricKey nameKey = nameKey(key);
        byte[] sealed = new CommittingXChaCha20Poly1305(nameKey, random)
                .encrypt(plaintext, associatedData(key.workspaceId(), key.epoch()));
        nameKey.destroy();
        return new SealedName(key.epoch(), sealed);
    }

    /**
     * @throws IllegalArgumentException if {@code key} is of another epoch than the name
     * @throws AuthenticationFailedException if the name was not sealed under this key for this workspace
     */
    public String open(EpochKey key) throws AuthenticationFailedException, InvalidMessageException {
        if (key.epoch() != epoch) {
            throw new IllegalArgumentException("the name is sealed under epoch " + epoch + ", not " + key.epoch());
        }
        SymmetricKey nameKey = nameKey(key);
        try {
            byte[] plaintext = CommittingXChaCha20Poly1305.decryptOnly(nameKey)
                    .decrypt(sealed, associatedData(key.workspaceId(), epoch));
            if (plaintext.length == 0 || plaintext.length > MAX_NAME_BYTES) {
                throw new InvalidMessageException("a workspace name is 1 to " + MAX_NAME_BYTES + " bytes");
            }
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            nameKey.destroy();
        }
    }

    public int epoch() {
        return epoch;
    }

    public byte[] encode() {
        return new ByteWriter(4 + sealed.length).writeInt(epoch).writeBytes(sealed).toByteArray();
    }

    public static SealedName parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length > MAX_LENGTH) {
            throw new InvalidMessageException("a sealed workspace name is at most " + MAX_LENGTH + " bytes");
        }
        ByteReader in = new ByteReader(encoded, "sealed workspace name");
        int epoch = in.readInt("epoch");
        if (epoch < 0) {
            throw new InvalidMessageException("a sealed name's epoch must not be negative");
        }
        byte[] sealed = in.readRemaining();
        if (sealed.length < CommittingXChaCha20Poly1305.OVERHEAD + 1) {
            throw new InvalidMessageException("a sealed workspace name is too short");
        }
        return new SealedName(epoch, sealed);
    }

    private static SymmetricKey nameKey(EpochKey key) {
        byte[] bytes = Hkdf.derive(key.key(), key.workspaceId().toBytes(), Label.WORKSPACE_NAME_KEY,
                SymmetricKey.LENGTH);
        SymmetricKey nameKey = SymmetricKey.fromBytes(bytes);
        Arrays.fill(bytes, (byte) 0);
        return nameKey;
    }

    private static byte[] associatedData(WorkspaceId workspaceId, int epoch) {
        return Label.WORKSPACE_NAME_AD.prefix(workspaceId.toBytes(), new ByteWriter(4).writeInt(epoch).toByteArray());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedName name && name.epoch == epoch && Arrays.equals(name.sealed, sealed);
    }

    @Override
    public int hashCode() {
        return epoch * 31 + Arrays.hashCode(sealed);
    }
}
