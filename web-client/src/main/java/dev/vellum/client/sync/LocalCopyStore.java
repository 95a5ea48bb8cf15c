package dev.vellum.client.sync;

import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import java.util.function.Consumer;

/**
 * Where the sealed local copy goes (IndexedDB in the browser), so edits not yet stored by the server survive a
 * reload. {@link NoteSync} decides when to write; the store only keeps the newest bytes it was given, in the kind of
 * array it names (a JavaScript one in the browser, so that the copy is sealed straight into what IndexedDB keeps).
 *
 * @param <A> the kind of array the store keeps
 */
public interface LocalCopyStore<A> {
    /** Seals the copy into arrays of the kind this store keeps. */
    XChaCha20Poly1305Arrays<A> arrays();

    /** Keeps {@code sealed} as the note's copy in this browser, replacing the one before. */
    void keep(A sealed);

    /** The store that keeps what {@code arrays} seals by handing it to {@code keep}. */
    static <A> LocalCopyStore<A> of(XChaCha20Poly1305Arrays<A> arrays, Consumer<A> keep) {
        return new LocalCopyStore<>() {
            @Override
            public XChaCha20Poly1305Arrays<A> arrays() {
                return arrays;
            }

            @Override
            public void keep(A sealed) {
                keep.accept(sealed);
            }
        };
    }
}
