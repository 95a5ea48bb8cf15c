package dev.vellum.protocol;

import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import java.nio.charset.StandardCharsets;

/**
 * Seals a note's text into an {@link EncryptedRevision} and opens it again, with the whole header as associated
 * data. Runs only where the note key lives: in the browser, or in tests.
 */
public final class NoteRevisionCipher {
    private final XChaCha20Poly1305 aead;

    public NoteRevisionCipher(SymmetricKey noteKey, RandomSource random) {
        this.aead = new XChaCha20Poly1305(noteKey, random);
    }

    public EncryptedRevision seal(RevisionHeader header, String text) {
        byte[] sealed = aead.encrypt(text.getBytes(StandardCharsets.UTF_8), header.encode());
        return EncryptedRevision.of(header, sealed);
    }

    /**
     * @throws AuthenticationFailedException if the key is not this note's, or any byte (header included) changed
     */
    public String open(EncryptedRevision revision) throws InvalidMessageException, AuthenticationFailedException {
        byte[] encoded = revision.encodedView();
        byte[] plaintext = aead.decrypt(encoded, revision.bodyOffset(), encoded.length - revision.bodyOffset(),
                revision.associatedData());
        return new String(plaintext, StandardCharsets.UTF_8);
    }
}
