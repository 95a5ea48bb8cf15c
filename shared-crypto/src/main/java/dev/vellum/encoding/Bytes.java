package dev.vellum.encoding;

/** Byte-array helpers shared by the wire formats. */
public final class Bytes {
    private Bytes() {
    }

    /** The parts, one after another, in a new array. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
