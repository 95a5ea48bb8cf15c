package dev.vellum.client.crdt.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.client.crdt.EditingTraces;
import dev.vellum.client.crdt.TextDocument;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real people's editing histories replayed through the CRDT must give exactly the recorded final text. */
class TraceReplayTest {
    @ParameterizedTest
    @ValueSource(strings = {"automerge-paper.json.gz", "seph-blog1.json.gz", "rustcode.json.gz",
        "friendsforever-concurrent.json.gz"})
    void trace_givesEndContentOnEveryReplica(String name) {
        JsonNode trace = EditingTraces.load(name);

        List<TextDocument> replicas = TraceReplayer.replay(EditTraceJson.flatten(trace));

        for (int agent = 0; agent < replicas.size(); agent++) {
            assertEquals(trace.get("endContent").asText(), replicas.get(agent).text(), "replica of agent " + agent);
        }
    }
}
