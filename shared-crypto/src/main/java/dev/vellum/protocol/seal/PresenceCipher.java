package dev.vellum.protocol.seal;

import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.SignedPresence;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import java.util.Arrays;

/**
 * Seals this tab's presence messages into {@link SignedPresence} and opens anyone's: sealed under the note's presence
 * key, signed by the author and by the note's write key, with a counter and the send time inside so that readers can
 * refuse replays ({@link PresenceFreshness}). A workspace note's presence has the same format, under the keys of the
 * workspace's current epoch; the write key it carries tells a reader which epoch that was.
 */
final class PresenceCipher {
    private static final int FRESHNESS_LENGTH = 16;

    private final NoteKeyring keyring;
    private final boolean workspaceNote;
    private final IdentityKeyPair author;
    private final RandomSource random;
    /**
     * The last counter sent. A logged-in person's device key signs presence on every visit, and readers drop a
     * counter at or below the last they saw from a key, so a counter that started again at 1 on each visit would
     * hide them after a reload: each message's counter is the send time in milliseconds, or one more than the last
     * if that is not above it. Presence goes out a few times a second at most, so the counter stays close to the
     * clock and a later visit starts above an earlier one's.
     */
    private long counter;

    PresenceCipher(NoteKeyring keyring, IdentityKeyPair author, RandomSource random) {
        this.keyring = keyring;
        this.workspaceNote = !keyring.workspaceId().equals(WorkspaceId.LINK_SHARED);
        this.author = author;
        this.random = random;
    }

    /** Seals under the current epoch's presence key and signs with its write key (a link note's only ones). */
    byte[] seal(byte[] message, long sentAtMillis) throws MissingEpochKeyException {
        NoteKeys keys = keyring.current();
        counter = Math.max(counter + 1, sentAtMillis);
        byte[] plaintext = new ByteWriter(FRESHNESS_LENGTH + message.length)
                .writeLong(counter)
                .writeLong(sentAtMillis)
                .writeBytes(message)
                .toByteArray();
        byte[] header = SignedPresence.encodeHeader(keys.noteId(), author.signingKey().publicKey());
        byte[] sealed = new XChaCha20Poly1305(keys.presenceKey(), random).encrypt(plaintext,
                SignedPresence.associatedData(header));
        return sign(header, sealed, author.signingKey(), keys.writeKey());
    }

    /** Signs a header and sealed part as the author and the write key; tests use it to forge presence. */
    static byte[] sign(byte[] header, byte[] sealed, Ed25519PrivateKey author, Ed25519PrivateKey writeKey) {
        byte[] headerAndSealed = Bytes.concat(header, sealed);
        byte[] unsigned = Bytes.concat(headerAndSealed,
                author.sign(SignedPresence.authorSignatureInput(headerAndSealed)), writeKey.publicKey().toBytes());
        return Bytes.concat(unsigned, writeKey.sign(SignedPresence.writeSignatureInput(unsigned)));
    }

    /**
     * Parses, checks both signatures and the note, and opens.
     *
     * @throws InvalidMessageException if it does not parse, is of another version, or belongs to another note
     * @throws InvalidSignatureException if a signature does not verify, or the write key is not this note's
     * @throws AuthenticationFailedException if the sealed part does not open under this note's presence key
     */
    OpenedPresence open(byte[] bytes)
            throws InvalidMessageException, InvalidSignatureException, AuthenticationFailedException {
        SignedPresence presence = SignedPresence.parse(bytes);
        if (!presence.noteId().equals(keyring.noteId())) {
            throw new InvalidMessageException("presence belongs to note " + presence.noteId());
        }
        NoteKeys keys;
        if (workspaceNote) {
            presence.verifyForWorkspaceRelay();
            keys = keysWithWriteKey(presence.writeKey());
        } else {
            presence.verifyForRelay();
            keys = keyring.forEpoch(0);
        }
        byte[] plaintext = new XChaCha20Poly1305(keys.presenceKey(), random).decrypt(presence.sealed(),
                SignedPresence.associatedData(presence.header()));
        ByteReader in = new ByteReader(plaintext, "sealed presence");
        long sentCounter = in.readLong("counter");
        long sentAt = in.readLong("sent at");
        if (sentCounter < 1) {
            throw new InvalidMessageException("presence counters start at 1");
        }
        return new OpenedPresence(presence.author(), sentCounter, sentAt, in.readRemaining());
    }

    /**
     * A workspace note's keys whose write key signed the presence: the current epoch's, or the one before, for a
     * member whose browser has not seen the latest rotation yet. Presence is worth nothing late, so older epochs
     * are not looked for.
     */
    private NoteKeys keysWithWriteKey(byte[] carried) throws MissingEpochKeyException, InvalidSignatureException {
        NoteKeys current = keyring.current();
        if (Arrays.equals(current.writeKey().publicKey().toBytes(), carried)) {
            return current;
        }
        if (current.keyEpoch() > 0) {
            try {
                NoteKeys previous = keyring.forEpoch(current.keyEpoch() - 1);
                if (Arrays.equals(previous.writeKey().publicKey().toBytes(), carried)) {
                    return previous;
                }
            } catch (MissingEpochKeyException previousUnreachable) {
                // Then the write key is none this member can check: refused below, as any other key.
            }
        }
        throw new InvalidSignatureException("presence is not signed by this note's write key of a recent epoch");
    }
}
