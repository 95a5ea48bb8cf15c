package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.protocol.comment.CommentAnchor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TextDocument#anchorOf} and {@link TextDocument#locate}: a comment's selection as the text changes. */
class CommentAnchorsTest {
    private static final ReplicaId ALICE = ReplicaId.of(new byte[] {1});
    private static final ReplicaId BOB = ReplicaId.of(new byte[] {2});

    private final TextDocument doc = new TextDocument(ALICE);

    CommentAnchorsTest() {
        doc.insert(0, "hello brave new world");
    }

    @Test
    void anchorOf_namesTheFirstAndLastSelectedCharacters_andQuotesThem() {
        CommentAnchor anchor = doc.anchorOf(6, 11);

        assertArrayEquals(ALICE.toBytes(), anchor.startReplica());
        assertEquals(6, anchor.startClock());
        assertArrayEquals(ALICE.toBytes(), anchor.endReplica());
        assertEquals(10, anchor.endClock());
        assertEquals("brave", anchor.quote());
        assertEquals(AnchoredRange.of(6, 11), doc.locate(anchor));
    }

    @Test
    void anchorOf_emptyOrOutOfRangeSelection_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> doc.anchorOf(3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> doc.anchorOf(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> doc.anchorOf(20, 22));
    }

    @Test
    void range_movesWithEditsBefore_andGrowsWithEditsInside_butNotAtItsEdges() {
        CommentAnchor anchor = doc.anchorOf(6, 11);
        doc.insert(0, ">> ");
        doc.insert(9, "[");
        doc.insert(15, "]");

        assertEquals(">> hello [brave] new world", doc.text());
        assertEquals("brave", text(doc.locate(anchor)));
        doc.insert(12, "-very-");

        assertEquals("br-very-ave", text(doc.locate(anchor)));
    }

    @Test
    void deletingTheEdges_shrinksTheRange_toWhatIsLeft() {
        CommentAnchor anchor = doc.anchorOf(6, 11);
        doc.delete(4, 4); // "o br"
        doc.delete(6, 4); // "e ne"

        assertEquals("hellavw world", doc.text());
        assertEquals("av", text(doc.locate(anchor)));
    }

    @Test
    void deletingAllTheAnchoredText_detachesTheRange_evenWithTextAroundIt() {
        CommentAnchor anchor = doc.anchorOf(6, 11);
        doc.delete(5, 7);

        assertTrue(doc.locate(anchor).isDetached());
        assertEquals("brave", anchor.quote());
    }

    @Test
    void textTypedWhereTheDeletedAnchorWas_byAnotherReplica_isAnchoredAlike() {
        CommentAnchor anchor = doc.anchorOf(6, 11);
        TextDocument bob = new TextDocument(BOB);
        bob.apply(List.of(new TextOp.Insert(ALICE, 0, null, null, "hello brave new world")));
        List<TextOp.Delete> deleted = doc.delete(6, 5);
        TextOp.Insert typed = bob.insert(8, "AVE"); // inside "brave", concurrently with its deletion
        doc.apply(List.of(typed));
        bob.apply(deleted);

        assertEquals(doc.text(), bob.text());
        assertEquals(doc.locate(anchor), bob.locate(anchor));
        assertEquals("AVE", text(doc.locate(anchor)));
    }

    @Test
    void charactersNotYetReceived_leaveTheRangeDetached_untilTheyArrive() {
        TextDocument bob = new TextDocument(BOB);
        CommentAnchor anchor = doc.anchorOf(6, 11);

        assertTrue(bob.locate(anchor).isDetached());
        bob.apply(List.of(new TextOp.Insert(ALICE, 0, null, null, "hello brave new world")));
        assertEquals(AnchoredRange.of(6, 11), bob.locate(anchor));
    }

    @Test
    void quote_isCutTo200Units_withoutSplittingASurrogatePair() {
        TextDocument long1 = new TextDocument(ALICE);
        long1.insert(0, "a".repeat(199) + "\uD83D\uDE00" + "b".repeat(100));

        CommentAnchor anchor = long1.anchorOf(0, 250);

        assertEquals("a".repeat(199), anchor.quote());
        assertEquals(AnchoredRange.of(0, 250), long1.locate(anchor));
    }

    @Test
    void locateAll_findsManyRangesInTheGivenOrder() {
        CommentAnchor world = doc.anchorOf(16, 21);
        CommentAnchor hello = doc.anchorOf(0, 5);
        CommentAnchor gone = doc.anchorOf(12, 15);
        doc.delete(12, 4);

        assertEquals(List.of(AnchoredRange.of(12, 17), AnchoredRange.of(0, 5), AnchoredRange.detached()),
                doc.locateAll(List.of(world, hello, gone)));
    }

    @Test
    void covers_onlyTheAnchoredCharacters() {
        AnchoredRange range = doc.locate(doc.anchorOf(6, 11));

        assertTrue(range.covers(6) && range.covers(10));
        assertTrue(!range.covers(5) && !range.covers(11) && !AnchoredRange.detached().covers(0));
    }

    private String text(AnchoredRange range) {
        return doc.text().substring(range.start(), range.end());
    }
}
