package dev.vellum.server.account;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body parsed strictly: one JSON object whose members are exactly the expected names, each a string, none
 * twice, and nothing after it. Binary fields are unpadded base64url of an exact length (or up to a bound). Every
 * departure is an {@link ApiError} {@code invalid-request} that names the field, so nothing half-parsed goes on.
 * (Jackson's streaming parser, which Vert.x itself parses JSON with: its tree API would keep the last of two
 * same-named members without a word.)
 */
public final class JsonBody {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(64 * 1024)
                    .build())
            .build();

    private final Map<String, String> fields;

    private JsonBody(Map<String, String> fields) {
        this.fields = fields;
    }

    /**
     * @param names the members the request must have, and may only have
     * @throws ApiError {@code invalid-request} for anything but such an object
     */
    public static JsonBody parse(byte[] body, Set<String> names) throws ApiError {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.invalidRequest("The request body must be a JSON object.");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!names.contains(name)) {
                    throw ApiError.invalidRequest("Unexpected field \"" + printable(name) + "\"; expected "
                            + (names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names))) + ".");
                }
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw ApiError.invalidRequest("Field \"" + name + "\" must be a string.");
                }
                fields.put(name, parser.getText());
            }
            if (token != JsonToken.END_OBJECT) {
                throw ApiError.invalidRequest("The request body must be one JSON object.");
            }
            if (parser.nextToken() != null) {
                throw ApiError.invalidRequest("Nothing may follow the JSON object.");
            }
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; say only where it went wrong.
            boolean duplicate = e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
            // Parsed from bytes, Jackson counts bytes; it has no character offset (-1).
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            String where = offset < 0 ? "" : " (at byte " + offset + ")";
            throw ApiError.invalidRequest("The request body is not valid JSON" + where
                    + (duplicate ? ": a field appears twice." : "."));
        } catch (IOException e) {
            throw ApiError.invalidRequest("The request body could not be read.");
        }
        for (String name : names) {
            if (!fields.containsKey(name)) {
                throw ApiError.invalidRequest("Missing field \"" + name + "\".");
            }
        }
        return new JsonBody(fields);
    }

    public String text(String name) {
        return fields.get(name);
    }

    /** Exactly {@code length} bytes as unpadded base64url. */
    public byte[] bytes(String name, int length) throws ApiError {
        try {
            return Base64Url.decode(fields.get(name), length);
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be " + length + " bytes of base64url: "
                    + e.getMessage() + ".");
        }
    }

    /** 1 to {@code maxLength} bytes as unpadded base64url. */
    public byte[] bytesUpTo(String name, int maxLength) throws ApiError {
        String text = fields.get(name);
        int length = text.length() * 3 / 4;
        if (text.isEmpty() || length > maxLength || text.length() != (length * 4 + 2) / 3) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be 1 to " + maxLength
                    + " bytes of unpadded base64url.");
        }
        return bytes(name, length);
    }

    /** A field name fit to repeat in a message: short, printable ASCII. */
    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
