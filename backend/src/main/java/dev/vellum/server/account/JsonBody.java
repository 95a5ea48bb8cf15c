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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body parsed strictly: one JSON object whose members are exactly the expected names (the required ones,
 * and any of the optional ones), none twice, and nothing after it. A member is a string, a whole number (that fits
 * a long), an array of strings, or an object of strings (itself read as a {@code JsonBody}); which of them a route
 * expects is checked when it reads the member, before it acts on anything. Binary fields are unpadded base64url of
 * an exact length (or up to a bound). Every departure is an {@link ApiError} {@code invalid-request} that names the
 * field, so nothing half-parsed goes on. (Jackson's streaming parser, which Vert.x itself parses JSON with: its tree
 * API would keep the last of two same-named members without a word.)
 */
public final class JsonBody {
    /**
     * Strings are bounded by each API's body limit first (16 KiB for accounts, more for a workspace's contact book);
     * this only stops a parser from buffering more than any API accepts.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                    .maxStringLength(1024 * 1024).build())
            .build();

    /** The members a body must have, and those it may have besides. */
    public record Shape(Set<String> required, Set<String> optional) {
        public Shape {
            required = Set.copyOf(required);
            optional = Set.copyOf(optional);
        }

        public static Shape exactly(Set<String> names) {
            return new Shape(names, Set.of());
        }

        boolean allows(String name) {
            return required.contains(name) || optional.contains(name);
        }

        String expected() {
            Set<String> all = new TreeSet<>(required);
            all.addAll(optional);
            return all.isEmpty() ? "none" : String.join(", ", all);
        }
    }

    /** Each member's value: a String, a List of Strings, or a Map of Strings. */
    private final Map<String, Object> fields;

    private JsonBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * @param names the members the request must have, and may only have, each a string
     * @throws ApiError {@code invalid-request} for anything but such an object
     */
    public static JsonBody parse(byte[] body, Set<String> names) throws ApiError {
        JsonBody parsed = parse(body, Shape.exactly(names));
        for (String name : names) {
            parsed.text(name); // each a string
        }
        return parsed;
    }

    /** @throws ApiError {@code invalid-request} for anything but an object of this shape */
    public static JsonBody parse(byte[] body, Shape shape) throws ApiError {
        Map<String, Object> fields;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.invalidRequest("The request body must be a JSON object.");
            }
            fields = readObject(parser, shape, true);
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
        for (String name : shape.required()) {
            if (!fields.containsKey(name)) {
                throw ApiError.invalidRequest("Missing field \"" + name + "\".");
            }
        }
        return new JsonBody(fields);
    }

    /**
     * The members of an object whose start was just read. At the top ({@code top}), each member's name must fit the
     * shape and its value may be an array or an object of strings; inside, values are strings only.
     */
    private static Map<String, Object> readObject(JsonParser parser, Shape shape, boolean top) throws IOException,
            ApiError {
        Map<String, Object> fields = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (shape != null && !shape.allows(name)) {
                throw ApiError.invalidRequest("Unexpected field \"" + printable(name) + "\"; expected "
                        + shape.expected() + ".");
            }
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                fields.put(name, parser.getText());
            } else if (top && value == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                fields.put(name, parser.getLongValue());
            } else if (top && value == JsonToken.START_ARRAY) {
                fields.put(name, readStrings(parser, name));
            } else if (top && value == JsonToken.START_OBJECT) {
                fields.put(name, readObject(parser, null, false));
            } else {
                throw ApiError.invalidRequest("Field \"" + printable(name) + "\" must be a string.");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw ApiError.invalidRequest("The request body must be one JSON object.");
        }
        return fields;
    }

    private static List<String> readStrings(JsonParser parser, String name) throws IOException, ApiError {
        List<String> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(parser.getText());
        }
        if (token != JsonToken.END_ARRAY) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be an array of strings.");
        }
        return values;
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** A string member. */
    public String text(String name) throws ApiError {
        if (!(fields.get(name) instanceof String text)) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be a string.");
        }
        return text;
    }

    /** A whole number from 0 to {@code max}. */
    public long number(String name, long max) throws ApiError {
        if (!(fields.get(name) instanceof Long number) || number < 0 || number > max) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be a whole number from 0 to " + max + ".");
        }
        return number;
    }

    /** An array of at most {@code maxItems} strings, each 1 to {@code maxBytes} bytes of unpadded base64url. */
    public List<byte[]> byteList(String name, int maxItems, int maxBytes) throws ApiError {
        if (!(fields.get(name) instanceof List<?> values)) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be an array of strings.");
        }
        if (values.size() > maxItems) {
            throw ApiError.invalidRequest("Field \"" + name + "\" may hold at most " + maxItems + " items.");
        }
        List<byte[]> decoded = new ArrayList<>(values.size());
        for (Object value : values) {
            decoded.add(decodeUpTo(name + "[" + decoded.size() + "]", (String) value, maxBytes));
        }
        return decoded;
    }

    /** An object member whose members are exactly {@code names}, each a string. */
    public JsonBody object(String name, Set<String> names) throws ApiError {
        if (!(fields.get(name) instanceof Map<?, ?> members)) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be an object.");
        }
        for (Object member : members.keySet()) {
            if (!names.contains(member)) {
                throw ApiError.invalidRequest("Unexpected field \"" + printable((String) member) + "\" in \""
                        + name + "\"; expected " + String.join(", ", new TreeSet<>(names)) + ".");
            }
        }
        for (String member : names) {
            if (!members.containsKey(member)) {
                throw ApiError.invalidRequest("Missing field \"" + member + "\" in \"" + name + "\".");
            }
        }
        Map<String, Object> copy = new HashMap<>();
        members.forEach((key, value) -> copy.put((String) key, value));
        return new JsonBody(copy);
    }

    /** Exactly {@code length} bytes as unpadded base64url. */
    public byte[] bytes(String name, int length) throws ApiError {
        try {
            return Base64Url.decode(text(name), length);
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be " + length + " bytes of base64url: "
                    + e.getMessage() + ".");
        }
    }

    /** 1 to {@code maxLength} bytes as unpadded base64url. */
    public byte[] bytesUpTo(String name, int maxLength) throws ApiError {
        return decodeUpTo(name, text(name), maxLength);
    }

    private static byte[] decodeUpTo(String name, String text, int maxLength) throws ApiError {
        int length = text.length() * 3 / 4;
        if (text.isEmpty() || length > maxLength || text.length() != (length * 4 + 2) / 3) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be 1 to " + maxLength
                    + " bytes of unpadded base64url.");
        }
        try {
            return Base64Url.decode(text, length);
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be " + length + " bytes of base64url: "
                    + e.getMessage() + ".");
        }
    }

    /** A field name fit to repeat in a message: short, printable ASCII. */
    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
