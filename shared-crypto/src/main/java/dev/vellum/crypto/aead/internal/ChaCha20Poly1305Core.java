package dev.vellum.crypto.aead.internal;

import java.util.Arrays;

/**
 * The ChaCha20-Poly1305 AEAD construction (RFC 8439, section 2.8) over {@link ChaCha20} and {@link Poly1305}, in place
 * of BouncyCastle's: faster in TeaVM's WebAssembly (the README's crypto benchmark times both in one page), and on the
 * JVM no slower. Whole blocks are encrypted and authenticated in one pass ({@link ChaCha20Poly1305Blocks}); the last
 * partial block, the associated data and the lengths go through {@link ChaCha20} and {@link Poly1305}.
 *
 * <p>Checked against every RFC 8439, draft-irtf-cfrg-xchacha and Wycheproof vector, and against BouncyCastle on random
 * inputs of many lengths ({@code ChaCha20Poly1305CoreTest}).
 */
final class ChaCha20Poly1305Core {
    static final int TAG_LENGTH = Poly1305.TAG_LENGTH;

    private ChaCha20Poly1305Core() {
    }

    /** Writes the ciphertext and then the tag ({@code length + 16} bytes) into {@code out} at {@code outOffset}. */
    static void seal(int[] key, int nonce0, int nonce1, int nonce2, byte[] associatedData, byte[] in, int inOffset,
            int length, byte[] out, int outOffset) {
        Poly1305 mac = start(key, nonce0, nonce1, nonce2, associatedData);
        int blocks = length / ChaCha20.BLOCK_LENGTH;
        ChaCha20Poly1305Blocks.process(true, key, nonce0, nonce1, nonce2, 1, in, inOffset, out, outOffset, blocks, mac);
        int done = blocks * ChaCha20.BLOCK_LENGTH;
        if (done < length) {
            ChaCha20.xor(key, nonce0, nonce1, nonce2, 1 + blocks, in, inOffset + done, out, outOffset + done,
                    length - done);
            mac.updatePadded(out, outOffset + done, length - done);
        }
        finish(mac, associatedData.length, length, out, outOffset + length);
    }

    /**
     * Checks the tag after the {@code length} ciphertext bytes and decrypts them into {@code out}; on a mismatch
     * {@code out} is wiped and false returned. The tags are compared in constant time.
     */
    static boolean open(int[] key, int nonce0, int nonce1, int nonce2, byte[] associatedData, byte[] in, int inOffset,
            int length, byte[] out, int outOffset) {
        Poly1305 mac = start(key, nonce0, nonce1, nonce2, associatedData);
        int blocks = length / ChaCha20.BLOCK_LENGTH;
        ChaCha20Poly1305Blocks.process(false, key, nonce0, nonce1, nonce2, 1, in, inOffset, out, outOffset, blocks,
                mac);
        int done = blocks * ChaCha20.BLOCK_LENGTH;
        if (done < length) {
            mac.updatePadded(in, inOffset + done, length - done);
            ChaCha20.xor(key, nonce0, nonce1, nonce2, 1 + blocks, in, inOffset + done, out, outOffset + done,
                    length - done);
        }
        byte[] expected = new byte[TAG_LENGTH];
        finish(mac, associatedData.length, length, expected, 0);
        int difference = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= expected[i] ^ in[inOffset + length + i];
        }
        if (difference != 0) {
            Arrays.fill(out, outOffset, outOffset + length, (byte) 0);
            return false;
        }
        return true;
    }

    /** The one-time Poly1305 key is the first half of keystream block 0 (section 2.6); the AD is absorbed first. */
    static Poly1305 start(int[] key, int nonce0, int nonce1, int nonce2, byte[] associatedData) {
        byte[] oneTimeKey = new byte[32];
        ChaCha20.xor(key, nonce0, nonce1, nonce2, 0, oneTimeKey, 0, oneTimeKey, 0, oneTimeKey.length);
        Poly1305 mac = new Poly1305(oneTimeKey);
        Arrays.fill(oneTimeKey, (byte) 0);
        mac.updatePadded(associatedData, 0, associatedData.length);
        return mac;
    }

    static void finish(Poly1305 mac, int associatedDataLength, int ciphertextLength, byte[] tag, int offset) {
        byte[] lengths = new byte[16];
        ChaCha20.putWord(lengths, 0, associatedDataLength);
        ChaCha20.putWord(lengths, 8, ciphertextLength);
        mac.blocks(lengths, 0, lengths.length);
        mac.finish(tag, offset);
    }

    /** The 256-bit key as eight little-endian words. */
    static int[] keyWords(byte[] key) {
        int[] words = new int[ChaCha20.KEY_WORDS];
        for (int i = 0; i < words.length; i++) {
            words[i] = ChaCha20.word(key, 4 * i);
        }
        return words;
    }
}
