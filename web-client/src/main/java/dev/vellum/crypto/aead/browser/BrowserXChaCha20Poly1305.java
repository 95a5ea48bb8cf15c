package dev.vellum.crypto.aead.browser;

import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import dev.vellum.crypto.aead.internal.LinearMemory;
import dev.vellum.crypto.aead.internal.LinearMemoryXChaCha20Poly1305;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import org.teavm.interop.Address;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * {@link XChaCha20Poly1305Arrays} in JavaScript arrays, in the browser build: it seals a Java array straight into a
 * JavaScript one, and opens a JavaScript array straight into a Java one, in the layout every kind shares. It is
 * faster there because the message is processed in WebAssembly linear memory ({@link LinearMemoryXChaCha20Poly1305}),
 * which JavaScript fills and reads in one copy and the cipher reads a word at a time; sealing into a Java array and
 * then TeaVM's copy between {@code byte[]} and {@code Int8Array} touches every byte several times more (the README's
 * crypto benchmark has the figures). Nonces come from {@code crypto.getRandomValues}, written straight into linear
 * memory. TeaVM-only.
 */
public final class BrowserXChaCha20Poly1305 implements XChaCha20Poly1305Arrays<Int8Array> {
    private static final int NONCE_LENGTH = LinearMemoryXChaCha20Poly1305.NONCE_LENGTH;

    @Override
    public Int8Array seal(SymmetricKey key, byte[] clearPrefix, byte[] plaintext, byte[] associatedData) {
        int total = clearPrefix.length + XChaCha20Poly1305.OVERHEAD + plaintext.length;
        Address start = ScratchMemory.reserve(total);
        try {
            LinearMemory.write(clearPrefix, 0, clearPrefix.length, start);
            Address message = start.add(clearPrefix.length);
            ScratchMemory.fillRandom(message, NONCE_LENGTH);
            LinearMemoryXChaCha20Poly1305.seal(key.bytesForUse(KeyAccess.get()), associatedData, plaintext, message);
            return copy(ScratchMemory.view(start, total));
        } finally {
            ScratchMemory.trim();
        }
    }

    @Override
    public byte[] clearPrefix(Int8Array sealed, int length) throws InvalidMessageException {
        if (sealed.getLength() < length) {
            throw new InvalidMessageException("message shorter than its " + length + "-byte prefix");
        }
        byte[] prefix = new byte[length];
        for (int i = 0; i < length; i++) {
            prefix[i] = sealed.get(i);
        }
        return prefix;
    }

    /**
     * {@inheritDoc} The plaintext is decrypted in place in linear memory, copied out, and wiped there, whatever
     * happens.
     */
    @Override
    public byte[] open(SymmetricKey key, Int8Array sealed, int clearPrefixLength, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (clearPrefixLength < 0) {
            throw new IllegalArgumentException("negative prefix length " + clearPrefixLength);
        }
        int total = sealed.getLength() - clearPrefixLength;
        if (total < XChaCha20Poly1305.OVERHEAD) {
            throw new InvalidMessageException("ciphertext shorter than nonce and tag (" + XChaCha20Poly1305.OVERHEAD
                    + " bytes)");
        }
        int length = total - XChaCha20Poly1305.OVERHEAD;
        Address message = ScratchMemory.reserve(total);
        try {
            ScratchMemory.view(message, total).set(after(sealed, clearPrefixLength));
            if (!LinearMemoryXChaCha20Poly1305.openInPlace(key.bytesForUse(KeyAccess.get()), associatedData,
                    message, length)) {
                throw new AuthenticationFailedException("ciphertext did not authenticate");
            }
            return LinearMemory.read(message.add(NONCE_LENGTH), length);
        } finally {
            LinearMemory.wipe(message, total);
            ScratchMemory.trim();
        }
    }

    /** A copy that outlives the view (the region is reused, and linear memory may grow). */
    @JSBody(params = "view", script = "return view.slice();")
    private static native Int8Array copy(Int8Array view);

    @JSBody(params = {"array", "offset"}, script = "return array.subarray(offset);")
    private static native Int8Array after(Int8Array array, int offset);
}
