package dev.vellum.client.crdt.trace;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays an {@link EditTrace} through {@link TextDocument}s, one replica per agent. Before each transaction, its
 * agent's replica receives exactly the other agents' transactions that the trace lists as causally before it, so
 * every position means what it meant to the person typing. At the end every replica receives everything.
 */
public final class TraceReplayer {
    private TraceReplayer() {
    }

    /** Returns the replicas, one per agent, after the whole trace. */
    public static List<TextDocument> replay(EditTrace trace) {
        int agents = trace.agentCount();
        int txnCount = trace.agents().length;
        int[][] version = new int[txnCount][];
        List<List<TextOp>> opsOf = new ArrayList<>(txnCount);
        List<List<Integer>> txnsByAgent = new ArrayList<>();
        List<TextDocument> replicas = new ArrayList<>();
        int[][] applied = new int[agents][agents];
        for (int a = 0; a < agents; a++) {
            txnsByAgent.add(new ArrayList<>());
            replicas.add(new TextDocument(ReplicaId.of(new byte[] {(byte) (a >> 8), (byte) a, 'v'})));
        }
        int patch = 0;
        int insertAt = 0;
        int parentAt = 0;
        for (int t = 0; t < txnCount; t++) {
            int agent = trace.agents()[t];
            int[] before = new int[agents];
            for (int p = 0; p < trace.parentCounts()[t]; p++) {
                int[] parentVersion = version[trace.parents()[parentAt++]];
                for (int a = 0; a < agents; a++) {
                    before[a] = Math.max(before[a], parentVersion[a]);
                }
            }
            TextDocument replica = replicas.get(agent);
            if (agents > 1) {
                catchUp(replica, applied[agent], before, agent, txnsByAgent, opsOf);
            }
            List<TextOp> ops = agents > 1 ? new ArrayList<>() : null;
            for (int p = 0; p < trace.patchCounts()[t]; p++, patch++) {
                int length = trace.insertLengths()[patch];
                String text = trace.inserts().substring(insertAt, insertAt + length);
                insertAt += length;
                List<TextOp> patchOps = replica.replace(trace.positions()[patch], trace.deletes()[patch], text);
                if (ops != null) {
                    ops.addAll(patchOps);
                }
            }
            opsOf.add(ops);
            txnsByAgent.get(agent).add(t);
            applied[agent][agent]++;
            before[agent]++;
            version[t] = before;
        }
        if (agents > 1) {
            int[] all = new int[agents];
            for (int a = 0; a < agents; a++) {
                all[a] = txnsByAgent.get(a).size();
            }
            for (int a = 0; a < agents; a++) {
                catchUp(replicas.get(a), applied[a], all, a, txnsByAgent, opsOf);
            }
        }
        return replicas;
    }

    /** Applies, in trace order, the other agents' transactions below {@code target} that the replica lacks. */
    private static void catchUp(TextDocument replica, int[] applied, int[] target, int self,
                                List<List<Integer>> txnsByAgent, List<List<TextOp>> opsOf) {
        List<Integer> missing = new ArrayList<>();
        for (int a = 0; a < applied.length; a++) {
            if (a == self) {
                continue;
            }
            for (int k = applied[a]; k < target[a]; k++) {
                missing.add(txnsByAgent.get(a).get(k));
            }
            applied[a] = Math.max(applied[a], target[a]);
        }
        missing.sort(null);
        for (int t : missing) {
            replica.apply(opsOf.get(t));
        }
    }
}
