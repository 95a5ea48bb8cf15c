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
import dev.vellum.protocol.item.SignedPresence;

/**
 * Seals this tab's presence messages into {@link SignedPresence} and opens anyone's: sealed under the note's presence
 * key, signed by the author and by the note's write key, with a counter and the send time inside so that readers can
 * refuse replays ({@link PresenceFreshness}).
 */
final class PresenceCipher {
    private static final int FRESHNESS_LENGTH = 16;

    private final NoteKeys keys;
    private final IdentityKeyPair author;
    private final XChaCha20Poly1305 aead;
    /**
     * The last counter sent. A logged-in person's device key signs presence on every visit, and readers drop a
     * counter at or below the last they saw from a key, so a counter that started again at 1 on each visit would
     * hide them after a reload: each message's counter is the send time in milliseconds, or one more than the last
     * if that is not above it. Presence goes out a few times a second at most, so the counter stays close to the
     * clock and a later visit starts above an earlier one's.
     */
    private long counter;

    PresenceCipher(NoteKeys keys, IdentityKeyPair author, RandomSource random) {
        this.keys = keys;
        this.author = author;
        this.aead = new XChaCha20Poly1305(keys.presenceKey(), random);
    }

    byte[] seal(byte[] message, long sentAtMillis) {
        counter = Math.max(counter + 1, sentAtMillis);
        byte[] plaintext = new ByteWriter(FRESHNESS_LENGTH + message.length)
                .writeLong(counter)
                .writeLong(sentAtMillis)
                .writeBytes(message)
                .toByteArray();
        byte[] header = SignedPresence.encodeHeader(keys.noteId(), author.signingKey().publicKey());
        byte[] sealed = aead.encrypt(plaintext, SignedPresence.associatedData(header));
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
        if (!presence.noteId().equals(keys.noteId())) {
            throw new InvalidMessageException("presence belongs to note " + presence.noteId());
        }
        presence.verifyForRelay();
        byte[] plaintext = aead.decrypt(presence.sealed(), SignedPresence.associatedData(presence.header()));
        ByteReader in = new ByteReader(plaintext, "sealed presence");
        long sentCounter = in.readLong("counter");
        long sentAt = in.readLong("sent at");
        if (sentCounter < 1) {
            throw new InvalidMessageException("presence counters start at 1");
        }
        return new OpenedPresence(presence.author(), sentCounter, sentAt, in.readRemaining());
    }
}
