package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * DOM calls the workspace screens need that TeaVM's bindings lack: modal dialogs, SVG elements (which need their
 * namespace), and a per-tab store for where to go on after logging in.
 */
public final class DomExtras {
    private DomExtras() {
    }

    /** Opens a {@code <dialog>} as a modal: the rest of the page is inert until it closes. */
    @JSBody(params = "dialog", script = "if (!dialog.open) { dialog.showModal(); }")
    public static native void showModal(HTMLElement dialog);

    @JSBody(params = "dialog", script = "if (dialog.open) { dialog.close(); }")
    public static native void close(HTMLElement dialog);

    /** Escape does not close this dialog: a blocking alert is closed only by one of its choices. */
    @JSBody(params = "dialog", script = "dialog.addEventListener('cancel', event => event.preventDefault());")
    public static native void keepOpenOnEscape(HTMLElement dialog);

    /**
     * An {@code <svg>} of {@code size} x {@code size} units holding one dark path on a light square; with role img
     * and {@code label} as its accessible name (presentation attributes only: the CSP forbids style attributes).
     */
    @JSBody(params = {"size", "pathData", "label"}, script = ""
            + "const ns = 'http://www.w3.org/2000/svg';"
            + "const svg = document.createElementNS(ns, 'svg');"
            + "svg.setAttribute('viewBox', '0 0 ' + size + ' ' + size);"
            + "svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', label);"
            + "svg.setAttribute('shape-rendering', 'crispEdges'); svg.setAttribute('class', 'safety-qr');"
            + "const back = document.createElementNS(ns, 'rect');"
            + "back.setAttribute('width', size); back.setAttribute('height', size); back.setAttribute('fill', '#fff');"
            + "const path = document.createElementNS(ns, 'path');"
            + "path.setAttribute('d', pathData); path.setAttribute('fill', '#000');"
            + "svg.appendChild(back); svg.appendChild(path);"
            + "return svg;")
    public static native HTMLElement svgSquare(int size, String pathData, String label);

    @JSBody(params = "element", script = "element.replaceChildren();")
    public static native void clear(HTMLElement element);

    /** sessionStorage: this tab only, gone when it closes; never sent to the server. */
    @JSBody(params = {"key", "value"}, script = "try { sessionStorage.setItem(key, value); } catch (e) {}")
    public static native void keepForThisTab(String key, String value);

    /** Reads and forgets a value kept for this tab, or null. */
    @JSBody(params = "key", script = "try { const v = sessionStorage.getItem(key); sessionStorage.removeItem(key);"
            + " return v; } catch (e) { return null; }")
    public static native String takeForThisTab(String key);
}
