package dev.vellum.protocol.seal;

import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.MissingEpochKeyException;

/**
 * Seals the copy of a note the browser keeps between visits (its text and unsent edits) under the note's local-copy
 * key, which seals nothing else.
 *
 * <ul>
 *   <li>A note shared by link: {@code XChaCha20-Poly1305(local-copy key, state, ad = "vellum/v1/local-state/ad" ||
 *       note id)}. Copies kept before the local-copy key existed were sealed under the note's encryption key, and
 *       are still read.</li>
 *   <li>A workspace note: {@code epoch (4) || XChaCha20-Poly1305(local-copy key of that epoch, state,
 *       ad = "vellum/v1/local-state/ad" || note id || epoch (4))}, sealed under the current epoch. The epoch is in
 *       the clear so that a copy kept before a rotation opens with that epoch's key (reached by epoch links), and
 *       is bound as associated data so that it cannot be relabelled.</li>
 * </ul>
 */
final class LocalCopyCipher {
    private static final int EPOCH_LENGTH = 4;

    private final NoteKeyring keyring;
    private final boolean workspaceNote;
    private final RandomSource random;

    LocalCopyCipher(NoteKeyring keyring, RandomSource random) {
        this.keyring = keyring;
        this.workspaceNote = !keyring.workspaceId().equals(WorkspaceId.LINK_SHARED);
        this.random = random;
    }

    byte[] seal(byte[] state) throws MissingEpochKeyException {
        NoteKeys keys = keyring.current();
        XChaCha20Poly1305 aead = new XChaCha20Poly1305(keys.localCopyKey(), random);
        if (!workspaceNote) {
            return aead.encrypt(state, Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes()));
        }
        byte[] sealed = aead.encrypt(state, workspaceAd(keys));
        return new ByteWriter(EPOCH_LENGTH + sealed.length).writeInt(keys.keyEpoch()).writeBytes(sealed)
                .toByteArray();
    }

    byte[] open(byte[] sealed) throws InvalidMessageException, AuthenticationFailedException {
        if (!workspaceNote) {
            return openLinkNoteCopy(sealed, keyring.forEpoch(0));
        }
        ByteReader in = new ByteReader(sealed, "kept copy");
        NoteKeys keys = keyring.forEpoch(in.readInt("epoch"));
        return new XChaCha20Poly1305(keys.localCopyKey(), random).decrypt(in.readRemaining(), workspaceAd(keys));
    }

    /**
     * Under the local-copy key, or, for copies written before that key existed (which may hold offline edits),
     * under the note's encryption key. The next save seals it the new way.
     */
    private byte[] openLinkNoteCopy(byte[] sealed, NoteKeys keys)
            throws InvalidMessageException, AuthenticationFailedException {
        byte[] associatedData = Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes());
        try {
            return new XChaCha20Poly1305(keys.localCopyKey(), random).decrypt(sealed, associatedData);
        } catch (AuthenticationFailedException sealedBeforeTheLocalCopyKey) {
            return new XChaCha20Poly1305(keys.encryptionKey(), random).decrypt(sealed, associatedData);
        }
    }

    private static byte[] workspaceAd(NoteKeys keys) {
        return Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes(), new ByteWriter(EPOCH_LENGTH)
                .writeInt(keys.keyEpoch()).toByteArray());
    }
}
