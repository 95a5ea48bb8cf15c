package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real people's editing histories replayed through the CRDT must give exactly the recorded final text. */
class TraceReplayTest {
    @ParameterizedTest
    @ValueSource(strings = {"automerge-paper.json.gz", "seph-blog1.json.gz", "rustcode.json.gz"})
    void sequentialTrace_givesEndContent(String name) {
        JsonNode trace = EditingTraces.load(name);
        TextDocument doc = new TextDocument(ReplicaId.of(new byte[] {1}));
        for (JsonNode txn : trace.get("txns")) {
            for (JsonNode patch : txn.get("patches")) {
                doc.replace(patch.get(0).asInt(), patch.get(1).asInt(), patch.get(2).asText());
            }
        }

        assertEquals(trace.get("endContent").asText(), doc.text());
    }

    /**
     * Each agent types into its own replica; before a transaction, its replica receives exactly the other agents'
     * transactions that the trace lists as causally before it, so positions mean what they meant to that person.
     */
    @Test
    void concurrentTrace_givesEndContentOnEveryReplica() {
        JsonNode trace = EditingTraces.load("friendsforever-concurrent.json.gz");
        int agents = trace.get("numAgents").asInt();
        JsonNode txns = trace.get("txns");
        int count = txns.size();
        // version[t][a]: how many of agent a's transactions the state after t includes.
        int[][] version = new int[count][];
        List<List<TextOp>> opsOf = new ArrayList<>();
        List<List<Integer>> txnsByAgent = new ArrayList<>();
        List<TextDocument> replicas = new ArrayList<>();
        int[][] applied = new int[agents][agents];
        for (int a = 0; a < agents; a++) {
            txnsByAgent.add(new ArrayList<>());
            replicas.add(new TextDocument(ReplicaId.of(new byte[] {(byte) (a + 1)})));
        }
        for (int t = 0; t < count; t++) {
            JsonNode txn = txns.get(t);
            int agent = txn.get("agent").asInt();
            int[] before = new int[agents];
            for (JsonNode parent : txn.get("parents")) {
                for (int a = 0; a < agents; a++) {
                    before[a] = Math.max(before[a], version[parent.asInt()][a]);
                }
            }
            TextDocument replica = replicas.get(agent);
            catchUp(replica, applied[agent], before, agent, txnsByAgent, opsOf);
            List<TextOp> ops = new ArrayList<>();
            for (JsonNode patch : txn.get("patches")) {
                ops.addAll(replica.replace(patch.get(0).asInt(), patch.get(1).asInt(), patch.get(2).asText()));
            }
            opsOf.add(ops);
            txnsByAgent.get(agent).add(t);
            applied[agent][agent]++;
            version[t] = before.clone();
            version[t][agent] = before[agent] + 1;
        }
        int[] all = new int[agents];
        for (int a = 0; a < agents; a++) {
            all[a] = txnsByAgent.get(a).size();
        }
        for (int a = 0; a < agents; a++) {
            catchUp(replicas.get(a), applied[a], all, a, txnsByAgent, opsOf);
            assertEquals(trace.get("endContent").asText(), replicas.get(a).text(), "replica of agent " + a);
        }
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
