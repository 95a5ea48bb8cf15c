package dev.vellum.protocol.comment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.testing.FrameMutator;
import dev.vellum.testing.TestVectors;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * The comment parsers fed mutations of valid records and batches with a fixed seed: each input is either refused
 * with an {@link InvalidMessageException}, never another exception, or it parses to a record whose encoding is the
 * input itself, so that every accepted record has exactly one encoding (what equality, signatures and the merge
 * rules' tie-break by bytes rely on).
 */
class CommentParseFuzzTest {
    private static final long SEED = 0xc0_33e47L;
    private static final int RECORD_MUTATIONS = 10_000;
    private static final int BATCH_MUTATIONS = 1_000;
    private static final JsonNode VECTORS = TestVectors.load("vellum/comments-v1.json");

    @Test
    void mutatedRecords_areRefusedOrParseToThemselves() {
        FrameMutator mutator = new FrameMutator(SEED);
        byte[][] seeds = encodings(VECTORS.get("records"));
        int parsed = 0;
        for (int i = 0; i < RECORD_MUTATIONS; i++) {
            byte[] input = mutator.mutateOneOf(seeds);
            try {
                assertArrayEquals(input, CommentRecord.parse(input).encode(), () -> "not canonical: "
                        + Hex.toHexString(input));
                parsed++;
            } catch (InvalidMessageException refused) {
                // refused, as most are
            } catch (RuntimeException e) {
                throw new AssertionError("parse threw " + e + " for " + Hex.toHexString(input), e);
            }
        }
        assertTrue(parsed > 0, "no mutation parsed: the mutator never reached the signature or a free field");
    }

    @Test
    void mutatedBatches_areRefusedOrParse() {
        FrameMutator mutator = new FrameMutator(SEED + 1);
        byte[][] seeds = encodings(VECTORS.get("batches"));
        for (int i = 0; i < BATCH_MUTATIONS; i++) {
            byte[] input = mutator.mutateOneOf(seeds);
            try {
                List<CommentRecord> records = CommentBatch.parse(input);
                assertArrayEquals(input, CommentBatch.encode(records));
            } catch (InvalidMessageException refused) {
                // refused
            } catch (RuntimeException e) {
                throw new AssertionError("parse threw " + e + " for " + Hex.toHexString(input), e);
            }
        }
    }

    private static byte[][] encodings(JsonNode vectors) {
        List<byte[]> out = new ArrayList<>();
        vectors.forEach(v -> out.add(Hex.decode(v.get("encoded").asText())));
        return out.toArray(byte[][]::new);
    }
}
