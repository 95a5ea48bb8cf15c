package dev.vellum.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.bouncycastle.util.encoders.Hex;

/** Loads JSON test vectors from {@code src/test/resources/testvectors/}. */
public final class TestVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {
    }

    public static JsonNode load(String path) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/testvectors/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(JsonNode node, String field) {
        return Hex.decode(node.get(field).asText());
    }
}
