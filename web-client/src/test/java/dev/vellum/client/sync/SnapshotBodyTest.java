package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.UpdateHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    void unknownVersion_isRefused() throws Exception {
        byte[] bytes = new SnapshotBody(1, "A", new AuthorChains(), STATE).encode();
        bytes[0] = 3;
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
