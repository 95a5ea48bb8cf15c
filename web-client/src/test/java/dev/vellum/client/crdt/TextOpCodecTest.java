package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOpCodecTest {
    private static final ReplicaId ALICE = ReplicaId.of(new byte[] {1, 2, 3});
    private static final ReplicaId BOB = ReplicaId.of(new byte[] {9});

    @Test
    void opsRoundTrip_andStillMerge() throws Exception {
        TextDocument alice = new TextDocument(ALICE);
        List<TextOp> ops = new ArrayList<>();
        ops.add(alice.insert(0, "héllo ✓"));
        ops.addAll(alice.delete(1, 2));
        ops.add(alice.insert(2, "\uD83D\uDE00")); // a surrogate pair

        List<TextOp> decoded = TextOpCodec.decode(TextOpCodec.encode(ops));
        assertEquals(ops, decoded);

        TextDocument bob = new TextDocument(BOB);
        bob.apply(decoded);
        assertEquals(alice.text(), bob.text());
    }

    @Test
    void malformedUpdates_areRejected() {
        byte[] encoded = TextOpCodec.encode(List.of(new TextOp.Delete(ALICE, 0, 3)));

        assertThrows(InvalidMessageException.class, () -> TextOpCodec.decode(new byte[0]));
        assertThrows(InvalidMessageException.class,
                () -> TextOpCodec.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(InvalidMessageException.class,
                () -> TextOpCodec.decode(Arrays.copyOf(encoded, encoded.length + 1)));
        byte[] unknownKind = encoded.clone();
        unknownKind[unknownKind.length - 4] = 7;
        assertThrows(InvalidMessageException.class, () -> TextOpCodec.decode(unknownKind));
        // Claims a billion ops in a few bytes: refused, not allocated.
        assertThrows(InvalidMessageException.class,
                () -> TextOpCodec.decode(new byte[] {1, 0, (byte) 0x80, (byte) 0x94, (byte) 0xeb, (byte) 0xdc, 3}));
    }
}
