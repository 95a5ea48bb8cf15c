package dev.vellum.client.jso;

import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;

/** The event a WebSocket fires when it closes, with the server's close code and reason. */
public interface CloseEvent extends Event {
    @JSProperty
    int getCode();

    @JSProperty
    String getReason();
}
