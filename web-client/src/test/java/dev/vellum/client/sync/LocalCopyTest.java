package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.item.UpdateHash;
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
    void servedItems_roundTrip_soAReloadStillNoticesARewrittenHistory() throws Exception {
        ServedItems served = new ServedItems();
        UpdateHash hash = UpdateHash.fromBytes(new byte[UpdateHash.LENGTH]);
        served.remember(40, hash);
        served.remember(41, UpdateHash.fromBytes(Arrays.copyOf(new byte[] {7}, UpdateHash.LENGTH)));

        LocalCopy decoded = LocalCopy.decode(
                new LocalCopy(41, 30, 0, served, new AuthorChains(), doc.encodeState(), unsent).encode());

        assertTrue(decoded.served().knows(41));
        assertFalse(decoded.served().differs(41, UpdateHash.fromBytes(Arrays.copyOf(new byte[] {7}, 32))));
        assertTrue(decoded.served().differs(40, UpdateHash.fromBytes(Arrays.copyOf(new byte[] {1}, 32))));
        assertEquals(unsent, decoded.unsent());
    }

    @Test
    void servedItems_notAscendingOrMoreThanKept_areRefused() throws Exception {
        byte[] encoded = new LocalCopy(41, 30, 0, new AuthorChains(), doc.encodeState(), unsent).encode();
        byte[] ascending = withServedRevisions(encoded, 7, 8);
        byte[] twice = withServedRevisions(encoded, 7, 7);
        byte[] tooMany = encoded.clone();
        tooMany[28] = (byte) (ServedItems.CAPACITY + 1);

        assertTrue(LocalCopy.decode(ascending).served().knows(8));
        assertThrows(InvalidMessageException.class, () -> LocalCopy.decode(twice));
        assertThrows(InvalidMessageException.class, () -> LocalCopy.decode(tooMany));
    }

    @Test
    void aVersion3Copy_withoutServedItems_isStillRead() throws Exception {
        byte[] version5 = new LocalCopy(41, 30, 12, new AuthorChains(), doc.encodeState(), unsent).encode();
        byte[] version3 = new byte[version5.length - 12];
        version3[0] = 3;
        System.arraycopy(version5, 1, version3, 1, 24);
        // without the empty served list and the two empty lists of comment records
        System.arraycopy(version5, 37, version3, 25, version5.length - 37);

        LocalCopy decoded = LocalCopy.decode(version3);

        assertEquals(41, decoded.appliedThrough());
        assertEquals(12, decoded.skippedThrough());
        assertFalse(decoded.served().knows(41));
        assertEquals(unsent, decoded.unsent());
    }

    @Test
    void aVersion2Copy_withoutSkippedThrough_isStillRead_soOfflineEditsSurviveAnUpdate() throws Exception {
        byte[] version5 = new LocalCopy(41, 30, 0, new AuthorChains(), doc.encodeState(), unsent).encode();
        byte[] version2 = new byte[version5.length - 20];
        version2[0] = 2;
        System.arraycopy(version5, 1, version2, 1, 16);
        // without skipped through, served items and comments
        System.arraycopy(version5, 37, version2, 17, version5.length - 37);

        LocalCopy decoded = LocalCopy.decode(version2);

        assertEquals(41, decoded.appliedThrough());
        assertEquals(0, decoded.skippedThrough());
        assertEquals(unsent, decoded.unsent());
    }

    @Test
    void aVersion4Copy_withoutComments_isStillRead() throws Exception {
        byte[] version5 = new LocalCopy(41, 30, 12, new AuthorChains(), doc.encodeState(), unsent).encode();
        byte[] version4 = new byte[version5.length - 8];
        version4[0] = 4;
        System.arraycopy(version5, 1, version4, 1, 28);
        System.arraycopy(version5, 37, version4, 29, version5.length - 37); // without the two empty comment lists

        LocalCopy decoded = LocalCopy.decode(version4);

        assertEquals(41, decoded.appliedThrough());
        assertEquals(List.of(), decoded.comments());
        assertEquals(List.of(), decoded.unsentComments());
        assertEquals(unsent, decoded.unsent());
    }

    @Test
    void commentRecords_heldAndUnsent_roundTrip() throws Exception {
        CommentFixtures fixtures = new CommentFixtures();
        CommentRecord posted = fixtures.post("stored");
        CommentRecord offline = fixtures.post("typed offline");
        LocalCopy copy = new LocalCopy(41, 30, 0, new ServedItems(), List.of(posted, offline), List.of(offline),
                new AuthorChains(), doc.encodeState(), unsent);

        LocalCopy decoded = LocalCopy.decode(copy.encode());

        assertEquals(List.of(posted, offline), decoded.comments());
        assertEquals(List.of(offline), decoded.unsentComments());
        assertArrayEquals(doc.encodeState(), decoded.state());
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

    /** A version 5 copy whose served list holds these revisions (all with the same hash). */
    private static byte[] withServedRevisions(byte[] encoded, long first, long second) {
        return new ByteWriter()
                .writeBytes(Arrays.copyOf(encoded, 25))
                .writeInt(2)
                .writeLong(first).writeBytes(new byte[UpdateHash.LENGTH])
                .writeLong(second).writeBytes(new byte[UpdateHash.LENGTH])
                .writeBytes(Arrays.copyOfRange(encoded, 29, encoded.length))
                .toByteArray();
    }
}
