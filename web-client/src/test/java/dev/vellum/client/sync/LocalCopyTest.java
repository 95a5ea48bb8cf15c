package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCopyTest {
    private final TextDocument doc = new TextDocument(ReplicaId.of(new byte[] {1}));
    private final List<TextOp> unsent = List.of(doc.insert(0, "typed offline"));

    @Test
    void encoding_roundTrips() throws Exception {
        LocalCopy copy = new LocalCopy(41, 30, 12, new AuthorChains(), doc.encodeState(), unsent);

        LocalCopy decoded = LocalCopy.decode(copy.encode());

        assertEquals(41, decoded.appliedThrough());
        assertEquals(30, decoded.lastSnapshotCovers());
        assertEquals(12, decoded.skippedThrough());
        assertArrayEquals(doc.encodeState(), decoded.state());
        assertEquals(unsent, decoded.unsent());
    }

    @Test
    void aVersion2Copy_withoutSkippedThrough_isStillRead_soOfflineEditsSurviveAnUpdate() throws Exception {
        byte[] version3 = new LocalCopy(41, 30, 0, new AuthorChains(), doc.encodeState(), unsent).encode();
        byte[] version2 = new byte[version3.length - 8];
        version2[0] = 2;
        System.arraycopy(version3, 1, version2, 1, 16);
        System.arraycopy(version3, 25, version2, 17, version3.length - 25);

        LocalCopy decoded = LocalCopy.decode(version2);

        assertEquals(41, decoded.appliedThrough());
        assertEquals(0, decoded.skippedThrough());
        assertEquals(unsent, decoded.unsent());
    }

    @Test
    void unknownVersionsAndNegativeNumbers_areRefused() {
        byte[] encoded = new LocalCopy(1, 0, 0, new AuthorChains(), doc.encodeState(), unsent).encode();
        byte[] future = encoded.clone();
        future[0] = 9;
        assertThrows(InvalidMessageException.class, () -> LocalCopy.decode(future));
        byte[] negative = encoded.clone();
        negative[1] = (byte) 0x80;
        assertThrows(InvalidMessageException.class, () -> LocalCopy.decode(negative));
        assertThrows(InvalidMessageException.class, () -> LocalCopy.decode(Arrays.copyOf(encoded, 10)));
    }
}
