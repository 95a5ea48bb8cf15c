package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ops no honest replica sends: they are dropped or wait, and never crash a replica. */
class HostileOpsTest {
    private static final ReplicaId ALICE = ReplicaId.of(new byte[] {1});
    private static final ReplicaId MALLORY = ReplicaId.of(new byte[] {6});

    @Test
    void insertWhoseRightOriginPrecedesItsLeft_isDroppedEverywhere() {
        TextDocument alice = new TextDocument(ALICE);
        TextDocument bob = new TextDocument(ReplicaId.of(new byte[] {2}));
        bob.apply(List.of(alice.insert(0, "abc")));
        TextOp hostile = new TextOp.Insert(MALLORY, 0, new CharId(ALICE, 2), new CharId(ALICE, 0), "X");
        TextOp sameOnBoth = new TextOp.Insert(MALLORY, 0, new CharId(ALICE, 1), new CharId(ALICE, 1), "Y");

        alice.apply(List.of(hostile, sameOnBoth));
        bob.apply(List.of(sameOnBoth, hostile));

        assertEquals("abc", alice.text());
        assertEquals("abc", bob.text());
        assertEquals(0, alice.pendingCount());
    }

    @Test
    void sameCharactersWithAnotherText_areNamedOnce_andTheFirstTextStays() {
        TextDocument bob = new TextDocument(ReplicaId.of(new byte[] {2}));
        bob.apply(List.of(new TextOp.Insert(MALLORY, 0, null, null, "pay Alice")));
        bob.apply(List.of(new TextOp.Insert(MALLORY, 0, null, null, "pay Alice")));
        assertEquals(List.of(), bob.takeConflictingWriters(), "the same op twice is no conflict");

        bob.apply(List.of(new TextOp.Insert(MALLORY, 4, new CharId(MALLORY, 3), null, "Erin!")));
        bob.apply(List.of(new TextOp.Insert(MALLORY, 0, null, null, "pay Dave!!!")));

        assertEquals(List.of(MALLORY), bob.takeConflictingWriters());
        assertEquals("pay Alice", bob.text());
        bob.apply(List.of(new TextOp.Insert(MALLORY, 0, null, null, "PAY")));
        assertEquals(List.of(), bob.takeConflictingWriters(), "each writer is named once");
    }

    @Test
    void textSentAgainAfterItWasDeleted_asPlaceholders_isNoConflict() {
        TextDocument alice = new TextDocument(ALICE);
        TextDocument bob = new TextDocument(ReplicaId.of(new byte[] {2}));
        bob.apply(List.of(alice.insert(0, "hello world")));
        alice.delete(0, 6);
        // What a reader sends back when the server lost items: every run, deleted text as NULs, then the deletions.
        bob.apply(alice.opsBeyond(new TextDocument(ReplicaId.of(new byte[] {3}))));

        assertEquals(List.of(), bob.takeConflictingWriters());
        assertEquals("world", bob.text());
    }

    @Test
    void randomHostileOps_neverThrow() {
        Random random = new Random(11); // test data only
        for (int round = 0; round < 500; round++) {
            TextDocument honest = new TextDocument(ALICE);
            List<TextOp> ops = new ArrayList<>();
            ops.add(honest.insert(0, "hello world"));
            ops.addAll(honest.delete(2, 3));
            for (int i = 0; i < 30; i++) {
                ReplicaId replica = random.nextBoolean() ? ALICE : MALLORY;
                CharId left = random.nextInt(4) == 0 ? null : new CharId(random.nextBoolean() ? ALICE : MALLORY,
                        random.nextInt(14));
                CharId right = random.nextInt(4) == 0 ? null : new CharId(random.nextBoolean() ? ALICE : MALLORY,
                        random.nextInt(14));
                ops.add(random.nextBoolean()
                        ? new TextOp.Insert(replica, random.nextInt(14), left, right, "zz".substring(random.nextInt(2)))
                        : new TextOp.Delete(replica, random.nextInt(14), 1 + random.nextInt(5)));
            }
            Collections.shuffle(ops, random);
            TextDocument victim = new TextDocument(ReplicaId.of(new byte[] {9}));
            for (TextOp op : ops) {
                victim.apply(List.of(op));
            }
            victim.text();
            victim.encodeState();
        }
    }

    @Test
    void negativeVarints_areRefused() {
        // version 1, replica count = a 10-byte varint with bit 63 set.
        byte[] negativeCount = {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
        assertThrows(InvalidMessageException.class, () -> TextOpCodec.decode(negativeCount));
        assertThrows(InvalidMessageException.class,
                () -> TextDocument.decodeState(negativeCount, ReplicaId.of(new byte[] {3})));
    }
}
