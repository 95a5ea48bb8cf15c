package dev.vellum.protocol.seal;

import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import dev.vellum.crypto.hash.Label;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.MissingEpochKeyException;

/**
 * Seals the copy of a note the browser keeps between visits (its text and unsent edits) under the note's local-copy
 * key, which seals nothing else, into the arrays the browser keeps it in ({@link XChaCha20Poly1305Arrays}).
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

    private static final byte[] NO_PREFIX = new byte[0];

    private final NoteKeyring keyring;
    private final boolean workspaceNote;

    LocalCopyCipher(NoteKeyring keyring) {
        this.keyring = keyring;
        this.workspaceNote = !keyring.workspaceId().equals(WorkspaceId.LINK_SHARED);
    }

    <A> A seal(byte[] state, XChaCha20Poly1305Arrays<A> arrays) throws MissingEpochKeyException {
        NoteKeys keys = keyring.current();
        if (!workspaceNote) {
            return arrays.seal(keys.localCopyKey(), NO_PREFIX, state, Label.LOCAL_STATE_AD.prefix(
                    keys.noteId().toBytes()));
        }
        return arrays.seal(keys.localCopyKey(), epochBytes(keys.keyEpoch()), state, workspaceAd(keys));
    }

    <A> byte[] open(A sealed, XChaCha20Poly1305Arrays<A> arrays)
            throws InvalidMessageException, AuthenticationFailedException {
        if (!workspaceNote) {
            return openLinkNoteCopy(sealed, arrays, keyring.forEpoch(0));
        }
        int epoch = new ByteReader(arrays.clearPrefix(sealed, EPOCH_LENGTH), "kept copy").readInt("epoch");
        NoteKeys keys = keyring.forEpoch(epoch);
        return arrays.open(keys.localCopyKey(), sealed, EPOCH_LENGTH, workspaceAd(keys));
    }

    /**
     * Under the local-copy key, or, for copies written before that key existed (which may hold offline edits),
     * under the note's encryption key. The next save seals it the new way.
     */
    private static <A> byte[] openLinkNoteCopy(A sealed, XChaCha20Poly1305Arrays<A> arrays, NoteKeys keys)
            throws InvalidMessageException, AuthenticationFailedException {
        byte[] associatedData = Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes());
        try {
            return arrays.open(keys.localCopyKey(), sealed, 0, associatedData);
        } catch (AuthenticationFailedException sealedBeforeTheLocalCopyKey) {
            return arrays.open(keys.encryptionKey(), sealed, 0, associatedData);
        }
    }

    private static byte[] epochBytes(int epoch) {
        return new ByteWriter(EPOCH_LENGTH).writeInt(epoch).toByteArray();
    }

    private static byte[] workspaceAd(NoteKeys keys) {
        return Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes(), epochBytes(keys.keyEpoch()));
    }
}
