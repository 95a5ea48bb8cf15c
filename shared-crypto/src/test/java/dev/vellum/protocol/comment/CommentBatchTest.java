package dev.vellum.protocol.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentBatchTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final long NOW = 1_790_000_000_000L;

    private final NoteId noteId = NoteId.random(RANDOM);
    private final IdentityKeyPair author = IdentityKeyPair.generate(RANDOM);
    private final CommentRecord small = CommentRecord.sign(
            CommentDraft.resolve(noteId, CommentId.random(RANDOM), 1, NOW, "", RANDOM), author, null);
    private final CommentRecord largest = CommentRecord.sign(CommentDraft.post(noteId,
            new CommentAnchor(new byte[255], 1, new byte[255], 2, "€".repeat(200)), "é".repeat(10_000), 2, NOW,
            "ü".repeat(30), RANDOM), author, null);

    @Test
    void encodeThenParse_givesTheRecordsInOrder() throws Exception {
        CommentRecord reply = CommentRecord.sign(CommentDraft.reply(noteId, largest.threadId(), largest.recordId(),
                "reply", 3, NOW, "", RANDOM), author, null);
        List<CommentRecord> records = List.of(largest, small, reply);

        assertEquals(records, CommentBatch.parse(CommentBatch.encode(records)));
    }

    @Test
    void sixtyFourRecords_fit_andSixtyFiveDoNot() throws Exception {
        List<CommentRecord> full = Collections.nCopies(CommentBatch.MAX_RECORDS, small);
        assertEquals(full, CommentBatch.parse(CommentBatch.encode(full)));

        List<CommentRecord> tooMany = Collections.nCopies(CommentBatch.MAX_RECORDS + 1, small);
        assertThrows(IllegalArgumentException.class, () -> CommentBatch.encode(tooMany));
        assertThrows(InvalidMessageException.class, () -> CommentBatch.parse(raw(tooMany)));
        assertThrows(IllegalArgumentException.class, () -> CommentBatch.encode(List.of()));
        assertThrows(InvalidMessageException.class, () -> CommentBatch.parse(raw(List.of())));
    }

    @Test
    void batchesAbove256KiB_areRefused() throws Exception {
        assertEquals(CommentRecord.MAX_LENGTH - 250, largest.length(), "the largest record but its certificate");
        List<CommentRecord> twelve = Collections.nCopies(12, largest);
        List<CommentRecord> thirteen = Collections.nCopies(13, largest);
        assertEquals(twelve, CommentBatch.parse(CommentBatch.encode(twelve)));

        assertTrue(raw(thirteen).length > CommentBatch.MAX_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> CommentBatch.encode(thirteen));
        assertThrows(InvalidMessageException.class, () -> CommentBatch.parse(raw(thirteen)));
    }

    @Test
    void split_cutsByCountAndBySize_keepingTheOrder() {
        List<CommentRecord> many = new ArrayList<>(Collections.nCopies(130, small));
        many.add(0, largest);
        List<List<CommentRecord>> byCount = CommentBatch.split(many);
        assertEquals(List.of(64, 64, 3), byCount.stream().map(List::size).toList());
        assertEquals(largest, byCount.get(0).get(0));

        List<List<CommentRecord>> bySize = CommentBatch.split(Collections.nCopies(25, largest));
        assertEquals(List.of(12, 12, 1), bySize.stream().map(List::size).toList());
        for (List<CommentRecord> batch : bySize) {
            assertTrue(CommentBatch.encode(batch).length <= CommentBatch.MAX_LENGTH);
        }
        assertEquals(List.of(), CommentBatch.split(List.of()));
    }

    @Test
    void aTruncatedOrPaddedBatch_isRefused() {
        byte[] encoded = CommentBatch.encode(List.of(small, small));
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        byte[] padded = java.util.Arrays.copyOf(encoded, encoded.length + 1);

        assertThrows(InvalidMessageException.class, () -> CommentBatch.parse(truncated));
        assertThrows(InvalidMessageException.class, () -> CommentBatch.parse(padded));
        assertThrows(InvalidMessageException.class, () -> CommentBatch.parse(new byte[0]));
    }

    /** The batch layout written without {@link CommentBatch#encode}'s limits. */
    private static byte[] raw(List<CommentRecord> records) {
        ByteWriter out = new ByteWriter().writeShort(records.size());
        for (CommentRecord record : records) {
            out.writeInt(record.length()).writeBytes(record.encode());
        }
        return out.toByteArray();
    }
}
