package dev.vellum.protocol;

import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.InvalidSignatureException;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.random.RandomSource;

/**
 * Seals a revision's body (for notes, a batch of text CRDT ops) into a signed {@link EncryptedRevision} and opens
 * it again, with the whole header as associated data. Runs only where the note's link secret lives: in the
 * browser, or in tests.
 */
public final class NoteRevisionCipher {
    private final NoteKeys keys;
    private final XChaCha20Poly1305 aead;

    public NoteRevisionCipher(NoteKeys keys, RandomSource random) {
        this.keys = keys;
        this.aead = new XChaCha20Poly1305(keys.encryptionKey(), random);
    }

    /** @throws IllegalArgumentException if the header names another note than these keys' */
    public EncryptedRevision seal(RevisionHeader header, byte[] body) {
        if (!header.noteId().equals(keys.noteId())) {
            throw new IllegalArgumentException("these keys belong to note " + keys.noteId());
        }
        byte[] sealed = aead.encrypt(body, header.encode());
        return EncryptedRevision.sign(header, sealed, keys.writeKey());
    }

    /**
     * Seals an ephemeral presence message (a caret, a name) under the note's key, bound to the note. Presence is
     * relayed and never stored, so it is not signed; only holders of the link can make or read it.
     */
    public byte[] sealPresence(byte[] payload) {
        return aead.encrypt(payload, Label.PRESENCE_AD.prefix(keys.noteId().toBytes()));
    }

    public byte[] openPresence(byte[] sealed) throws InvalidMessageException, AuthenticationFailedException {
        return aead.decrypt(sealed, Label.PRESENCE_AD.prefix(keys.noteId().toBytes()));
    }

    /** Seals what the browser keeps of the note between visits (its text and unsent edits), bound to the note. */
    public byte[] sealLocalState(byte[] state) {
        return aead.encrypt(state, Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes()));
    }

    public byte[] openLocalState(byte[] sealed) throws InvalidMessageException, AuthenticationFailedException {
        return aead.decrypt(sealed, Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes()));
    }

    /**
     * Checks the write signature, then decrypts.
     *
     * @throws InvalidSignatureException if the revision was not signed by this note's write key
     * @throws AuthenticationFailedException if any byte of the header or ciphertext changed
     */
    public byte[] open(EncryptedRevision revision)
            throws InvalidMessageException, AuthenticationFailedException, InvalidSignatureException {
        if (!revision.header().noteId().equals(keys.noteId())) {
            throw new InvalidMessageException("revision belongs to note " + revision.header().noteId());
        }
        // The note's own write key, parsed once, rather than the one the revision carries: same check, less work.
        revision.verifySignedBy(keys.writeKey().publicKey());
        return aead.decrypt(revision.encodedView(), revision.bodyOffset(), revision.bodyLength(),
                revision.associatedData());
    }
}
