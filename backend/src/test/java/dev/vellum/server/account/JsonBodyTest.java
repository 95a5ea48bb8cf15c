package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JsonBody's refusals say where the JSON went wrong, in bytes from the start. */
class JsonBodyTest {
    private static ApiError refusal(String body) {
        return assertThrows(ApiError.class,
                () -> JsonBody.parse(body.getBytes(StandardCharsets.UTF_8), Set.of("username")));
    }

    @Test
    void invalidJson_isRefused_withTheByteWhereItWentWrong() {
        assertEquals("The request body is not valid JSON (at byte 13).", refusal("{\"username\": }").getMessage());
        assertEquals("The request body is not valid JSON (at byte 26): a field appears twice.",
                refusal("{\"username\":\"a\",\"username\":\"b\"}").getMessage());
    }

    private static JsonBody shaped(String body) throws ApiError {
        return JsonBody.parse(body.getBytes(StandardCharsets.UTF_8),
                new JsonBody.Shape(Set.of("list", "count"), Set.of("extra")));
    }

    @Test
    void shapedBodies_readArraysNumbersAndOneNestedObject_andRefuseWhatDoesNotFit() throws ApiError {
        JsonBody body = shaped("{\"list\": [\"AQI\", \"Aw\"], \"count\": 7, \"extra\": {\"a\": \"b\"}}");
        assertEquals(2, body.byteList("list", 2, 2).size());
        assertEquals(7, body.number("count", 10));
        assertEquals("b", body.object("extra", Set.of("a")).text("a"));
        assertEquals("Field \"list\" may hold at most 1 items.",
                assertThrows(ApiError.class, () -> body.byteList("list", 1, 2)).getMessage());
        assertThrows(ApiError.class, () -> body.number("count", 6));
        assertThrows(ApiError.class, () -> body.object("extra", Set.of("a", "b")));
        assertThrows(ApiError.class, () -> body.text("count"));

        assertFalse(shaped("{\"list\": [], \"count\": 0}").has("extra"));
        assertEquals("Missing field \"count\".", assertThrows(ApiError.class,
                () -> shaped("{\"list\": []}")).getMessage());
        assertThrows(ApiError.class, () -> shaped("{\"list\": [1], \"count\": 0}"));
        assertThrows(ApiError.class, () -> shaped("{\"list\": [], \"count\": 1.5}"));
        assertThrows(ApiError.class, () -> shaped("{\"list\": [], \"count\": 0, \"extra\": {\"a\": {}}}"));
        assertThrows(ApiError.class, () -> shaped("{\"list\": [], \"count\": 0, \"other\": \"x\"}"));
        // A route of plain string fields still takes strings only.
        assertEquals("Field \"username\" must be a string.", refusal("{\"username\": 5}").getMessage());
    }
}
