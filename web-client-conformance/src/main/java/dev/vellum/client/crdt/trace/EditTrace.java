package dev.vellum.client.crdt.trace;

/**
 * An editing trace in the josephg/editing-traces format, flattened into arrays so it crosses from JavaScript into
 * WebAssembly in a few copies rather than one call per keystroke.
 *
 * <p>Patch {@code i} deletes {@code deletes[i]} characters at {@code positions[i]}, then inserts the next
 * {@code insertLengths[i]} characters of {@code inserts}. A sequential trace is one transaction by agent 0 holding
 * every patch. In a concurrent trace, transaction {@code t} by agent {@code agents[t]} holds {@code patchCounts[t]}
 * patches and comes after the {@code parentCounts[t]} transactions listed next in {@code parents}.
 */
public record EditTrace(int agentCount, int[] positions, int[] deletes, int[] insertLengths, String inserts,
                        int[] agents, int[] patchCounts, int[] parentCounts, int[] parents) {

    /** A trace with one author whose patches apply in order. */
    public static EditTrace sequential(int[] positions, int[] deletes, int[] insertLengths, String inserts) {
        return new EditTrace(1, positions, deletes, insertLengths, inserts, new int[] {0},
                new int[] {positions.length}, new int[] {0}, new int[0]);
    }

    public int patchCount() {
        return positions.length;
    }
}
