package dev.vellum.client.jso;

import org.teavm.jso.JSBody;

/** Reads a {@link JsonObject} field by field; a missing or mistyped field reads as null, -1 or false. */
public final class JsonFields {
    private JsonFields() {
    }

    @JSBody(params = {"object", "name"}, script = "const v = object[name]; return typeof v === 'string' ? v : null;")
    public static native String string(JsonObject object, String name);

    @JSBody(params = {"object", "name"}, script = "const v = object[name];"
            + " return typeof v === 'number' && isFinite(v) ? v : -1;")
    public static native double number(JsonObject object, String name);

    @JSBody(params = {"object", "name"}, script = "return object[name] === true;")
    public static native boolean isTrue(JsonObject object, String name);

    @JSBody(params = {"object", "name"}, script = "const v = object[name]; return Array.isArray(v) ? v.length : -1;")
    public static native int arrayLength(JsonObject object, String name);

    @JSBody(params = {"object", "name", "index"}, script = "const v = object[name][index];"
            + " return v !== null && typeof v === 'object' ? v : null;")
    public static native JsonObject arrayItem(JsonObject object, String name, int index);

    /** The string at {@code index} of the array field {@code name}, or null if it is missing or not a string. */
    @JSBody(params = {"object", "name", "index"}, script = "const a = object[name];"
            + " const v = Array.isArray(a) ? a[index] : undefined; return typeof v === 'string' ? v : null;")
    public static native String stringItem(JsonObject object, String name, int index);

    /** The object field {@code name}, or null if it is missing or not an object. */
    @JSBody(params = {"object", "name"}, script = "const v = object[name];"
            + " return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null;")
    public static native JsonObject object(JsonObject object, String name);
}
