package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.item.UpdateHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotBodyTest {
    private static final byte[] STATE = {7, 8, 9};

    @Test
    void roundTrip_keepsWhatItsAuthorWasServed() throws Exception {
        ServedItems served = new ServedItems();
        served.remember(3, hash(3));
        served.remember(4, hash(4));
        SnapshotBody body = new SnapshotBody(1_700_000_000_000L, "Carol", new AuthorChains(), served, STATE);

        SnapshotBody decoded = SnapshotBody.decode(body.encode());

        assertEquals(served, decoded.served());
        assertEquals("Carol", decoded.authorName());
        assertArrayEquals(STATE, decoded.state());
        assertEquals(0, new ServedItems().firstDifferenceWith(decoded.served()), "an empty list disagrees with none");
    }

    @Test
    void versionOneBody_stillOpens_withNoServedItems() throws Exception {
        byte[] name = "Alice".getBytes(StandardCharsets.UTF_8);
        ByteWriter out = new ByteWriter(64).writeByte(1).writeLong(42).writeBytesWithByteLength(name, 60);
        new AuthorChains().writeTo(out);
        byte[] versionOne = out.writeBytes(STATE).toByteArray();

        SnapshotBody decoded = SnapshotBody.decode(versionOne);

        assertEquals(new ServedItems(), decoded.served());
        assertArrayEquals(STATE, decoded.state());
    }

    @Test
    void versionTwoBody_stillOpens_withNoComments() throws Exception {
        byte[] name = "Bob".getBytes(StandardCharsets.UTF_8);
        ByteWriter out = new ByteWriter(64).writeByte(2).writeLong(42).writeBytesWithByteLength(name, 60);
        new AuthorChains().writeTo(out);
        ServedItems served = new ServedItems();
        served.remember(1, hash(1));
        served.writeTo(out);
        byte[] versionTwo = out.writeBytes(STATE).toByteArray();

        SnapshotBody decoded = SnapshotBody.decode(versionTwo);

        assertEquals(served, decoded.served());
        assertEquals(List.of(), decoded.comments());
        assertArrayEquals(STATE, decoded.state());
    }

    @Test
    void versionThree_carriesCommentRecords_asTheirAuthorsSignedThem() throws Exception {
        CommentFixtures fixtures = new CommentFixtures();
        List<CommentRecord> records = List.of(fixtures.post("looks good"), fixtures.resolve());
        SnapshotBody body = new SnapshotBody(5, "Dana", new AuthorChains(), new ServedItems(), records, STATE);

        SnapshotBody decoded = SnapshotBody.decode(body.encode());

        assertEquals(records, decoded.comments());
        assertArrayEquals(STATE, decoded.state(), "the state stays the body's tail");
        for (CommentRecord record : decoded.comments()) {
            assertTrue(fixtures.verifies(record));
        }
    }

    @Test
    void aCommentRecordThatDoesNotParse_makesTheBodyUnreadable() {
        CommentFixtures fixtures = new CommentFixtures();
        byte[] bytes = new SnapshotBody(5, "Dana", new AuthorChains(), new ServedItems(),
                List.of(fixtures.post("hello")), STATE).encode();
        // The record's version byte: after version, time, name length and "Dana", chains (4), served (4), count (4)
        // and the record's length (4).
        int recordStart = 1 + 8 + 1 + 4 + 4 + 4 + 4 + 4;
        bytes[recordStart] = 9;
        assertThrows(InvalidMessageException.class, () -> SnapshotBody.decode(bytes));
    }

    @Test
    void unknownVersion_isRefused() throws Exception {
        byte[] bytes = new SnapshotBody(1, "A", new AuthorChains(), STATE).encode();
        bytes[0] = 4;
        assertThrows(InvalidMessageException.class, () -> SnapshotBody.decode(bytes));
    }

    @Test
    void servedItems_firstDifference_isTheFirstRevisionBothKnowWithAnotherItem() {
        ServedItems mine = new ServedItems();
        mine.remember(2, hash(2));
        mine.remember(3, hash(3));
        mine.remember(4, hash(4));
        ServedItems theirs = new ServedItems();
        theirs.remember(3, hash(3));
        theirs.remember(4, hash(40));
        theirs.remember(5, hash(5));

        assertEquals(4, mine.firstDifferenceWith(theirs));
        assertEquals(0, mine.firstDifferenceWith(mine.copy()));
    }

    private static UpdateHash hash(int seed) {
        byte[] bytes = new byte[UpdateHash.LENGTH];
        Arrays.fill(bytes, (byte) seed);
        return UpdateHash.fromBytes(bytes);
    }
}
