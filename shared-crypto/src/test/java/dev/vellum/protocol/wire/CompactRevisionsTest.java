package dev.vellum.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.FrameMutator;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestAuthor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactRevisionsTest {
    private static final byte[] BODY = new byte[225];

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    /** Sends {@code items} through a server's encoder and a client's decoder, as one connection. */
    private static List<byte[]> encodeAll(CompactRevisions server, List<NoteItem> items) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            frames.add(server.encode(i + 1, items.get(i)));
        }
        return frames;
    }

    private static NoteItem stored(TestAuthor author, NoteItem item) {
        return author.stored(item);
    }

    private List<NoteItem> interleavedHistory(int authors, int perAuthor) {
        List<TestAuthor> writers = new ArrayList<>();
        for (int a = 0; a < authors; a++) {
            writers.add(new TestAuthor(keys, random));
        }
        List<NoteItem> items = new ArrayList<>();
        for (int i = 0; i < perAuthor; i++) {
            for (TestAuthor writer : writers) {
                NoteItem item = switch (i % 3) {
                    case 0 -> writer.nextUpdate(BODY);
                    case 1 -> writer.nextCommentItem(new byte[] {1, 2, 3});
                    default -> writer.nextSnapshot(items.size(), new byte[400]);
                };
                items.add(stored(writer, item));
            }
        }
        return items;
    }

    private static void assertRebuildsEveryItem(List<NoteItem> items, List<byte[]> frames) throws Exception {
        CompactRevisions client = new CompactRevisions();
        for (int i = 0; i < items.size(); i++) {
            Frame.Revision revision = assertInstanceOf(Frame.Revision.class, client.decodeFrame(frames.get(i)));
            assertEquals(i + 1, revision.revision());
            assertArrayEquals(items.get(i).encode(), revision.item().encode(), "item " + i);
            revision.item().verifyForStorage();
        }
    }

    @Test
    void decode_rebuildsTheExactBytesOfEveryKindAndAuthor() throws Exception {
        List<NoteItem> items = interleavedHistory(3, 7);
        assertRebuildsEveryItem(items, encodeAll(new CompactRevisions(), items));
    }

    @Test
    void decode_rebuildsAnAccountDevicesItemWithItsCertificate() throws Exception {
        TestAccount account = new TestAccount("alice", "correct horse battery staple");
        NoteItemCipher device = new NoteItemCipher(keys, account.device, account.certificate, random);
        NoteItem first = device.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, BODY);
        NoteItem second = device.seal(NoteItemKind.UPDATE, 0, 2, first.hash(), BODY);
        List<NoteItem> items = List.of(first, second);
        List<byte[]> frames = encodeAll(new CompactRevisions(), items);
        assertRebuildsEveryItem(items, frames);
        int certificate = first.credential().length() + 2;
        int fullFrame = FrameCodec.encode(new Frame.Revision(2, second)).length;
        assertEquals(fullFrame - 201 - certificate, frames.get(1).length, "the certificate is sent once");
    }

    @Test
    void encode_leavesOutWhatTheReaderKnows_onceTheAuthorAndContextWereSent() {
        TestAuthor author = new TestAuthor(keys, random);
        NoteItem first = stored(author, author.nextUpdate(BODY));
        NoteItem second = stored(author, author.nextUpdate(BODY));
        CompactRevisions server = new CompactRevisions();
        byte[] firstFrame = server.encode(1, first);
        byte[] secondFrame = server.encode(2, second);
        int fullFrame = FrameCodec.encode(new Frame.Revision(2, second)).length;
        // The first carries its author and context, and its chain: about as big as a full frame.
        assertTrue(firstFrame.length <= fullFrame + 2, firstFrame.length + " vs " + fullFrame);
        // Left out of the second: versions (2), covers (8), keys (64), ids (32), epoch (4), key id (16), sequence
        // (8), previous hash (32), body length (4), write key (32); a slot byte is added (the flags byte takes the
        // kind byte's place).
        assertEquals(fullFrame - 202 + 1, secondFrame.length);
    }

    @Test
    void encode_sendsTheChainExplicitly_whenAnItemDoesNotContinueTheLastOneSent() throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        NoteItem first = stored(author, author.nextUpdate(BODY));
        stored(author, author.nextUpdate(BODY)); // never reaches this connection (covered by a snapshot, say)
        NoteItem third = stored(author, author.nextUpdate(BODY));
        List<NoteItem> items = List.of(first, third);
        assertRebuildsEveryItem(items, encodeAll(new CompactRevisions(), items));
    }

    @Test
    void moreAuthorsThanSlots_replaceTheOldestAndStillRebuildExactly() throws Exception {
        List<NoteItem> items = interleavedHistory(CompactRevisions.AUTHOR_SLOTS + 5, 3);
        assertRebuildsEveryItem(items, encodeAll(new CompactRevisions(), items));
    }

    @Test
    void aServerThatChangesTheOmittedContext_makesTheAuthorsSignatureFail() throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        NoteItem first = stored(author, author.nextUpdate(BODY));
        NoteItem second = stored(author, author.nextUpdate(BODY));
        CompactRevisions server = new CompactRevisions();
        byte[] firstFrame = server.encode(1, first);
        byte[] secondFrame = server.encode(2, second);
        // The first frame's context: after version, type, revision (8), flags, author entry (1 + 64 + 16).
        int contextOffset = 2 + 8 + 1 + 81;
        for (int offset : new int[] {contextOffset, contextOffset + 16, contextOffset + 32}) {
            byte[] lying = firstFrame.clone();
            lying[offset] ^= 1; // workspace id, document id, epoch
            CompactRevisions client = new CompactRevisions();
            NoteItem rebuilt = ((Frame.Revision) client.decodeFrame(lying)).item();
            assertThrows(InvalidSignatureException.class,
                    () -> rebuilt.envelope().verifySignature(rebuilt.author()), "offset " + offset);
            // And it goes on into the next item, whose omitted context is the wrong one too.
            NoteItem next = ((Frame.Revision) client.decodeFrame(secondFrame)).item();
            assertThrows(InvalidSignatureException.class, () -> next.envelope().verifySignature(next.author()));
        }
        byte[] wrongWriteKey = firstFrame.clone();
        wrongWriteKey[contextOffset + 36] ^= 1;
        NoteItem rebuilt = ((Frame.Revision) new CompactRevisions().decodeFrame(wrongWriteKey)).item();
        assertThrows(InvalidSignatureException.class, rebuilt::verifyForStorage);
    }

    @Test
    void aServerThatNamesAnotherAuthorsSlot_makesTheSignatureFail() throws Exception {
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);
        List<NoteItem> items = List.of(stored(alice, alice.nextUpdate(BODY)), stored(bob, bob.nextUpdate(BODY)),
                stored(alice, alice.nextUpdate(BODY)));
        List<byte[]> frames = encodeAll(new CompactRevisions(), items);
        byte[] third = frames.get(2).clone();
        int slotOffset = 2 + 8 + 1;
        assertEquals(0, third[slotOffset]);
        third[slotOffset] = 1; // bob's slot for alice's item
        third[slotOffset - 1] |= 0x10; // with the chain given, so that only the author is wrong
        byte[] explicit = new byte[third.length + 40];
        System.arraycopy(third, 0, explicit, 0, slotOffset + 1);
        System.arraycopy(longBytes(2), 0, explicit, slotOffset + 1, 8);
        System.arraycopy(items.get(0).hash().toBytes(), 0, explicit, slotOffset + 9, 32);
        System.arraycopy(third, slotOffset + 1, explicit, slotOffset + 41, third.length - slotOffset - 1);
        CompactRevisions client = new CompactRevisions();
        client.decodeFrame(frames.get(0));
        client.decodeFrame(frames.get(1));
        NoteItem forged = ((Frame.Revision) client.decodeFrame(explicit)).item();
        assertThrows(InvalidSignatureException.class, () -> forged.envelope().verifySignature(forged.author()));
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>= 8;
        }
        return bytes;
    }

    @Test
    void framesThatNameStateTheConnectionDoesNotHold_areRefused_andChangeNothing() throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        List<NoteItem> items = List.of(stored(author, author.nextUpdate(BODY)), stored(author, author.nextUpdate(BODY)));
        List<byte[]> frames = encodeAll(new CompactRevisions(), items);
        CompactRevisions client = new CompactRevisions();
        // The second frame alone: its author slot, context and chain were never sent on this connection.
        InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                () -> client.decodeFrame(frames.get(1)));
        assertTrue(refused.getMessage().contains("slot"), refused.getMessage());
        assertRebuildsEveryItem(items, frames);
        Frame.Revision first = (Frame.Revision) client.decodeFrame(frames.get(0));
        assertArrayEquals(items.get(0).encode(), first.item().encode());
    }

    @Test
    void fullFramesStillDecode_andTheStatelessCodecRefusesACompactOne() throws Exception {
        NoteItem item = new TestAuthor(keys, random).nextUpdate(BODY);
        byte[] full = FrameCodec.encode(new Frame.Revision(4, item));
        assertEquals(new Frame.CaughtUp(9), new CompactRevisions().decodeFrame(FrameCodec.encode(new Frame.CaughtUp(9))));
        assertArrayEquals(item.encode(),
                ((Frame.Revision) new CompactRevisions().decodeFrame(full)).item().encode());
        byte[] compact = new CompactRevisions().encode(4, item);
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(compact));
    }

    /**
     * Mutated compact frames, each fed to a client that decoded the valid frames before it: every one decodes or is
     * refused with a parse exception, never another exception.
     */
    @Test
    void mutatedCompactFrames_onlyEverDecodeOrThrowAParseException() {
        List<NoteItem> items = interleavedHistory(3, 3);
        List<byte[]> frames = encodeAll(new CompactRevisions(), items);
        Set<Class<?>> refusals = Set.of(InvalidMessageException.class, UnsupportedVersionException.class,
                UnknownFrameTypeException.class);
        FrameMutator mutator = new FrameMutator(0xc0_4ac7L);
        List<String> unexpected = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 30_000; i++) {
            int target = i % frames.size();
            CompactRevisions client = new CompactRevisions();
            try {
                for (int j = 0; j < target; j++) {
                    client.decodeFrame(frames.get(j));
                }
            } catch (InvalidMessageException e) {
                throw new AssertionError(e);
            }
            byte[] input = mutator.mutate(frames.get(target));
            try {
                client.decodeFrame(input);
            } catch (Throwable thrown) {
                refused++;
                if (!refusals.contains(thrown.getClass()) && unexpected.size() < 10) {
                    unexpected.add("mutation " + i + " of frame " + target + ": " + thrown + " "
                            + Arrays.toString(Arrays.copyOf(thrown.getStackTrace(), 3)));
                }
            }
        }
        assertEquals(List.of(), unexpected);
        assertTrue(refused > 30_000 / 10, "many mutations should be refused: " + refused);
    }
}
