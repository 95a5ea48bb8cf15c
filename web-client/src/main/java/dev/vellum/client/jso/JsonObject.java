package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** A parsed JSON object from the server, read field by field; a missing or mistyped field reads as null or -1. */
public interface JsonObject extends JSObject {
    @JSBody(params = {"object", "name"}, script = "const v = object[name]; return typeof v === 'string' ? v : null;")
    static native String string(JsonObject object, String name);

    @JSBody(params = {"object", "name"}, script = "const v = object[name];"
            + " return typeof v === 'number' && isFinite(v) ? v : -1;")
    static native double number(JsonObject object, String name);

    @JSBody(params = {"object", "name"}, script = "return object[name] === true;")
    static native boolean isTrue(JsonObject object, String name);

    @JSBody(params = {"object", "name"}, script = "const v = object[name]; return Array.isArray(v) ? v.length : -1;")
    static native int arrayLength(JsonObject object, String name);

    @JSBody(params = {"object", "name", "index"}, script = "const v = object[name][index];"
            + " return v !== null && typeof v === 'object' ? v : null;")
    static native JsonObject arrayItem(JsonObject object, String name, int index);
}
