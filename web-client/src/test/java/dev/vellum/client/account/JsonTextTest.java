package dev.vellum.client.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void quotesAndControlCharacters_areEscaped_soAnyTextRoundTrips() throws Exception {
        String nasty = "a\"b\\c\nd\u0001e\u2028f ünï 😀";
        String json = JsonText.object().put("name", nasty).put("bytes", new byte[] {-1, 0, 1}).toString();
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertEquals(nasty, parsed.get("name").asText());
        assertEquals("_wAB", parsed.get("bytes").asText());
    }

    @Test
    void anyLengthBase64_decodesWhatEncodeWrote() throws Exception {
        for (int length = 0; length < 40; length++) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (i * 37);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes,
                    AccountApi.anyLength(dev.vellum.encoding.Base64Url.encode(bytes)));
        }
    }
}
