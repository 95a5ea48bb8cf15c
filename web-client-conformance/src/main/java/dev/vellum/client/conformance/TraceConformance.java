package dev.vellum.client.conformance;

import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.trace.EditTrace;
import dev.vellum.client.crdt.trace.TraceReplayer;
import java.util.List;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * Editing traces replayed through the text CRDT as {@link ConformanceExports} exports them, so the browser tests and
 * benchmarks can compare the WebAssembly build's merges with the JVM's.
 */
final class TraceConformance {
    private static int lastEncodedSize;

    private TraceConformance() {
    }

    /**
     * Replays an editing trace (see {@link EditTrace}), one replica per agent; the final text if every replica agrees,
     * or null. A concurrent trace passes its transactions; a sequential one passes null for them.
     */
    static String replay(int agentCount, Int32Array positions, Int32Array deletes, Int32Array insertLengths,
                         String inserts, Int32Array agents, Int32Array patchCounts, Int32Array parentCounts,
                         Int32Array parents) {
        EditTrace trace = agents == null
                ? EditTrace.sequential(positions.copyToJavaArray(), deletes.copyToJavaArray(),
                        insertLengths.copyToJavaArray(), inserts)
                : new EditTrace(agentCount, positions.copyToJavaArray(), deletes.copyToJavaArray(),
                        insertLengths.copyToJavaArray(), inserts, agents.copyToJavaArray(),
                        patchCounts.copyToJavaArray(), parentCounts.copyToJavaArray(), parents.copyToJavaArray());
        List<TextDocument> replicas = TraceReplayer.replay(trace);
        String text = replicas.get(0).text();
        for (TextDocument replica : replicas) {
            if (!replica.text().equals(text)) {
                return null;
            }
        }
        lastEncodedSize = replicas.get(0).encodeState().length;
        return text;
    }

    /** Bytes of the encoded state of the last replayed trace's first replica. */
    static int lastEncodedSize() {
        return lastEncodedSize;
    }
}
