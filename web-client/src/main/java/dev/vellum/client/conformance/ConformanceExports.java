package dev.vellum.client.conformance;

import dev.vellum.client.jso.BrowserRandomSource;
import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.aead.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The shared crypto code, exported from a separate WebAssembly module for the browser conformance tests only.
 * It is never served by the app: it exists so tests can compare the TeaVM output with the JVM byte for byte.
 */
public final class ConformanceExports {
    private ConformanceExports() {
    }

    public static void main(String[] args) {
        // Exports only; nothing to start.
    }

    @JSExport
    public static Int8Array xchachaEncrypt(Int8Array key, Int8Array nonce, Int8Array plaintext, Int8Array ad) {
        InsecureNonceXChaCha20Poly1305 cipher = new InsecureNonceXChaCha20Poly1305(keyOf(key));
        return Int8Array.copyFromJavaArray(
                cipher.encrypt(nonce.copyToJavaArray(), plaintext.copyToJavaArray(), ad.copyToJavaArray()));
    }

    /** Returns the plaintext, or null when the ciphertext is rejected (the test checks which it expected). */
    @JSExport
    public static Int8Array xchachaDecrypt(Int8Array key, Int8Array nonce, Int8Array ciphertext, Int8Array ad) {
        byte[] input = ciphertext.copyToJavaArray();
        try {
            InsecureNonceXChaCha20Poly1305 cipher = new InsecureNonceXChaCha20Poly1305(keyOf(key));
            return Int8Array.copyFromJavaArray(
                    cipher.decrypt(nonce.copyToJavaArray(), input, 0, input.length, ad.copyToJavaArray()));
        } catch (AuthenticationFailedException | InvalidMessageException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Seals a note revision with a nonce from crypto.getRandomValues, for the JVM to open. */
    @JSExport
    public static Int8Array sealRevision(Int8Array key, String noteId, int revision, String text)
            throws InvalidMessageException {
        NoteRevisionCipher cipher = new NoteRevisionCipher(keyOf(key), BrowserRandomSource.create());
        EncryptedRevision sealed = cipher.seal(RevisionHeader.linkShared(NoteId.parse(noteId), revision), text);
        return Int8Array.copyFromJavaArray(sealed.encode());
    }

    /** Opens a revision sealed on the JVM; returns null when it is rejected. */
    @JSExport
    public static String openRevision(Int8Array key, Int8Array encoded) {
        try {
            NoteRevisionCipher cipher = new NoteRevisionCipher(keyOf(key), BrowserRandomSource.create());
            return cipher.open(EncryptedRevision.parse(encoded.copyToJavaArray()));
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            return null;
        }
    }

    private static SymmetricKey keyOf(Int8Array key) {
        return SymmetricKey.fromBytes(key.copyToJavaArray());
    }
}
