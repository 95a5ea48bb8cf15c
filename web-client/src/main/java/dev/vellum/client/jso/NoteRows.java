package dev.vellum.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The rows of a workspace's note list, made in one call each and put into the list in one write: a list of 500
 * notes made element by element from WebAssembly (each call crossing into JavaScript, each row with its own
 * listeners, each date formatted by a fresh {@code toLocaleString}) took a third of a workspace's opening. Text goes in
 * as {@code textContent}, not {@code innerText}, whose setter also turns line breaks into elements. Rows carry
 * their note in {@code data-note} and their buttons an action in {@code data-action}, so the list needs one click
 * listener (see {@link #clickedAction} and {@link #clickedNote}).
 */
public final class NoteRows {
    private NoteRows() {
    }

    /**
     * Formats ms since the epoch in the person's locale and time zone, as {@link BrowserPage#localTimeMillis}: the
     * one boot.js made while the wasm was on its way (a page's first {@code Intl.DateTimeFormat} loads locale data).
     */
    @JSBody(script = "return VellumEarly.dateFormat();")
    public static native JSObject dateFormat();

    /** A fragment to collect rows in before they go into the page at once. */
    @JSBody(script = "return document.createDocumentFragment();")
    public static native JSObject fragment();

    /**
     * Appends one row to {@code fragment}: a link named by {@code label} to {@code href}, a "title not verified" badge
     * unless {@code verified}, the time of the last change (if {@code updatedAt > 0}), and for writers the buttons
     * "Rename" and "Delete" with accessible names "Rename label" and "Delete label".
     */
    @JSBody(params = {"fragment", "format", "note", "href", "label", "verified", "updatedAt", "canWrite"},
            script = ""
            + "const item = document.createElement('li');"
            + "item.setAttribute('data-note', note);"
            + "const link = document.createElement('a');"
            + "link.setAttribute('href', href); link.textContent = label; item.appendChild(link);"
            + "if (!verified) { const badge = document.createElement('span'); badge.className = 'badge badge-warn';"
            + "  badge.textContent = 'title not verified'; item.appendChild(badge); }"
            + "if (updatedAt > 0) { const when = document.createElement('span'); when.className = 'meta';"
            + "  when.textContent = format.format(updatedAt); item.appendChild(when); }"
            + "if (canWrite) { for (const action of ['Rename', 'Delete']) {"
            + "  const button = document.createElement('button'); button.setAttribute('type', 'button');"
            + "  button.textContent = action; button.setAttribute('aria-label', action + ' ' + label);"
            + "  button.setAttribute('data-action', action.toLowerCase()); item.appendChild(button); } }"
            + "fragment.appendChild(item);")
    public static native void append(JSObject fragment, JSObject format, String note, String href, String label,
                                     boolean verified, double updatedAt, boolean canWrite);

    /** Replaces the list's rows by the fragment's, in one write. */
    @JSBody(params = {"list", "fragment"}, script = "list.replaceChildren(fragment);")
    public static native void replaceRows(HTMLElement list, JSObject fragment);

    /** The {@code data-action} of the row button a click in the list landed on, or null. */
    @JSBody(params = "event", script = "const button = event.target.closest && event.target.closest('button[data-action]');"
            + "return button ? button.getAttribute('data-action') : null;")
    public static native String clickedAction(JSObject event);

    /** The row ({@code li} with {@code data-note}) a click in the list landed in, or null. */
    @JSBody(params = "event", script = "return event.target.closest ? event.target.closest('li[data-note]') : null;")
    public static native HTMLElement clickedRow(JSObject event);

    /** The note id a row carries. */
    @JSBody(params = "row", script = "return row.getAttribute('data-note');")
    public static native String clickedNote(HTMLElement row);
}
