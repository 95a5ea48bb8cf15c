package dev.vellum.client.ui;

import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** The views declared in index.html; exactly one is visible at a time. */
public final class Page {
    private static final String[] VIEWS = {
        "loading-view", "home-view", "editor-view", "note-busy-view", "link-error-view", "unsupported-view",
        "signup-view", "recovery-key-view", "login-view", "recover-view", "account-view",
        "workspace-view", "join-view"
    };

    private final HTMLDocument document = HTMLDocument.current();

    /** @throws IllegalStateException if index.html lacks the element, which is a build defect */
    @SuppressWarnings("unchecked")
    public <T extends HTMLElement> T element(String id) {
        HTMLElement element = document.getElementById(id);
        if (element == null) {
            throw new IllegalStateException("index.html has no element #" + id);
        }
        return (T) element;
    }

    public void show(String viewId) {
        for (String view : VIEWS) {
            element(view).setHidden(!view.equals(viewId));
        }
    }

    public void showLinkError(String message) {
        element("link-error-message").setInnerText(message);
        show("link-error-view");
    }
}
