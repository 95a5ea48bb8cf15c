package dev.vellum.client.crdt;

import com.fasterxml.jackson.databind.JsonNode;
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
