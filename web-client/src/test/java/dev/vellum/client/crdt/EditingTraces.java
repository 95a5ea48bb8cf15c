package dev.vellum.client.crdt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.client.crdt.trace.EditTrace;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Loads the editing traces of josephg/editing-traces (CC BY 4.0, see src/test/resources/traces/README.md), from the
 * test resources by name or from any file path.
 */
public final class EditingTraces {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EditingTraces() {
    }

    public static JsonNode load(String nameOrPath) {
        try (InputStream raw = open(nameOrPath); InputStream in = new GZIPInputStream(raw)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static InputStream open(String nameOrPath) throws IOException {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            return Files.newInputStream(path);
        }
        InputStream resource = EditingTraces.class.getResourceAsStream("/traces/" + nameOrPath);
        if (resource == null) {
            throw new IllegalArgumentException("no trace " + nameOrPath);
        }
        return resource;
    }
}
