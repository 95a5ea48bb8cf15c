package dev.vellum.crypto.aead.internal;

import java.util.Arrays;
import org.teavm.interop.Address;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03) on a message in WebAssembly linear memory, in place: the layout
 * is {@code nonce (24) || text || tag (16)}, the layout of {@link dev.vellum.crypto.aead.XChaCha20Poly1305}'s output.
 * JavaScript moves bytes into and out of linear memory with one {@code TypedArray.set} or {@code slice}, where a Java
 * {@code byte[]} in TeaVM's WebAssembly GC output is filled and read a byte at a time, and the cipher reads whole
 * words ({@link LinearMemoryBlocks}). The whole blocks are processed there; the key set-up, the last partial block,
 * the associated data and the tag are computed by {@link HChaCha20}, {@link ChaCha20} and {@link Poly1305} on small
 * Java arrays and written back, so the whole message ends up in linear memory.
 *
 * <p>This class and its helpers live in shared-crypto's package ({@code aead.internal}) from the web client's source
 * tree, to reach that package's internals (Poly1305's state, the subkey words): fine on the class path TeaVM and the
 * tests use, not in a sealed jar or a named module.
 *
 * <p>TeaVM-only (linear memory has no meaning on the JVM). Constant time as {@link ChaCha20Poly1305Core}: no branch or
 * index depends on key or data, and tags are compared by OR-ing differences.
 */
public final class LinearMemoryXChaCha20Poly1305 {
    public static final int NONCE_LENGTH = InsecureNonceXChaCha20Poly1305.NONCE_LENGTH;
    public static final int TAG_LENGTH = InsecureNonceXChaCha20Poly1305.TAG_LENGTH;
    /** 16 KiB: copied in and encrypted while it is still in the processor's first-level cache. */
    private static final int CHUNK_BLOCKS = 256;

    private LinearMemoryXChaCha20Poly1305() {
    }

    /**
     * Encrypts {@code plaintext} into linear memory after the nonce at {@code message}, and writes the tag after it:
     * {@code message} must have room for {@code NONCE_LENGTH + plaintext.length + TAG_LENGTH} bytes. The plaintext is
     * copied in a chunk at a time, each encrypted while it is still in the processor's cache, so that no plaintext
     * remains in linear memory once this returns.
     *
     * @param key the 32-byte key, read and not kept
     */
    public static void seal(byte[] key, byte[] associatedData, byte[] plaintext, Address message) {
        InsecureNonceChaCha20Poly1305.checkAssociatedData(associatedData);
        byte[] nonce = LinearMemory.read(message, NONCE_LENGTH);
        int[] subkey = HChaCha20.deriveSubkeyWords(key, nonce, 0);
        try {
            int nonce1 = ChaCha20.word(nonce, 16);
            int nonce2 = ChaCha20.word(nonce, 20);
            Address text = message.add(NONCE_LENGTH);
            int length = plaintext.length;
            Poly1305 mac = ChaCha20Poly1305Core.start(subkey, 0, nonce1, nonce2, associatedData);
            int blocks = length / ChaCha20.BLOCK_LENGTH;
            for (int block = 0; block < blocks; block += CHUNK_BLOCKS) {
                int chunkBlocks = Math.min(CHUNK_BLOCKS, blocks - block);
                int offset = block * ChaCha20.BLOCK_LENGTH;
                Address chunk = text.add(offset);
                LinearMemory.write(plaintext, offset, chunkBlocks * ChaCha20.BLOCK_LENGTH, chunk);
                LinearMemoryBlocks.process(true, subkey, 0, nonce1, nonce2, 1 + block, chunk, chunk, chunkBlocks, mac);
            }
            int done = blocks * ChaCha20.BLOCK_LENGTH;
            if (done < length) {
                byte[] last = Arrays.copyOfRange(plaintext, done, length);
                ChaCha20.xor(subkey, 0, nonce1, nonce2, 1 + blocks, last, 0, last, 0, last.length);
                mac.updatePadded(last, 0, last.length);
                LinearMemory.write(last, 0, last.length, text.add(done));
            }
            byte[] tag = new byte[TAG_LENGTH];
            ChaCha20Poly1305Core.finish(mac, associatedData.length, length, tag, 0);
            LinearMemory.write(tag, 0, TAG_LENGTH, text.add(length));
        } finally {
            Arrays.fill(subkey, 0);
        }
    }

    /**
     * Checks the tag after the {@code length} ciphertext bytes that follow the nonce at {@code message} and decrypts
     * them in place. On a mismatch the decrypted bytes are wiped and false returned.
     */
    public static boolean openInPlace(byte[] key, byte[] associatedData, Address message, int length) {
        InsecureNonceChaCha20Poly1305.checkAssociatedData(associatedData);
        byte[] nonce = LinearMemory.read(message, NONCE_LENGTH);
        int[] subkey = HChaCha20.deriveSubkeyWords(key, nonce, 0);
        try {
            int nonce1 = ChaCha20.word(nonce, 16);
            int nonce2 = ChaCha20.word(nonce, 20);
            Address text = message.add(NONCE_LENGTH);
            Poly1305 mac = ChaCha20Poly1305Core.start(subkey, 0, nonce1, nonce2, associatedData);
            int blocks = length / ChaCha20.BLOCK_LENGTH;
            LinearMemoryBlocks.process(false, subkey, 0, nonce1, nonce2, 1, text, text, blocks, mac);
            int done = blocks * ChaCha20.BLOCK_LENGTH;
            if (done < length) {
                byte[] last = LinearMemory.read(text.add(done), length - done);
                mac.updatePadded(last, 0, last.length);
                ChaCha20.xor(subkey, 0, nonce1, nonce2, 1 + blocks, last, 0, last, 0, last.length);
                LinearMemory.write(last, 0, last.length, text.add(done));
                Arrays.fill(last, (byte) 0);
            }
            byte[] expected = new byte[TAG_LENGTH];
            ChaCha20Poly1305Core.finish(mac, associatedData.length, length, expected, 0);
            Address tag = text.add(length);
            int difference = 0;
            for (int i = 0; i < TAG_LENGTH; i++) {
                difference |= expected[i] ^ tag.add(i).getByte();
            }
            if (difference != 0) {
                LinearMemory.wipe(text, length);
                return false;
            }
            return true;
        } finally {
            Arrays.fill(subkey, 0);
        }
    }
}
