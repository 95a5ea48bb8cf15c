package dev.vellum.protocol.seal;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EpochKey;
import java.util.Arrays;

/**
 * Everything a note shared by link needs, derived from the one 256-bit secret in the link's fragment:
 * <ul>
 *   <li>the encryption key, {@code HKDF-SHA256(secret, "", "vellum/v1/note/encryption-key", 32)};</li>
 *   <li>the write key, an Ed25519 key whose seed is {@code HKDF-SHA256(secret, "", "vellum/v1/note/write-key", 32)},
 *       which signs every revision (and every presence message);</li>
 *   <li>the presence key, {@code HKDF-SHA256(secret, "", "vellum/v1/note/presence-key", 32)}, which seals presence
 *       only;</li>
 *   <li>the local-copy key, {@code HKDF-SHA256(secret, "", "vellum/v1/note/local-copy-key", 32)}, which seals the
 *       copy kept in the browser only;</li>
 *   <li>the note id, the first 16 bytes of {@code SHA-256("vellum/v1/note/id" || write public key)}.</li>
 * </ul>
 * So the note id commits to the write key: the server, which sees only ids and public keys, can refuse any revision
 * not signed by the holder of the link, and a link whose secret does not match its id is detected before anything
 * is fetched. Each purpose has its own key, so a message of one kind can never be opened as another (a presence
 * message as a kept copy, say), and the nonce space of one is not shared with the others. Never printed.
 *
 * <p>A workspace note's keys ({@link #forWorkspaceNote}) come instead from the workspace's key for one epoch: the
 * secret is {@code HKDF-SHA256(epoch key, salt = workspace id || note id || epoch (4),
 * "vellum/v1/workspace/note-secret", 32)}, and the four keys above follow from it the same way. Its note id is the
 * random one its creator chose, not derived from the write key: the server checks membership instead, and the id
 * and epoch in the salt keep every note's and every epoch's keys apart. So a rotation gives every note new keys.
 */
public final class NoteKeys {
    private final SymmetricKey secret;
    private final SymmetricKey encryptionKey;
    private final Ed25519PrivateKey writeKey;
    private final SymmetricKey presenceKey;
    private final SymmetricKey localCopyKey;
    private final NoteId noteId;
    private final WorkspaceId workspaceId;
    private final int keyEpoch;

    /** @param noteId the workspace note's id, or null for a link note, whose id is its write key's hash */
    private NoteKeys(SymmetricKey secret, WorkspaceId workspaceId, int keyEpoch, NoteId noteId) {
        this.secret = secret;
        this.workspaceId = workspaceId;
        this.keyEpoch = keyEpoch;
        byte[] encryption = Hkdf.derive(secret, new byte[0], Label.NOTE_ENCRYPTION_KEY, SymmetricKey.LENGTH);
        byte[] seed = Hkdf.derive(secret, new byte[0], Label.NOTE_WRITE_KEY, Ed25519PrivateKey.LENGTH);
        this.encryptionKey = SymmetricKey.fromBytes(encryption);
        this.writeKey = Ed25519PrivateKey.fromSeed(seed);
        Arrays.fill(encryption, (byte) 0);
        Arrays.fill(seed, (byte) 0);
        this.presenceKey = derive(secret, Label.NOTE_PRESENCE_KEY);
        this.localCopyKey = derive(secret, Label.NOTE_LOCAL_COPY_KEY);
        this.noteId = noteId != null ? noteId : NoteId.ofWriteKey(writeKey.publicKey());
    }

    private static SymmetricKey derive(SymmetricKey secret, Label purpose) {
        return derive(secret, new byte[0], purpose);
    }

    private static SymmetricKey derive(SymmetricKey secret, byte[] salt, Label purpose) {
        byte[] bytes = Hkdf.derive(secret, salt, purpose, SymmetricKey.LENGTH);
        SymmetricKey key = SymmetricKey.fromBytes(bytes);
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    /** A new note's keys, from a fresh secret. */
    public static NoteKeys generate(RandomSource random) {
        return new NoteKeys(SymmetricKey.generate(random), WorkspaceId.LINK_SHARED, 0, null);
    }

    public static NoteKeys fromSecret(SymmetricKey secret) {
        return new NoteKeys(secret, WorkspaceId.LINK_SHARED, 0, null);
    }

    /** The keys of workspace note {@code noteId} under {@code epochKey}'s epoch. */
    public static NoteKeys forWorkspaceNote(EpochKey epochKey, NoteId noteId) {
        byte[] salt = new ByteWriter(2 * NoteId.LENGTH + 4)
                .writeBytes(epochKey.workspaceId().toBytes())
                .writeBytes(noteId.toBytes())
                .writeInt(epochKey.epoch())
                .toByteArray();
        return new NoteKeys(derive(epochKey.key(), salt, Label.WORKSPACE_NOTE_SECRET), epochKey.workspaceId(),
                epochKey.epoch(), noteId);
    }

    public NoteId noteId() {
        return noteId;
    }

    /** The note's workspace, or {@link WorkspaceId#LINK_SHARED} for a note shared by link. */
    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    /** The workspace key epoch these keys belong to; always 0 for a link note. */
    public int keyEpoch() {
        return keyEpoch;
    }

    boolean isWorkspaceNote() {
        return !workspaceId.equals(WorkspaceId.LINK_SHARED);
    }

    /**
     * The secret, for the link's fragment only.
     *
     * @throws IllegalStateException for a workspace note, which has no link: its keys come from the workspace
     */
    public SymmetricKey secret() {
        if (isWorkspaceNote()) {
            throw new IllegalStateException("a workspace note has no link secret");
        }
        return secret;
    }

    SymmetricKey encryptionKey() {
        return encryptionKey;
    }

    Ed25519PrivateKey writeKey() {
        return writeKey;
    }

    /** Seals presence messages, and nothing else. */
    SymmetricKey presenceKey() {
        return presenceKey;
    }

    /** Seals the copy of the note kept in the browser, and nothing else. */
    SymmetricKey localCopyKey() {
        return localCopyKey;
    }

    @Override
    public String toString() {
        return "NoteKeys[" + noteId + (isWorkspaceNote() ? ", epoch " + keyEpoch : "") + ", redacted]";
    }
}
