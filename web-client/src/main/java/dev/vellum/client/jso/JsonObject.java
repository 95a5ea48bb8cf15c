package dev.vellum.client.jso;

import org.teavm.jso.JSObject;

/** A parsed JSON object from the server; read its fields with {@link JsonFields}. */
public interface JsonObject extends JSObject {
}
