package dev.vellum.protocol.seal;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.protocol.id.NoteId;
import java.util.Arrays;

/**
 * Everything a note shared by link needs, derived from the one 256-bit secret in the link's fragment:
 * <ul>
 *   <li>the encryption key, {@code HKDF-SHA256(secret, "", "vellum/v1/note/encryption-key", 32)};</li>
 *   <li>the write key, an Ed25519 key whose seed is {@code HKDF-SHA256(secret, "", "vellum/v1/note/write-key", 32)},
 *       which signs every revision;</li>
 *   <li>the note id, the first 16 bytes of {@code SHA-256("vellum/v1/note/id" || write public key)}.</li>
 * </ul>
 * So the note id commits to the write key: the server, which sees only ids and public keys, can refuse any revision
 * not signed by the holder of the link, and a link whose secret does not match its id is detected before anything
 * is fetched. Never printed.
 */
public final class NoteKeys {
    private final SymmetricKey secret;
    private final SymmetricKey encryptionKey;
    private final Ed25519PrivateKey writeKey;
    private final NoteId noteId;

    private NoteKeys(SymmetricKey secret) {
        this.secret = secret;
        byte[] encryption = Hkdf.derive(secret, new byte[0], Label.NOTE_ENCRYPTION_KEY, SymmetricKey.LENGTH);
        byte[] seed = Hkdf.derive(secret, new byte[0], Label.NOTE_WRITE_KEY, Ed25519PrivateKey.LENGTH);
        this.encryptionKey = SymmetricKey.fromBytes(encryption);
        this.writeKey = Ed25519PrivateKey.fromSeed(seed);
        Arrays.fill(encryption, (byte) 0);
        Arrays.fill(seed, (byte) 0);
        this.noteId = NoteId.ofWriteKey(writeKey.publicKey());
    }

    /** A new note's keys, from a fresh secret. */
    public static NoteKeys generate(RandomSource random) {
        return new NoteKeys(SymmetricKey.generate(random));
    }

    public static NoteKeys fromSecret(SymmetricKey secret) {
        return new NoteKeys(secret);
    }

    public NoteId noteId() {
        return noteId;
    }

    /** The secret, for the link's fragment only. */
    public SymmetricKey secret() {
        return secret;
    }

    SymmetricKey encryptionKey() {
        return encryptionKey;
    }

    Ed25519PrivateKey writeKey() {
        return writeKey;
    }

    @Override
    public String toString() {
        return "NoteKeys[" + noteId + ", redacted]";
    }
}
