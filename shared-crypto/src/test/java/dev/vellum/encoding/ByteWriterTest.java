package dev.vellum.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteWriterTest {
    @Test
    void toByteArray_ofAnExactlySizedWriter_givesTheMessage() {
        assertArrayEquals(new byte[] {1, 0, 2, 3, 4}, new ByteWriter(5).writeByte(1).writeShort(2)
                .writeBytes(new byte[] {3, 4}).toByteArray());
    }

    @Test
    void writeAfterToByteArray_throws_soTheHandedOverMessageCannotChange() {
        ByteWriter out = new ByteWriter(2).writeShort(0x0102);
        byte[] message = out.toByteArray();

        assertThrows(IllegalStateException.class, () -> out.writeByte(9));
        assertThrows(IllegalStateException.class, () -> out.writeBytes(new byte[] {9}));
        assertArrayEquals(new byte[] {1, 2}, message);
    }

    @Test
    void secondToByteArray_throws_soTwoHoldersNeverShareOneBuffer() {
        ByteWriter out = new ByteWriter(1).writeByte(1);
        out.toByteArray();

        assertThrows(IllegalStateException.class, out::toByteArray);
    }
}
