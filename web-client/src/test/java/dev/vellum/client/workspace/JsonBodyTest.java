package dev.vellum.client.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    @Test
    void writesBinaryAsBase64Url_arraysNumbersAndANestedObject() {
        String body = JsonBody.object()
                .put("entries", List.of(new byte[] {0, 1}, new byte[] {(byte) 0xff}))
                .put("revision", 7)
                .put("welcome", JsonBody.object().put("invitationId", "AbC_-").put("sealed", new byte[] {2}))
                .toString();
        assertEquals("{\"entries\":[\"AAE\",\"_w\"],\"revision\":7,"
                + "\"welcome\":{\"invitationId\":\"AbC_-\",\"sealed\":\"Ag\"}}", body);
    }

    @Test
    void refusesTextItWouldHaveToEscape() {
        assertThrows(IllegalArgumentException.class, () -> JsonBody.object().put("name", "a\"b"));
        assertThrows(IllegalArgumentException.class, () -> JsonBody.object().put("name", "caf\u00e9"));
    }
}
