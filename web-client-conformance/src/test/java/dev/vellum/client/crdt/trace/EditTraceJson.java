package dev.vellum.client.crdt.trace;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a josephg/editing-traces JSON trace (loaded by {@code EditingTraces}) into the {@link EditTrace} arrays. */
public final class EditTraceJson {
    private EditTraceJson() {
    }

    /**
     * Flattens a trace (sequential or concurrent, told apart by its {@code kind}) into an {@link EditTrace}.
     * Concurrent traces keep their transactions; a sequential one becomes one transaction by agent 0.
     */
    public static EditTrace flatten(JsonNode trace) {
        boolean concurrent = "concurrent".equals(trace.path("kind").asText());
        JsonNode txns = trace.get("txns");
        IntList positions = new IntList();
        IntList deletes = new IntList();
        IntList insertLengths = new IntList();
        StringBuilder inserts = new StringBuilder();
        IntList agents = new IntList();
        IntList patchCounts = new IntList();
        IntList parentCounts = new IntList();
        IntList parents = new IntList();
        for (JsonNode txn : txns) {
            for (JsonNode patch : txn.get("patches")) {
                positions.add(patch.get(0).asInt());
                deletes.add(patch.get(1).asInt());
                String text = patch.get(2).asText();
                insertLengths.add(text.length());
                inserts.append(text);
            }
            if (concurrent) {
                agents.add(txn.get("agent").asInt());
                patchCounts.add(txn.get("patches").size());
                parentCounts.add(txn.get("parents").size());
                for (JsonNode parent : txn.get("parents")) {
                    parents.add(parent.asInt());
                }
            }
        }
        if (!concurrent) {
            return EditTrace.sequential(positions.toArray(), deletes.toArray(), insertLengths.toArray(),
                    inserts.toString());
        }
        return new EditTrace(trace.get("numAgents").asInt(), positions.toArray(), deletes.toArray(),
                insertLengths.toArray(), inserts.toString(), agents.toArray(), patchCounts.toArray(),
                parentCounts.toArray(), parents.toArray());
    }

    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

}
