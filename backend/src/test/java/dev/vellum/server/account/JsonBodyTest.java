package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
