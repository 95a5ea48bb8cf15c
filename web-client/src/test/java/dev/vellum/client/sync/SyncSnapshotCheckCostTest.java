package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.client.crdt.EditingTraces;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What checking snapshots costs a reader on a real editing history: the automerge-paper trace (259,778 edits, a
 * 104,852-character result), sent as items of 100 edits each, with a snapshot every {@link SyncTunables#SNAPSHOT_EVERY}
 * items, as the app makes them. Every snapshot must match, and the cost is printed beside the reader's own cost of
 * applying the same items (the figures quoted in docs/threat-model.md come from here).
 */
class SyncSnapshotCheckCostTest {
    private static final int EDITS_PER_ITEM = 100;

    @Test
    void automergePaper_everySnapshotMatches_andTheCheckCostIsMeasured() {
        JsonNode trace = EditingTraces.load("automerge-paper.json.gz");
        TextDocument writer = new TextDocument(ReplicaId.of(new byte[] {1}));
        List<List<TextOp>> items = new ArrayList<>();
        List<TextOp> batch = new ArrayList<>();
        for (JsonNode txn : trace.get("txns")) {
            for (JsonNode patch : txn.get("patches")) {
                batch.addAll(writer.replace(patch.get(0).asInt(), patch.get(1).asInt(), patch.get(2).asText()));
                if (batch.size() >= EDITS_PER_ITEM) {
                    items.add(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        items.add(batch);

        IdentityKeyId author = IdentityKeyId.fromBytes(new byte[16]);
        TextDocument reader = new TextDocument(ReplicaId.of(new byte[] {2}));
        TextDocument snapshotAuthor = new TextDocument(ReplicaId.of(new byte[] {3}));
        SnapshotAudit audit = new SnapshotAudit();
        AuthorChains chains = new AuthorChains();
        long applyNanos = 0;
        long checkNanos = 0;
        long worstCheckNanos = 0;
        int checks = 0;
        for (int i = 0; i < items.size(); i++) {
            long sequence = i + 1;
            UpdateHash hash = hash(sequence);
            long start = System.nanoTime();
            reader.apply(items.get(i));
            applyNanos += System.nanoTime() - start;
            start = System.nanoTime();
            audit.record(author, sequence, hash, items.get(i));
            checkNanos += System.nanoTime() - start;
            snapshotAuthor.apply(items.get(i));
            chains.advance(author, sequence, hash);
            if (sequence % SyncTunables.SNAPSHOT_EVERY == 0 || i == items.size() - 1) {
                SnapshotBody body = new SnapshotBody(0, "Author", chains.copy(), snapshotAuthor.encodeState());
                start = System.nanoTime();
                SnapshotAudit.Verdict verdict = audit.check(body);
                long took = System.nanoTime() - start;
                assertEquals(SnapshotAudit.Verdict.MATCHES, verdict, "snapshot at item " + sequence);
                checkNanos += took;
                worstCheckNanos = Math.max(worstCheckNanos, took);
                checks++;
            }
        }
        assertEquals(trace.get("endContent").asText(), reader.text());
        byte[] finalState = snapshotAuthor.encodeState();
        long decodeNanos = Long.MAX_VALUE;
        long textNanos = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            String decoded = decode(finalState).text();
            decodeNanos = Math.min(decodeNanos, System.nanoTime() - start);
            start = System.nanoTime();
            String read = textOf(finalState);
            textNanos = Math.min(textNanos, System.nanoTime() - start);
            assertEquals(decoded, read, "the text read from the bytes is the decoded document's");
        }
        System.out.printf(Locale.ROOT, "automerge-paper final state (%,d bytes): decoding %.1f ms, reading its text "
                + "%.1f ms (best of 3)%n", finalState.length, decodeNanos / 1e6, textNanos / 1e6);
        System.out.printf(Locale.ROOT, "automerge-paper, %d items of %d edits, %d snapshot checks: applying %.0f ms, "
                + "checking %.0f ms in all (%.1f ms a check on average, %.1f ms at worst, on the final text)%n",
                items.size(), EDITS_PER_ITEM, checks, applyNanos / 1e6, checkNanos / 1e6, checkNanos / 1e6 / checks,
                worstCheckNanos / 1e6);
    }

    private static TextDocument decode(byte[] state) {
        try {
            return TextDocument.decodeState(state, ReplicaId.of(new byte[] {9}));
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static String textOf(byte[] state) {
        try {
            return TextDocument.textOfState(state);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static UpdateHash hash(long seed) {
        byte[] bytes = new byte[UpdateHash.LENGTH];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (seed >>> (8 * i));
        }
        return UpdateHash.fromBytes(bytes);
    }
}
