package dev.vellum.client.jso;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.typedarrays.Int8Array;

/** The browser's WebSocket, which TeaVM's JSO APIs do not bind. */
@JSClass(name = "WebSocket")
public class BrowserWebSocket implements JSObject {
    public static final int OPEN = 1;

    public BrowserWebSocket(String url) {
    }

    @JSProperty
    public native void setBinaryType(String type);

    @JSProperty
    public native int getReadyState();

    public native void send(Int8Array data);

    public native void close();

    @JSProperty("onopen")
    public native void setOnOpen(EventListener<Event> listener);

    @JSProperty("onmessage")
    public native void setOnMessage(EventListener<MessageEvent> listener);

    @JSProperty("onclose")
    public native void setOnClose(EventListener<CloseEvent> listener);
}
