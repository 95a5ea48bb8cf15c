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
}
