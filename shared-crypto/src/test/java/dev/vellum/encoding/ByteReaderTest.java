package dev.vellum.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.error.InvalidMessageException;
import org.junit.jupiter.api.Test;

class ByteReaderTest {
    private static byte[] written() {
        return new ByteWriter()
                .writeByte(0xfe)
                .writeShort(0xabcd)
                .writeInt(-2)
                .writeLong(0x0102030405060708L)
                .writeBytesWithByteLength(new byte[] {7, 8}, 10)
                .writeBytesWithIntLength(new byte[] {9}, 10)
                .writeBytes(new byte[] {1, 2, 3})
                .toByteArray();
    }

    @Test
    void readsWhatTheWriterWrote_bigEndian() throws Exception {
        byte[] bytes = written();
        assertArrayEquals(new byte[] {(byte) 0xfe, (byte) 0xab, (byte) 0xcd, -1, -1, -1, -2, 1, 2, 3, 4, 5, 6, 7, 8,
                2, 7, 8, 0, 0, 0, 1, 9, 1, 2, 3}, bytes);

        ByteReader in = new ByteReader(bytes, "test message");
        assertEquals(0xfe, in.readUnsignedByte("a"));
        assertEquals(0xabcd, in.readUnsignedShort("b"));
        assertEquals(-2, in.readInt("c"));
        assertEquals(0x0102030405060708L, in.readLong("d"));
        assertArrayEquals(new byte[] {7, 8}, in.readBytesWithByteLength(10, "e"));
        assertArrayEquals(new byte[] {9}, in.readBytesWithIntLength(10, "f"));
        assertEquals(3, in.remaining());
        assertArrayEquals(new byte[] {1, 2, 3}, in.readRemaining());
        in.expectEnd();
    }

    @Test
    void everyTruncation_throwsInvalidMessage() {
        byte[] bytes = written();
        for (int length = 0; length < bytes.length - 3; length++) {
            ByteReader in = new ByteReader(java.util.Arrays.copyOf(bytes, length), "test message");
            int cut = length;
            assertThrows(InvalidMessageException.class, () -> {
                in.readUnsignedByte("a");
                in.readUnsignedShort("b");
                in.readInt("c");
                in.readLong("d");
                in.readBytesWithByteLength(10, "e");
                in.readBytesWithIntLength(10, "f");
            }, "cut at " + cut);
        }
    }

    @Test
    void truncation_saysWhichFieldAndWhatWasExpected() {
        ByteReader in = new ByteReader(new byte[] {1, 2, 3}, "note item");
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> in.readLong("covers"));
        assertEquals("note item ends early: expected 8 bytes of covers, 3 left", e.getMessage());
    }

    @Test
    void lengthAboveTheFieldsMaximum_throwsEvenWhenTheBytesArePresent() {
        byte[] bytes = new ByteWriter().writeBytesWithByteLength(new byte[5], 5).toByteArray();
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> new ByteReader(bytes, "presence").readBytesWithByteLength(4, "name"));
        assertTrue(e.getMessage().contains("name length 5 is out of range"), e.getMessage());
    }

    @Test
    void lengthBeyondTheMessage_throws() {
        byte[] bytes = new ByteWriter().writeInt(1000).writeBytes(new byte[10]).toByteArray();
        assertThrows(InvalidMessageException.class,
                () -> new ByteReader(bytes, "history").readBytesWithIntLength(Integer.MAX_VALUE, "item"));
    }

    @Test
    void negativeIntLength_throws() {
        byte[] bytes = new ByteWriter().writeInt(-1).writeBytes(new byte[10]).toByteArray();
        assertThrows(InvalidMessageException.class,
                () -> new ByteReader(bytes, "history").readBytesWithIntLength(Integer.MAX_VALUE, "item"));
    }

    @Test
    void trailingBytes_failExpectEnd() throws Exception {
        ByteReader in = new ByteReader(new byte[] {0, 1}, "history end");
        in.readUnsignedByte("more flag");
        InvalidMessageException e = assertThrows(InvalidMessageException.class, in::expectEnd);
        assertEquals("history end has 1 unexpected bytes at its end", e.getMessage());
    }

    @Test
    void skip_pastTheEnd_throws() {
        ByteReader in = new ByteReader(new byte[4], "update envelope");
        assertThrows(InvalidMessageException.class, () -> in.skip(5, "body"));
    }

    @Test
    void writer_refusesLengthsItsPrefixCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new ByteWriter().writeBytesWithByteLength(new byte[256], 300));
        assertThrows(IllegalArgumentException.class, () -> new ByteWriter().writeBytesWithIntLength(new byte[3], 2));
        assertThrows(IllegalArgumentException.class, () -> new ByteWriter().writeByte(256));
        assertThrows(IllegalArgumentException.class, () -> new ByteWriter().writeShort(-1));
    }

    @Test
    void writer_growsPastItsInitialCapacity() {
        ByteWriter out = new ByteWriter(1);
        for (int i = 0; i < 100; i++) {
            out.writeLong(i);
        }
        assertEquals(800, out.toByteArray().length);
    }
}
