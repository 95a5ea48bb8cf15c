package dev.vellum.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mutates valid encodings the way a fuzzer does: bit flips, truncation, extension, byte replacement, insertion and
 * deletion, and length-like fields overwritten with boundary values (0, 1, the length itself and one either side,
 * the largest 16- and 32-bit values), one to three at a time.
 *
 * <p>Driven by a {@link SplittableRandom} with a fixed seed, not the platform CSPRNG: a fuzz run must be the same on
 * every machine so that a failure can be replayed. Nothing secret comes from it.
 */
public final class FrameMutator {
    private final SplittableRandom random;

    public FrameMutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One of {@code seeds}, chosen at random, mutated. */
    public byte[] mutateOneOf(byte[][] seeds) {
        return mutate(seeds[random.nextInt(seeds.length)]);
    }

    /** A mutated copy of {@code valid}; never the same array. */
    public byte[] mutate(byte[] valid) {
        byte[] bytes = valid.clone();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        switch (random.nextInt(7)) {
            case 0:
                return flipBit(bytes);
            case 1:
                return bytes.length == 0 ? bytes : Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2:
                return extend(bytes);
            case 3:
                return replaceByte(bytes);
            case 4:
                return insertByte(bytes);
            case 5:
                return deleteByte(bytes);
            default:
                return overwriteLength(bytes);
        }
    }

    private byte[] flipBit(byte[] bytes) {
        if (bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private byte[] extend(byte[] bytes) {
        int extra = 1 + random.nextInt(random.nextBoolean() ? 8 : 512);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + extra);
        for (int i = bytes.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
        }
        return longer;
    }

    private byte[] replaceByte(byte[] bytes) {
        if (bytes.length > 0) {
            int[] interesting = {0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, random.nextInt(256)};
            bytes[random.nextInt(bytes.length)] = (byte) interesting[random.nextInt(interesting.length)];
        }
        return bytes;
    }

    private byte[] insertByte(byte[] bytes) {
        int at = random.nextInt(bytes.length + 1);
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
        return longer;
    }

    private byte[] deleteByte(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        byte[] shorter = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, shorter, 0, at);
        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
        return shorter;
    }

    /** Writes a boundary value as a big-endian 1-, 2- or 4-byte field at a random place: where lengths live. */
    private byte[] overwriteLength(byte[] bytes) {
        int width = new int[] {1, 2, 4}[random.nextInt(3)];
        if (bytes.length < width) {
            return bytes;
        }
        long[] values = {0, 1, bytes.length, bytes.length - 1L, bytes.length + 1L, 0x7f, 0xff, 0x7fff, 0xffff,
                0x7fffffffL, 0xffffffffL, random.nextInt()};
        long value = values[random.nextInt(values.length)];
        int at = random.nextInt(bytes.length - width + 1);
        for (int i = 0; i < width; i++) {
            bytes[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return bytes;
    }
}
