package dev.vellum.protocol.comment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommentAnchorTest {
    private static final byte[] REPLICA = {4, 2};

    @Test
    void aShortQuote_isKeptAsItIs() {
        CommentAnchor anchor = new CommentAnchor(REPLICA, 0, REPLICA, 3, "word");

        assertEquals("word", anchor.quote());
        assertArrayEquals(REPLICA, anchor.startReplica());
        assertEquals(0, anchor.startClock());
        assertEquals(3, anchor.endClock());
    }

    @Test
    void aLongQuote_isCutTo200Units() {
        CommentAnchor anchor = new CommentAnchor(REPLICA, 0, REPLICA, 3, "a".repeat(1000));

        assertEquals("a".repeat(200), anchor.quote());
    }

    @Test
    void aQuote_isNeverCutInsideAnEmoji() {
        String text = "a".repeat(199) + "👋" + "b";

        assertEquals("a".repeat(199), new CommentAnchor(REPLICA, 0, REPLICA, 3, text).quote());
        assertEquals("a".repeat(198) + "👋",
                new CommentAnchor(REPLICA, 0, REPLICA, 3, "a".repeat(198) + "👋b").quote());
    }

    @Test
    void aQuoteOfWideCharacters_staysWithin600Bytes() {
        String quote = new CommentAnchor(REPLICA, 0, REPLICA, 3, "€".repeat(300)).quote();

        assertEquals(200, quote.length());
        assertEquals(600, quote.getBytes(StandardCharsets.UTF_8).length);
        String emoji = new CommentAnchor(REPLICA, 0, REPLICA, 3, "🦊".repeat(300)).quote();
        assertEquals(200, emoji.length());
        assertEquals(400, emoji.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void anUnpairedSurrogate_becomesAReplacementCharacter() {
        String halfAnEmoji = "ok " + "👋".charAt(0);

        assertEquals("ok \uFFFD", new CommentAnchor(REPLICA, 0, REPLICA, 3, halfAnEmoji).quote());
        assertEquals("\uFFFDx", new CommentAnchor(REPLICA, 0, REPLICA, 3, "👋".charAt(1) + "x").quote());
    }

    @Test
    void badReplicasOrClocks_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CommentAnchor(new byte[0], 0, REPLICA, 0, "q"));
        assertThrows(IllegalArgumentException.class, () -> new CommentAnchor(REPLICA, 0, new byte[256], 0, "q"));
        assertThrows(IllegalArgumentException.class, () -> new CommentAnchor(REPLICA, -1, REPLICA, 0, "q"));
        assertThrows(IllegalArgumentException.class, () -> new CommentAnchor(REPLICA, 0, REPLICA, -1, "q"));
        new CommentAnchor(new byte[255], 0, new byte[1], Integer.MAX_VALUE, "");
    }

    @Test
    void theReplicaBytes_areCopiedInAndOut() {
        byte[] replica = {1, 2, 3};
        CommentAnchor anchor = new CommentAnchor(replica, 5, replica, 6, "q");
        replica[0] = 9;
        anchor.startReplica()[1] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, anchor.startReplica());
        assertArrayEquals(new byte[] {1, 2, 3}, anchor.endReplica());
    }

    @Test
    void equalAnchors_areEqual_andToStringHidesTheQuote() {
        CommentAnchor a = new CommentAnchor(REPLICA, 1, REPLICA, 2, "secret words");

        assertEquals(a, new CommentAnchor(REPLICA.clone(), 1, REPLICA.clone(), 2, "secret words"));
        assertEquals(a.hashCode(),
                new CommentAnchor(REPLICA.clone(), 1, REPLICA.clone(), 2, "secret words").hashCode());
        assertFalse(a.equals(new CommentAnchor(REPLICA, 1, REPLICA, 2, "other words")));
        assertFalse(a.toString().contains("secret"));
    }
}
